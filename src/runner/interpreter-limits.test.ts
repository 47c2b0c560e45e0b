import { describe, expect, it } from 'vitest';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { InterpreterLimits } from './interpreter-limits.js';

const sim = createSimInterpreter(simProfiles.large as NonNullable<(typeof simProfiles)['large']>);

describe('InterpreterLimits', () => {
  it('shares one limit per interpreter id, and never allows more calls than the interpreter takes at once', () => {
    const limits = new InterpreterLimits();
    const entry = { name: 'large', id: sim.id };
    const first = limits.of(sim, entry, 8);
    expect(first.concurrency.limit).toBe(8);
    expect(limits.of(sim, entry, 64)).toBe(first);
    // An interpreter with two sequences (as a llama model may have) gets a limit of 2, whatever the concurrency.
    const narrow = { ...sim, id: 'sim:narrow', maxConcurrentCalls: 2 };
    expect(limits.of(narrow, { name: 'narrow', id: narrow.id }, 64).concurrency.limit).toBe(2);
  });
});
