/**
 * Golden diagnostics: every `tests/lang/invalid/*.prog` is checked the way `informal check` checks it, and what the
 * command prints is compared byte for byte with `*.prog.txt` beside it.
 *
 * To add a case, drop a new `.prog` file in tests/lang/invalid/ and regenerate its golden file:
 *
 *     UPDATE_GOLDENS=1 npx vitest run tests/lang/golden-diagnostics.test.ts
 *
 * then read the new `.prog.txt` before committing it: it is the message users will see. What a program reads (an
 * imported program or module, a case or prompt file) goes in tests/lang/invalid/files/, which is not checked alone.
 * A program with only warnings must exit 0; one with an error, 2.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/check-command.js';
import { repoRoot, runCli } from '../support/run-cli.js';
import { codesInSources } from './diagnostic-codes.js';

const folder = 'tests/lang/invalid';
const update = process.env.UPDATE_GOLDENS === '1';
const programs = readdirSync(join(repoRoot, folder))
  .filter((name) => name.endsWith('.prog'))
  .sort();
/** Files the programs read (imported programs and modules, case and prompt files), kept apart so that none is checked alone. */
const sideFolder = `${folder}/files`;
const sideFiles = readdirSync(join(repoRoot, sideFolder)).sort();

/** What `informal check <file>` prints, standard error then standard output, and its exit code. */
async function check(path: string): Promise<{ text: string; status: number }> {
  let stdout = '';
  let stderr = '';
  const status = await checkCommand([path], {
    cwd: repoRoot,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { text: stderr + stdout, status };
}

describe('golden diagnostics of invalid programs', () => {
  it('has a corpus of at least 45 invalid programs, each with its golden file', () => {
    expect(programs.length).toBeGreaterThanOrEqual(45);
    if (update) return;
    const missing = programs.filter((name) => !existsSync(join(repoRoot, folder, `${name}.txt`)));
    expect(missing, 'run with UPDATE_GOLDENS=1 to write them').toEqual([]);
  });

  it.each(programs)('%s renders exactly as its golden file', async (name) => {
    const path = `${folder}/${name}`;
    const { text, status } = await check(path);
    expect(text).toMatch(/ (error [PRVT]|warning W)\d{3}: /);
    // A program with only warnings (lints) passes the check; any error fails it.
    const hasError = / error [PRVT]\d{3}: /.test(text);
    expect(status).toBe(hasError ? 2 : 0);
    const golden = join(repoRoot, `${path}.txt`);
    if (update) writeFileSync(golden, text);
    expect(text).toMatch(/^1 program file checked, [1-9]\d* diagnostics? \(\d+ errors?, \d+ warnings?\)\n$/m);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('covers every diagnostic code the parser, the resolver and the verifier checks can produce', async () => {
    const seen = new Set<string>();
    for (const name of programs) {
      const { text } = await check(`${folder}/${name}`);
      for (const match of text.matchAll(/ (?:error|warning) ([PRVTW]\d{3}): /g)) seen.add(match[1] as string);
    }
    const unseen = [...codesInSources()].filter((code) => !seen.has(code)).sort();
    expect(unseen, 'add an invalid program that produces each of these').toEqual([]);
  });

  it('keeps in files/ only what some program of the corpus reads', () => {
    const sources = programs.map((name) => readFileSync(join(repoRoot, folder, name), 'utf8'));
    const sideSources = sideFiles.map((name) => readFileSync(join(repoRoot, sideFolder, name), 'utf8'));
    const unread = sideFiles.filter((name) => ![...sources, ...sideSources].some((text) => text.includes(`/${name}"`)));
    expect(unread, 'delete them, or add the program that reads them').toEqual([]);
  });

  it('matches what the installed command prints, run as a child process', () => {
    const name = 'many-mistakes.prog';
    const result = runCli(['check', `${folder}/${name}`]);
    expect(result.status).toBe(2);
    expect(result.stderr + result.stdout).toBe(readFileSync(join(repoRoot, folder, `${name}.txt`), 'utf8'));
  });
});
