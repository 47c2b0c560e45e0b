/**
 * docs/language.md runs as a test, so that its examples cannot drift from the language:
 * - a ```prog block is a complete program: it has no diagnostics, and it runs on the simulator;
 * - a ```text block right after a ```prog block is the first message that program sends for its first case;
 * - a ```prog-error block names the codes of the diagnostics it must give, in order (```prog-error R002 R003);
 * - a ```diagnostic block right after a ```prog-error block is exactly what `informal check` prints for it, the
 *   file being called example.prog;
 * - a block whose tag is followed by `file <path>` (```jsonl file tickets.jsonl) is a file the examples read: it is
 *   written at that path beside example.prog before any example is checked. A ```prog block with a path is also a
 *   program, checked and run like the others.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessages } from '../../src/engine/run-program.js';
import { itemKeywords } from '../../src/lang/grammar.js';
import { renderDiagnostic } from '../../src/lang/render-diagnostic.js';
import { loadProgram } from '../../src/program/load-program.js';
import { reservedNames } from '../../src/program/resolve-program.js';
import { repoRoot } from '../support/run-cli.js';
import { codesInSources } from './diagnostic-codes.js';
import { runOnSim } from './run-on-sim.js';

interface Block {
  readonly language: string;
  readonly info: readonly string[];
  readonly text: string;
  readonly line: number;
}

const markdown = readFileSync(join(repoRoot, 'docs/language.md'), 'utf8');
const blocks: Block[] = [...markdown.matchAll(/^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({
  language: match[1] as string,
  info: (match[2] as string).trim().split(/\s+/).filter(Boolean),
  text: match[3] as string,
  line: markdown.slice(0, match.index).split('\n').length,
}));
const file = 'example.prog';
const programs = blocks.filter((block) => block.language === 'prog');
const errors = blocks.filter((block) => block.language === 'prog-error');
const blockAfter = (block: Block): Block | undefined => blocks[blocks.indexOf(block) + 1];
const sideFiles = blocks.filter((block) => block.info[0] === 'file');
const sideFileKinds = ['prog', 'md', 'jsonl', 'json', 'csv', 'yaml', 'ts'];

// Inside the package, so that a verifier module's `import … from 'informal'` resolves as it does in a project.
let folder = '';
beforeAll(() => {
  mkdirSync(join(repoRoot, '.informal'), { recursive: true });
  folder = mkdtempSync(join(repoRoot, '.informal', 'language-docs-'));
  for (const block of sideFiles) {
    const path = join(folder, block.info[1] as string);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, block.text);
  }
});
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Checks a program of the reference as `informal check` would, as example.prog beside the side files. */
function load(text: string) {
  writeFileSync(join(folder, file), text);
  return loadProgram(file, folder);
}

describe('docs/language.md', () => {
  it('has tested examples: programs and programs with errors', () => {
    expect(programs.length).toBeGreaterThanOrEqual(12);
    expect(errors.length).toBeGreaterThanOrEqual(6);
    // Every fenced block is of a kind this test knows, so that none is left untested by a typo in its tag.
    expect(
      blocks.filter(
        (block) =>
          !['prog', 'prog-error', 'diagnostic', 'text', 'json'].includes(block.language) &&
          !(block.info[0] === 'file' && sideFileKinds.includes(block.language)),
      ),
    ).toEqual([]);
    for (const block of sideFiles) expect(block.info, `line ${block.line}`).toHaveLength(2);
  });

  it.each(programs.map((block) => [block.line, block] as const))(
    'the program at line %i has no diagnostics and runs on the simulator',
    async (_line, block) => {
      const loaded = await load(block.text);
      expect(loaded.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, block.text))).toEqual([]);
      const program = loaded.program;
      if (!program) throw new Error('the program did not resolve');
      const run = await runOnSim(program);
      for (const caseRun of run.cases) expect(caseRun.samples).toHaveLength(program.sampling.samples);
      expect(run.cases.some((caseRun) => caseRun.samples.some((sample) => sample.success))).toBe(true);
      const next = blockAfter(block);
      if (next?.language === 'text') {
        const [first] = program.cases;
        if (!first) throw new Error('the program has no case');
        expect(`${renderMessages(program, first)[0]?.content}\n`).toBe(next.text);
      }
    },
  );

  it.each(errors.map((block) => [block.line, block.info.join(' '), block] as const))(
    'the program at line %i gives %s',
    async (_line, _codes, block) => {
      expect(block.info.length).toBeGreaterThan(0);
      const loaded = await load(block.text);
      // A program with only warnings (W…) still resolves.
      expect(loaded.program === undefined).toBe(block.info.some((code) => !code.startsWith('W')));
      expect(loaded.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(block.info);
      const next = blockAfter(block);
      if (next?.language === 'diagnostic') {
        const rendered = loaded.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, block.text));
        expect(`${rendered.join('\n\n')}\n`).toBe(next.text);
      }
    },
  );

  it('documents every item keyword of the grammar in its table of items and in a section of its own', () => {
    for (const keyword of itemKeywords) {
      expect(markdown, keyword).toMatch(new RegExp(`^\\| \`${keyword}[\` ]`, 'm'));
      expect(markdown, keyword).toMatch(new RegExp(`^## .*\`${keyword}[\` ]`, 'm'));
    }
  });

  it('names every reserved name where it explains R020', () => {
    const row = /^\| R020 \|.*$/m.exec(markdown)?.[0] ?? '';
    for (const name of reservedNames) expect(row, name).toContain(`\`${name}\``);
  });

  it('lists every diagnostic code in its table', () => {
    const table = new Set([...markdown.matchAll(/^\| ([FPRVTW]\d{3}) \|/gm)].map((match) => match[1]));
    expect([...codesInSources()].filter((code) => !table.has(code)).sort()).toEqual([]);
    expect(table.has('F001')).toBe(true);
  });
});
