import { describe, expect, it } from 'vitest';
import { planSamples } from './plan-samples.js';
import { createProgramRunSetup } from './program-run-setup.js';
import type { RunProgramOptions } from './run-program-options.js';
import { capitalsProgram, mediumSim } from './testing/capitals-program.js';

const program = capitalsProgram(7);
const interpreter = mediumSim;

/** The plan's samples as `case:index`, in plan order, made in chunks of `size`. */
function planned(options: Omit<RunProgramOptions, 'interpreter'>, size: number) {
  const plan = planSamples(createProgramRunSetup(program, { interpreter, ...options }));
  const chunks = [...plan.chunks(size)];
  return { plan, chunks, samples: chunks.flat().map((sample) => `${sample.testCase.id}:${sample.index}`) };
}

describe('planSamples', () => {
  it('makes the plan in chunks of the size asked, the same samples as in one piece, and counts them', () => {
    const whole = planned({}, 1_000);
    expect(whole.samples).toHaveLength(21);
    expect(whole.samples.slice(0, 8)).toEqual(['fr:0', 'fr:1', 'fr:2', 'fr:3', 'fr:4', 'fr:5', 'fr:6', 'jp:0']);
    const inFours = planned({}, 4);
    expect(inFours.chunks.map((chunk) => chunk.length)).toEqual([4, 4, 4, 4, 4, 1]);
    expect(inFours.samples).toEqual(whole.samples);
    expect(whole.plan.planned).toBe(21);
    expect([...whole.plan.plannedByCase]).toEqual([
      ['fr', 7],
      ['jp', 7],
      ['ca', 7],
    ]);
  });

  it('counts each shard and each range of samples as it draws them, every sample in exactly one shard', () => {
    const ranges = new Map([
      ['fr', { from: 2, to: 7 }],
      ['ca', { from: 0, to: 3 }],
    ]);
    for (const samplesByCase of [undefined, ranges]) {
      const all = planned(samplesByCase ? { samplesByCase } : {}, 3).samples;
      const parts: string[] = [];
      for (const index of [1, 2, 3, 4, 5]) {
        const part = planned({ shard: { index, count: 5 }, ...(samplesByCase ? { samplesByCase } : {}) }, 2);
        expect(part.plan.planned).toBe(part.samples.length);
        const byCase = new Map<string, number>();
        for (const sample of part.samples) {
          const caseId = sample.split(':')[0] as string;
          byCase.set(caseId, (byCase.get(caseId) ?? 0) + 1);
        }
        expect(new Map(part.plan.plannedByCase)).toEqual(byCase);
        parts.push(...part.samples);
      }
      expect([...parts].sort()).toEqual([...all].sort());
    }
  });
});
