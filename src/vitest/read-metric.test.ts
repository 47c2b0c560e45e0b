import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ProgramSummary } from '../runner/program-summary.js';
import { passAtK } from '../stats/pass-at-k.js';
import { standardError } from '../stats/standard-error.js';
import { readMetric } from './read-metric.js';
import { runProgramFile } from './run-program-file.js';

const program = (cases: readonly string[]) =>
  [
    'prog 1',
    'program spelling',
    'input word: string',
    'prompt "Spell {{ word }}."',
    'verify edit_similarity(output, expected)',
    'pass when score >= 0.99',
    ...cases.map((word) => `case "${word}" { word: "${word}" } -> "${word}"`),
    'sample 16 seed 2',
  ].join('\n');

describe('readMetric', () => {
  let several: ProgramSummary;
  let one: ProgramSummary;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'informal-read-metric-'));
    writeFileSync(join(folder, 'several.prog'), program(['cat', 'window', 'encyclopaedia', 'ox']));
    writeFileSync(join(folder, 'one.prog'), program(['window']));
    several = await runProgramFile('several.prog', { cwd: folder, interpreter: 'sim:small', store: false });
    one = await runProgramFile('one.prog', { cwd: folder, interpreter: 'sim:small', store: false });
  });

  test('over several cases: the mean of per-case values, with the standard error over cases', () => {
    const reading = readMetric({ name: 'pass@k', k: 4 }, several);
    const perCase = several.cases.map(({ n, c }) => passAtK(n, c, 4));
    expect(reading.cases.map((caseReading) => caseReading.value)).toEqual(perCase);
    const expected = standardError(perCase);
    expect(reading.value).toEqual({ defined: true, value: expected.estimate });
    expect(reading.interval).toEqual({
      lower: Math.max(0, expected.lower),
      upper: Math.min(1, expected.upper),
      level: 0.95,
      basis: 'cases',
      count: 4,
    });
  });

  test('over one case: the interval comes from its samples', () => {
    const reading = readMetric({ name: 'pass@k', k: 1 }, one);
    expect(reading.interval?.basis).toBe('samples');
    expect(reading.interval?.count).toBe(16);
    const [counts] = one.cases;
    const value = (counts?.c ?? 0) / 16;
    expect(reading.value).toEqual({ defined: true, value });
    expect(reading.interval?.lower).toBeLessThan(value);
    expect(reading.interval?.upper).toBeGreaterThan(value);
    const score = readMetric({ name: 'mean-score' }, one);
    expect(score.interval?.basis).toBe('samples');
    // One case of a program of several is read alone, as an expectation on that case is.
    const window = readMetric({ name: 'mean-score' }, several, 'window');
    expect(window.cases.map((caseReading) => caseReading.caseId)).toEqual(['window']);
    expect(window.interval?.basis).toBe('samples');
  });

  test('real scores give a mean score below max@k, and a metric that needs more samples says which case lacks them', () => {
    const mean = readMetric({ name: 'mean-score' }, several);
    const best = readMetric({ name: 'max@k', k: 4 }, several);
    if (!mean.value.defined || !best.value.defined) throw new Error('both are defined');
    expect(best.value.value).toBeGreaterThan(mean.value.value);
    expect(readMetric({ name: 'max@k', k: 17 }, several).value).toEqual({
      defined: false,
      reason: 'case "cat" has 16 scored samples, fewer than k = 17',
    });
    expect(readMetric({ name: 'pass@k', k: 1 }, several, 'dog').value).toEqual({
      defined: false,
      reason: 'the program has no case "dog"',
    });
  });
});
