/**
 * Property tests of parse + resolve + check on random and mutated programs: nothing throws, and every problem is a
 * diagnostic whose span lies in the file and whose rendered `file:line:col` and excerpt point at the real place.
 * The seed is fixed so that a failure reproduces; fast-check prints the shrunk counterexample.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/lang/diagnostic.js';
import { renderDiagnostic } from '../../src/lang/render-diagnostic.js';
import { compileProgram } from '../../src/program/load-program.js';
import { repoRoot } from '../support/run-cli.js';
import { mutatedText, programText } from './program-arbitrary.js';

const seed = 20_261_127;
const file = 'fuzz.prog';

const corpus = ['tests/lang/valid', 'tests/lang/valid/files', 'examples/quickstart', 'examples/composition'].flatMap(
  (folder) =>
    readdirSync(join(repoRoot, folder))
      .filter((name) => name.endsWith('.prog'))
      .map((name) => readFileSync(join(repoRoot, folder, name), 'utf8')),
);

/** Each control character and bidirectional override as one visible character, as diagnostics show them. */
function shownAsText(line: string): string {
  return [...line]
    .map((character) => {
      const code = character.codePointAt(0) as number;
      if (code < 0x20) return String.fromCodePoint(0x2400 + code);
      if (code === 0x7f) return '\u2421';
      const reorders = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
      return (code >= 0x80 && code <= 0x9f) || reorders ? '\ufffd' : character;
    })
    .join('');
}

/** Line and column of an offset, counted independently of the code under test. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) as string).length + 1 };
}

/** Checks one program text; returns the codes of its diagnostics, `ok` when it has none, so runs can count them. */
function checkText(text: string): string[] {
  const loaded = compileProgram(text, file);
  const lines = text.split('\n');
  for (const diagnostic of loaded.diagnostics) {
    const { start, end } = diagnostic.span;
    const where = `${diagnostic.code} ${diagnostic.message} at [${start}, ${end}) in ${JSON.stringify(text)}`;
    expect(diagnostic.code, where).toMatch(/^[PRVTW]\d{3}$/);
    expect(['error', 'warning'], where).toContain(diagnostic.severity);
    expect(Number.isInteger(start) && Number.isInteger(end), where).toBe(true);
    expect(0 <= start && start <= end && end <= text.length, where).toBe(true);
    expect(diagnostic.message, where).not.toMatch(/undefined|NaN|\[object Object\]/);
    expect(diagnostic.hint ?? '', where).not.toMatch(/undefined|NaN|\[object Object\]/);

    const rendered = renderDiagnostic(diagnostic, text).split('\n');
    const { line, column } = lineAndColumn(text, start);
    expect(
      rendered[0]?.startsWith(`${file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code}: `),
      where,
    ).toBe(true);
    expect(rendered[1], where).toMatch(/^ +\|$/);
    const rawLine = lines[line - 1] as string;
    expect(rendered[2], where).toBe(`${line} | ${shownAsText(rawLine.replace(/\r$/, '').replace(/\t/g, ' '))}`);
    // A point at the end of a line may sit on the line break itself (`\r` of a CRLF file, or `\n`).
    expect(column, where).toBeLessThanOrEqual(rawLine.length + 1);
    expect(rendered[3], where).toMatch(/^ *\| *\^+$/);
  }
  expect(loaded.program !== undefined, JSON.stringify(text)).toBe(!hasErrors(loaded.diagnostics));
  return loaded.diagnostics.length === 0 ? ['ok'] : loaded.diagnostics.map((diagnostic) => diagnostic.code);
}

/** Codes of steps, judges, files a program reads, metrics and types that generated programs must reach (no file exists here, so calls of imported programs stop at R021). */
const newCodes = ['R010', 'R020', 'R021', 'R025', 'R027', 'R035', 'R037', 'R040', 'T001', 'T002', 'T003', 'W001'];

/** Generous for a shared machine: each test takes 10 to 30 s there, depending on load. */
const timeout = 120_000;

describe('parse, resolve and check never throw, and place every diagnostic in the file', () => {
  it(
    'on 7,000 programs generated from a model of the grammar',
    () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(programText, (text) => {
          for (const code of checkText(text)) seen.add(code);
        }),
        { seed, numRuns: 7_000 },
      );
      // The model reaches the resolver and the verifier checks, and makes valid programs, not only syntax errors.
      for (const code of ['ok', 'P001', 'P002', 'R001', 'R002', 'R004', 'R011', 'R012', 'V001', 'V002', ...newCodes]) {
        expect(seen, [...seen].sort().join(' ')).toContain(code);
      }
    },
    timeout,
  );

  it(
    'on 3,000 valid programs with characters and tokens deleted, inserted, duplicated and swapped',
    () => {
      fc.assert(
        fc.property(mutatedText(corpus), (text) => {
          checkText(text);
        }),
        { seed, numRuns: 3_000 },
      );
    },
    timeout,
  );
});
