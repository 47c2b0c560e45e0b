import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempFolder } from './temp-folder.js';

/**
 * A program whose expected answers, and so the simulator's outputs (the answer or a near miss), hold `<script>`,
 * `<img onerror>`, a `javascript:` link, Markdown table pipes and text that would break XML. Its expectation fails.
 */
export const hostileProgram = `prog 1
program hostile "Outputs that hold <b>markup</b> & | pipes"
input id: string
prompt "Say the thing for {{ id }} <script>window.__pwned = 4</script>."
verify exact(expected)
case "script" { id: "a" } -> "<script>window.__pwned = 1; alert(1)</script>"
case "img" { id: "b" } -> "<img src=x onerror=window.__pwned=2;alert(2)>"
case "link" { id: "c" } -> "<a href=javascript:window.__pwned=3>click me</a> | **bold** & </textarea>"
sample 6 seed 1
expect pass@1 >= 0.99
`;

/** A program with a composed verifier, for recomputing its score tree by hand. */
export const composedProgram = `prog 1
program composed "A composed verifier"
input country: string
prompt "Capital of {{ country }}? Answer with the city only."
verify 0.6 * contains(expected) + 0.4 * (length({ max: 3 }) and exact(expected))
pass when score >= 0.5
case "france" { country: "France" } -> "Paris"
case "italy" { country: "Italy" } -> "Rome"
case "cuba" { country: "Cuba" } -> "Ha"
sample 12 seed 2
expect pass@1 >= 0.9
`;

/** A folder holding the given programs, and a fresh store path beside it. */
export function programFolder(files: Record<string, string>): { folder: string; store: string } {
  return { folder: tempFolder(files), store: join(mkdtempSync(join(tmpdir(), 'informal-store-')), 'store.sqlite') };
}
