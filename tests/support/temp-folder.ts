import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder holding the given files. */
export function tempFolder(files: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'informal-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

/** A program of `cases` cases with `samples` samples each, checked with `exact`. */
export function generatedProgram(name: string, cases: number, samples: number, extra = ''): string {
  return [
    'prog 1',
    `program ${name}`,
    'input word: string',
    'prompt "Repeat {{ word }}."',
    'verify exact(expected)',
    ...Array.from({ length: cases }, (_, index) => `case "c${index}" { word: "w${index}" } -> "w${index}"`),
    `sample ${samples} seed 1`,
    extra,
  ].join('\n');
}
