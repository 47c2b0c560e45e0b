import { describeCostToSuccess } from '../report/describe-significance.js';
import { describeSuiteKComparison, suiteKComparisonReport } from '../report/describe-suite-k.js';
import { formatMetric } from '../report/format-number.js';
import { readStoredRun } from '../report/stored-run.js';
import type { ProgramComparison, RunComparison } from '../runner/compare-runs.js';
import { compareRuns } from '../runner/compare-runs.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { summarizeStoredRun } from '../runner/stored-summary.js';
import type { StoreReader } from '../store/store-reader.js';
import type { CommandIo } from './command-io.js';
import { openExistingStore, resolveRunIds } from './open-existing-store.js';

export interface CompareCommandOptions {
  readonly store: string;
  readonly json?: boolean;
  readonly level: number;
}

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${formatMetric(Math.abs(value))}`;

/** A k read off interpolated curves, to three significant digits: `11.6`, not `11.649999999999995`. */
function formatK(k: number): string {
  return String(Number(k.toPrecision(3)));
}

/** A p-value in the table's column: `0.031`, or `<0.001` rather than a p of zero. */
function formatP(pValue: number): string {
  return pValue < 0.001 ? '<0.001' : pValue.toFixed(3);
}

function crossoverLine(comparison: ProgramComparison): string {
  const result = comparison.crossover;
  if (!result) return `  crossover: not computed: ${comparison.crossoverProblem ?? 'no shared cases'}`;
  const name = (leader: 'a' | 'b') => (leader === 'a' ? 'A' : 'B');
  if (result.status === 'none') {
    return result.leader === 'tie'
      ? '  crossover: none up to k = 10000; the curves agree'
      : `  crossover: none up to k = 10000; ${name(result.leader)} leads throughout`;
  }
  return `  crossover: ${name(result.leaderAfter)} overtakes ${name(result.leaderBefore)} at k ≈ ${formatK(result.k)} (${Math.round(result.level * 100)}% interval ${formatK(result.lower)} to ${result.upperBeyondRange ? 'beyond ' : ''}${formatK(result.upper)})`;
}

/** Which interpreter solves a case cheaper, from the expected dollars to its first success. */
function cheaperLine(comparison: ProgramComparison): string | undefined {
  return comparison.costToSuccess ? `  ${describeCostToSuccess(comparison.costToSuccess, 'A', 'B')}` : undefined;
}

function renderComparison(ids: readonly [string, string], comparison: RunComparison): string {
  const lines = [`A = ${ids[0]}`, `B = ${ids[1]}`, ''];
  const percent = Math.round(comparison.level * 100);
  for (const program of comparison.programs) {
    const interpreters =
      program.interpreterA === program.interpreterB
        ? `on ${program.interpreterA}`
        : `on ${program.interpreterA} (A) and ${program.interpreterB} (B)`;
    lines.push(`${program.program} ${interpreters}, ${program.cases} shared cases`);
    if (program.programChanged) {
      lines.push(
        '  the program changed between the runs (its prompts, inputs or settings): B measures another program',
      );
    }
    // The headline: which of the two needs fewer attempts per case to solve every case.
    if (program.suiteK) lines.push(`  ${describeSuiteKComparison(program.suiteK, 'A', 'B')}`);
    const width = Math.max(...program.metrics.map((metric) => metric.metric.length), 6);
    lines.push(
      `  ${'metric'.padEnd(width)}  ${'A'.padStart(6)}  ${'B'.padStart(6)}  ${'B − A'.padStart(7)}  ${`${percent}% interval`.padEnd(18)}  ${'p'.padStart(6)}`,
    );
    for (const metric of program.metrics) {
      const a = metric.a === null ? '—' : formatMetric(metric.a);
      const b = metric.b === null ? '—' : formatMetric(metric.b);
      if (!metric.difference) {
        lines.push(`  ${metric.metric.padEnd(width)}  ${a.padStart(6)}  ${b.padStart(6)}  ${metric.reason ?? ''}`);
        continue;
      }
      const difference = metric.difference;
      const verdict = metric.significant
        ? difference.estimate > 0
          ? 'B better, significant'
          : 'B worse, significant'
        : 'could be noise';
      lines.push(
        `  ${metric.metric.padEnd(width)}  ${a.padStart(6)}  ${b.padStart(6)}  ${signed(difference.estimate).padStart(7)}  ${`[${signed(difference.lower)}, ${signed(difference.upper)}]`.padEnd(18)}  ${formatP(difference.pValue).padStart(6)}  ${verdict}`,
      );
    }
    const cheaper = cheaperLine(program);
    lines.push(crossoverLine(program), ...(cheaper ? [cheaper] : []), '');
  }
  if (comparison.programs.length === 0) lines.push('No program is in both runs.', '');
  for (const only of comparison.onlyInA) lines.push(`only in A: ${only}`);
  for (const only of comparison.onlyInB) lines.push(`only in B: ${only}`);
  return `${lines.join('\n')}\n`;
}

async function summariesOf(store: StoreReader, id: string): Promise<ProgramSummary[]> {
  const summaries: ProgramSummary[] = [];
  for (const stored of readStoredRun(store, id)) summaries.push((await summarizeStoredRun(stored)).summary);
  return summaries;
}

/**
 * `informal compare <runA> <runB>`: per program (and interpreter), B − A for pass@1, the metrics the programs
 * expect and the mean score, paired over the cases both runs scored, with intervals and p-values; and where one
 * pass@k curve overtakes the other.
 */
export async function compareCommand(
  runA: string,
  runB: string,
  options: CompareCommandOptions,
  io: CommandIo,
): Promise<number> {
  const store = openExistingStore(options.store, io);
  if (!store) return 2;
  try {
    const ids = resolveRunIds(store, [runA, runB], io);
    if (!ids) return 2;
    // The same run named twice compares it with itself.
    const [idA, idB = idA] = ids as [string, string?];
    const comparison = compareRuns(await summariesOf(store, idA), await summariesOf(store, idB), options.level);
    if (options.json) {
      const programs = comparison.programs.map((program) =>
        program.suiteK ? { ...program, suiteK: suiteKComparisonReport(program.suiteK) } : program,
      );
      io.stdout(`${JSON.stringify({ version: 1, runA: idA, runB: idB, ...comparison, programs }, null, 2)}\n`);
    } else {
      io.stdout(renderComparison([idA, idB], comparison));
    }
    return 0;
  } finally {
    store.close();
  }
}
