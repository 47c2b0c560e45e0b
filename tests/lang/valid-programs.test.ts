/**
 * The valid corpus: every `tests/lang/valid/*.prog` parses and resolves without a diagnostic, with what it imports
 * and reads, and runs on the simulator: every planned sample is drawn and scored. To add a case, drop a `.prog`
 * file in tests/lang/valid/; what it reads (imported programs and modules, prompt and case files) goes in
 * tests/lang/valid/files/, whose programs are checked and run too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProg } from '../../src/lang/parse.js';
import { renderDiagnostic } from '../../src/lang/render-diagnostic.js';
import { loadProgram } from '../../src/program/load-program.js';
import { repoRoot } from '../support/run-cli.js';
import { runOnSim } from './run-on-sim.js';

const folder = 'tests/lang/valid';
const programs = [
  ...readdirSync(join(repoRoot, folder)).filter((name) => name.endsWith('.prog')),
  ...readdirSync(join(repoRoot, folder, 'files'))
    .filter((name) => name.endsWith('.prog'))
    .map((name) => `files/${name}`),
].sort();

describe('valid programs', () => {
  it('has a corpus of at least 12 programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(12);
  });

  it.each(programs)('%s has no diagnostics and runs on the simulator', async (name) => {
    const file = `${folder}/${name}`;
    const loaded = await loadProgram(file, repoRoot);
    expect(loaded.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, loaded.source))).toEqual([]);
    const program = loaded.program;
    if (!program) throw new Error(`${file} did not resolve`);
    const run = await runOnSim(program);
    expect(run.cases.map((caseRun) => caseRun.caseId)).toEqual(program.cases.map((testCase) => testCase.id));
    for (const caseRun of run.cases) {
      expect(caseRun.samples).toHaveLength(program.sampling.samples);
      for (const sample of caseRun.samples) {
        expect(['scored', 'unscored', 'error']).toContain(sample.score.status);
        if (sample.score.status === 'scored') {
          expect(sample.score.value).toBeGreaterThanOrEqual(0);
          expect(sample.score.value).toBeLessThanOrEqual(1);
        } else expect(sample.score.value).toBeNull();
      }
    }
    // The simulator answers some samples right: each program's verifier must recognise at least one of them.
    expect(run.cases.some((caseRun) => caseRun.samples.some((sample) => sample.success))).toBe(true);
  });

  it('together use every kind of item, type, expression, literal, operator and sampling setting', () => {
    const found = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === 'object') {
        const node = value as Record<string, unknown>;
        if (typeof node.kind === 'string') found.add(node.kind);
        if (typeof node.operator === 'string') found.add(`operator ${node.operator}`);
        if (typeof node.role === 'string') found.add(`role ${node.role}`);
        if (node.kind === 'primitive') found.add(`type ${String(node.name)}`);
        if (node.kind === 'expect') found.add(String((node.metric as { name: string }).name));
        if (node.kind === 'sample') for (const setting of node.settings as { name: string }[]) found.add(setting.name);
        if (node.kind === 'judge')
          for (const setting of node.settings as { name: string }[]) found.add(`judge ${setting.name}`);
        if (node.kind === 'step') found.add(`step ${(node.body as { kind: string }).kind}`);
        if (node.kind === 'import')
          found.add(
            `import ${String((node.from as { value: string }).value)
              .split('.')
              .pop()}`,
          );
        if (node.kind === 'case' && (node.expectations as unknown[]).length > 0) found.add('case expect');
        if (node.kind === 'cases-from') {
          found.add(
            `cases from ${String((node.path as { value: string }).value)
              .split('.')
              .pop()}`,
          );
          if (node.mapping) found.add('cases from mapping');
        }
        Object.values(node).forEach(walk);
      }
    };
    for (const name of programs) walk(parseProg(readFileSync(join(repoRoot, folder, name), 'utf8'), name).document);
    const constructs = [
      ...['model', 'input', 'output', 'message', 'role system', 'role user', 'verify', 'pass-when', 'case'],
      ...['sample', 'temperature', 'top_p', 'max_tokens', 'seed', 'expect', 'pass@k', 'pass^k'],
      ...['max@k', 'g-pass@k', 'mean-score', 'attempts', 'pass@inf', 'error-rate', 'case expect'],
      ...['import prog', 'import ts', 'step call', 'step prompt', 'file', 'inline'],
      ...['judge', 'judge model', 'judge samples', 'judge temperature'],
      ...[
        'cases-from',
        'cases from jsonl',
        'cases from json',
        'cases from csv',
        'cases from yaml',
        'cases from mapping',
      ],
      ...['object', 'array', 'enum', 'type string', 'type number', 'type integer', 'type boolean'],
      ...['binary', 'not', 'negate', 'member', 'call', 'name', 'literal', 'interpolation', 'text'],
      ...['string', 'number', 'boolean', 'null'],
      ...['tool', 'environment', 'agent', 'history', 'role assistant', 'simulate-user'],
      ...['and', 'or', '+', '-', '*', '/', '>=', '>', '<=', '<', '==', '!='].map((operator) => `operator ${operator}`),
    ];
    expect(constructs.filter((construct) => !found.has(construct))).toEqual([]);
  });
});
