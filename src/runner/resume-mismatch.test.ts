import { describe, expect, it } from 'vitest';
import type { PlannedProgramRun, RunPlan } from '../store/run-plan.js';
import { plannedSamples } from '../store/run-plan.js';
import { resumeCommandLine } from './resume-command-line.js';
import { findResumeMismatch } from './resume-mismatch.js';

const planned = (overrides: Partial<PlannedProgramRun> = {}): PlannedProgramRun => ({
  program: 'capitals',
  interpreterId: 'sim',
  programHash: 'a'.repeat(64),
  seed: 1,
  samplesPerCase: 20,
  cases: ['france', 'japan'],
  settings: { temperature: 0.7 },
  ...overrides,
});

const plan = (...programRuns: PlannedProgramRun[]): RunPlan => ({ programRuns });

describe('findResumeMismatch', () => {
  it('finds none when the same samples are asked for, whatever the order of interpreters', () => {
    const stored = plan(planned(), planned({ interpreterId: 'sim:small' }));
    const requested = plan(planned({ interpreterId: 'sim:small' }), planned());
    expect(findResumeMismatch({ plan: stored }, { plan: requested })).toBeUndefined();
  });

  it('names the samples per case, the sampling settings and an edited program, with both values', () => {
    const stored = { plan: plan(planned()) };
    expect(findResumeMismatch(stored, { plan: plan(planned({ samplesPerCase: 50 })) })).toEqual({
      setting: 'samples',
      program: 'capitals',
      stored: '20',
      requested: '50',
    });
    // A config's `sampling` changes what is sent without changing the program's hash.
    expect(findResumeMismatch(stored, { plan: plan(planned({ settings: { temperature: 0, maxTokens: 9 } })) })).toEqual(
      { setting: 'settings', program: 'capitals', stored: 'temperature 0.7', requested: 'maxTokens 9, temperature 0' },
    );
    expect(findResumeMismatch(stored, { plan: plan(planned({ programHash: 'b'.repeat(64) })) })).toEqual({
      setting: 'program',
      program: 'capitals',
      stored: `hash ${'a'.repeat(12)}`,
      requested: `hash ${'b'.repeat(12)}`,
    });
  });

  it('checks a partial plan as far as it goes: programs it had not reached may be added, others not', () => {
    const { cases: _cases, settings: _settings, ...started } = planned();
    const stored = { plan: { partial: true as const, programRuns: [started] } };
    const more = plan(planned({ cases: ['france'] }), planned({ program: 'arithmetic' }));
    expect(findResumeMismatch(stored, { plan: more })).toBeUndefined();
    expect(findResumeMismatch(stored, { plan: plan(planned({ program: 'arithmetic' })) })).toEqual({
      setting: 'programs',
      stored: 'capitals',
      requested: 'arithmetic',
    });
  });

  it('shortens long lists to one line', () => {
    const many = plan(...['a', 'b', 'c', 'd', 'e', 'f'].map((program) => planned({ program })));
    expect(findResumeMismatch({ plan: many }, { plan: plan(planned({ program: 'a' })) })?.stored).toBe(
      'a, b, c, d and 2 more',
    );
  });
});

describe('plannedSamples', () => {
  it('counts every case × sample, or a shard’s part of each program run; adaptive plans have no fixed count', () => {
    const two = plan(planned(), planned({ interpreterId: 'sim:small', cases: ['x'], samplesPerCase: 3 }));
    expect(plannedSamples(two)).toBe(43);
    // Of 40 positions, 1/3 takes 0, 3, …, 39 (14) and 3/3 takes 2, 5, …, 38 (13); of 3, each takes one.
    expect(plannedSamples(two, { index: 1, count: 3 })).toBe(15);
    expect(plannedSamples(two, { index: 3, count: 3 })).toBe(14);
    expect(plannedSamples({ ...two, adaptive: { targetWidth: 0.1 } })).toBeUndefined();
  });
});

describe('resumeCommandLine', () => {
  it('replaces --resume in either form and quotes what a shell would split or expand', () => {
    expect(resumeCommandLine(['test', '-t', "capitals/(france|d'ivoire)", '--resume=old', 'x.prog'], 'new')).toBe(
      `test -t 'capitals/(france|d'\\''ivoire)' x.prog --resume new`,
    );
    expect(resumeCommandLine(['test', '--resume', 'old', '--store', 'a b.sqlite'], 'latest')).toBe(
      "test --store 'a b.sqlite' --resume latest",
    );
  });
});
