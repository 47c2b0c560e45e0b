import { describe, expect, it } from 'vitest';
import { generatedProgram, tempFolder } from '../../tests/support/temp-folder.js';
import { compileProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import { planRun } from './plan-run.js';
import { resolveBaseSeed } from './resolve-base-seed.js';
import { runSuite } from './run-suite.js';

const compiled = (sample: string) =>
  compileProgram(`prog 1\nprogram p\nprompt "hi"\nverify exact("hi")\ncase "a" {}\n${sample}\n`, 'p.prog')
    .program as Program;

describe('resolveBaseSeed', () => {
  it('takes the seed option, then the program’s `sample … seed`, then 0', () => {
    expect(resolveBaseSeed(compiled('sample 2 seed 7'), 3)).toBe(3);
    expect(resolveBaseSeed(compiled('sample 2 seed 7'), 0)).toBe(0);
    expect(resolveBaseSeed(compiled('sample 2 seed 7'))).toBe(7);
    expect(resolveBaseSeed(compiled('sample 2'))).toBe(0);
  });

  it('is the seed the plan records and the program runs with', async () => {
    const cwd = tempFolder({ 'p.prog': generatedProgram('p', 2, 2) });
    for (const seed of [undefined, 4]) {
      const result = await runSuite({ paths: ['p.prog'], cwd, store: false, ...(seed !== undefined ? { seed } : {}) });
      const summary = result.programs[0];
      const program = result.loaded[0]?.program as Program;
      const plan = planRun([{ program, interpreterIds: ['sim'] }], seed !== undefined ? { seed } : {});
      expect(summary?.run.baseSeed).toBe(seed ?? 1);
      expect(plan.programRuns[0]?.seed).toBe(seed ?? 1);
    }
  });
});
