import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { MetricReference } from '../program/program.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { caseMetric } from '../stats/case-metric.js';
import { metricValue } from '../stats/metric-value.js';
import { passAtK } from '../stats/pass-at-k.js';
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

  test("over several cases: the runner's value and interval over cases, and each case's value from caseMetric", () => {
    const metric = { name: 'pass@k', k: 4 } as const;
    const reading = readMetric(metric, several);
    expect(reading.name).toBe('pass@4');
    expect(reading.value).toEqual(metricValue(metric, several.cases));
    if (!reading.value.defined) throw new Error('pass@4 is defined');
    expect(reading.value.interval?.method).toBe('cases');
    expect(reading.value.noise?.cases).toBe(4);
    // The value is the mean of the per-case unbiased estimates, as `informal test` computes it.
    const perCase = several.cases.map(({ n, c }) => passAtK(n, c, 4));
    expect(reading.value.value).toBeCloseTo(perCase.reduce((sum, value) => sum + value, 0) / 4, 12);
    expect(reading.cases.map((caseReading) => caseReading.value)).toEqual(
      several.cases.map((outcomes) => caseMetric(metric, outcomes)),
    );
    expect(reading.cases.map(({ caseId, n, c, errors, drawn }) => ({ caseId, n, c, errors, drawn }))).toEqual(
      several.cases.map(({ caseId, n, c, errors, drawn }) => ({ caseId, n, c, errors, drawn })),
    );
  });

  test('over one case: the interval of that case, whether the program has one case or it is named', () => {
    const reading = readMetric({ name: 'pass@k', k: 1 }, one);
    const [counts] = one.cases;
    const value = (counts?.c ?? 0) / 16;
    if (!reading.value.defined) throw new Error('pass@1 is defined');
    expect(reading.value.value).toBe(value);
    expect(reading.value.interval?.method).toBe('case');
    expect(reading.value.interval?.lower).toBeLessThan(value);
    expect(reading.value.interval?.upper).toBeGreaterThan(value);
    const window = readMetric({ name: 'mean-score' }, several, 'window');
    expect(window.cases.map((caseReading) => caseReading.caseId)).toEqual(['window']);
    expect(window.value).toEqual(metricValue({ name: 'mean-score' }, several.cases, { caseId: 'window' }));
    if (!window.value.defined) throw new Error('the mean score is defined');
    expect(window.value.interval?.method).toBe('case');
  });

  test('every metric the runner has reads, and one that needs more samples says which case lacks them', () => {
    const metrics: MetricReference[] = [
      { name: 'pass^k', k: 2 },
      { name: 'g-pass@k', k: 4, tau: 0.5 },
      { name: 'max@k', k: 4 },
      { name: 'mean-score' },
      { name: 'attempts', budget: 8 },
      { name: 'pass@inf' },
      { name: 'error-rate' },
    ];
    for (const metric of metrics) {
      const reading = readMetric(metric, several);
      expect(reading.value.defined, reading.name).toBe(true);
      expect(reading.cases.every((caseReading) => caseReading.value.defined)).toBe(true);
    }
    const mean = readMetric({ name: 'mean-score' }, several);
    const best = readMetric({ name: 'max@k', k: 4 }, several);
    if (!mean.value.defined || !best.value.defined) throw new Error('both are defined');
    expect(best.value.value).toBeGreaterThan(mean.value.value);
    expect(readMetric({ name: 'max@k', k: 17 }, several).value).toEqual({
      defined: false,
      reason: 'case "cat" has 16 scored samples, fewer than k = 17',
    });
    const missing = readMetric({ name: 'pass@k', k: 1 }, several, 'dog');
    expect(missing.value).toEqual({ defined: false, reason: 'no case "dog" in the run' });
    expect(missing.cases).toEqual([]);
  });
});
