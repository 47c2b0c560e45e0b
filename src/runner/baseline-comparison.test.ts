import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseSamplingVariance } from '../stats/case-metric.js';
import { pairedDifference } from '../stats/paired-difference.js';
import { passAtK } from '../stats/pass-at-k.js';
import { baselineAlpha, baselineEntryOf, compareWithBaseline } from './baseline-comparison.js';
import { type Baseline, BaselineFileError, formatBaseline, readBaseline, writeBaseline } from './baseline-file.js';
import type { ProgramSummary } from './program-summary.js';
import { outcomeOfCounts, summaryOfCounts } from './testing/summary-of-counts.js';

const outcome = outcomeOfCounts;

/** A summary with just what the comparison reads: cases, pass@1 and pass@4, hash and interpreter. */
const summaryOf = (counts: readonly [number, number][], hash = 'h1'): ProgramSummary =>
  summaryOfCounts(counts, {
    hash,
    interpreter: 'main',
    metrics: [
      { name: 'pass@k', k: 1 },
      { name: 'pass@k', k: 4 },
    ],
  });

describe('the baseline comparison', () => {
  const before: [number, number][] = [
    [10, 2],
    [10, 5],
    [10, 8],
    [10, 9],
    [10, 3],
    [10, 6],
  ];

  it('tests each metric paired over cases, at 5% shared among the metrics, no surer than sampling allows', () => {
    const after: [number, number][] = before.map(([n, c]) => [n, Math.max(0, c - 1)]);
    const entry = baselineEntryOf(summaryOf(before), '/project', '/project');
    const comparison = compareWithBaseline(summaryOf(after), entry);
    expect(comparison.alpha).toBe(baselineAlpha / 2);
    const pass1 = comparison.changes.find((change) => change.metric === 'pass@1');
    expect(pass1?.difference).toBeCloseTo(-0.1, 14);
    // Every case lost exactly one success of 10, so the differences do not vary; the standard error is what the
    // samples of each case imply: the sum of each side's Wilson variance, over the cases.
    const variances = before.map(
      ([n, c], index) =>
        (caseSamplingVariance({ name: 'pass@k', k: 1 }, outcome('x', n, c)) as number) +
        (caseSamplingVariance(
          { name: 'pass@k', k: 1 },
          outcome('x', n, (after[index] as [number, number])[1]),
        ) as number),
    );
    const paired = pairedDifference(
      after.map(([n, c]) => passAtK(n, c, 1)),
      before.map(([n, c]) => passAtK(n, c, 1)),
      { samplingVariances: variances },
    );
    expect(pass1?.pValue).toBe(paired.pValue);
    expect(paired.standardError).toBeCloseTo(Math.sqrt(variances.reduce((sum, v) => sum + v)) / 6, 14);
    expect(pass1?.pValue).toBeGreaterThan(0.1);
    expect(pass1?.change).toBe('unchanged');
    // Losing half the successes of every case is a regression.
    const halved = compareWithBaseline(summaryOf(before.map(([n, c]) => [n, Math.floor(c / 2)])), entry);
    expect(halved.changes.find((change) => change.metric === 'pass@1')?.change).toBe('regression');
    expect(halved.status).toBe('regressed');
    expect(halved.programChanged).toBe(false);
  });

  it('does not call 3 cases going from 20 of 20 to 19 of 20 a regression', () => {
    const perfect: [number, number][] = [
      [20, 20],
      [20, 20],
      [20, 20],
    ];
    const entry = baselineEntryOf(summaryOf(perfect), '/p', '/p');
    const comparison = compareWithBaseline(
      summaryOf([
        [20, 19],
        [20, 19],
        [20, 19],
      ]),
      entry,
    );
    expect(comparison.status).toBe('unchanged');
    expect(comparison.changes.find((change) => change.metric === 'pass@1')?.pValue).toBeGreaterThan(0.05);
  });

  it('does not flag a wobble: changes of both signs within the noise', () => {
    const after: [number, number][] = [
      [10, 3],
      [10, 4],
      [10, 8],
      [10, 8],
      [10, 3],
      [10, 7],
    ];
    const comparison = compareWithBaseline(summaryOf(after), baselineEntryOf(summaryOf(before), '/p', '/p'));
    expect(comparison.status).toBe('unchanged');
    expect(comparison.changes.every((change) => change.change === 'unchanged')).toBe(true);
  });

  it('flags an improvement, and says when the program changed since', () => {
    const after: [number, number][] = before.map(([n, c]) => [n, Math.min(n, c + 2)]);
    const comparison = compareWithBaseline(summaryOf(after, 'h2'), baselineEntryOf(summaryOf(before), '/p', '/p'));
    expect(comparison.status).toBe('improved');
    expect(comparison.programChanged).toBe(true);
  });

  it('needs two cases in common', () => {
    const entry = baselineEntryOf(summaryOf([[10, 2]]), '/p', '/p');
    const comparison = compareWithBaseline(summaryOf([[10, 2]]), entry);
    expect(comparison).toMatchObject({ status: 'not-comparable', changes: [] });
    expect(comparison.note).toContain('a paired comparison needs 2');
  });
});

describe('the baseline file', () => {
  it('is sorted, versioned and stable, and reads back as written', () => {
    const folder = mkdtempSync(join(tmpdir(), 'informal-baseline-'));
    const file = join(folder, 'informal.baseline.json');
    const entry = baselineEntryOf(
      summaryOf([
        [10, 2],
        [10, 7],
      ]),
      folder,
      folder,
    );
    expect(entry.file).toBe('programs/quiz.prog');
    const baseline: Baseline = {
      version: 1,
      entries: [
        { ...entry, program: 'zeta' },
        { ...entry, interpreter: 'b' },
        { ...entry, interpreter: 'a' },
      ],
    };
    writeBaseline(file, baseline);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const order = [...text.matchAll(/"program": "(\w+)",\n\s+"interpreter": "(\w+)"/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(order).toEqual(['quiz/a', 'quiz/b', 'zeta/main']);
    expect(readBaseline(file)).toEqual(JSON.parse(text));
    expect(formatBaseline(readBaseline(file) as Baseline)).toBe(text);
  });

  it('is absent without error, and refused with the fix when it is not a baseline', () => {
    const folder = mkdtempSync(join(tmpdir(), 'informal-baseline-'));
    expect(readBaseline(join(folder, 'none.json'))).toBeUndefined();
    const file = join(folder, 'informal.baseline.json');
    writeFileSync(file, '{"version": 9, "entries": []}');
    expect(() => readBaseline(file)).toThrow(BaselineFileError);
    expect(() => readBaseline(file)).toThrow(/version 9/);
    writeFileSync(file, '{"version": 1, "entries": [{"program": 3}]}');
    expect(() => readBaseline(file)).toThrow(/entries\.0\.program/);
  });
});
