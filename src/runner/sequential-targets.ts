import type { Expectation, Program } from '../program/program.js';
import { isSequentialMetric, metricBlockSize } from '../stats/sequential/block-value.js';
import type { SequentialTarget } from '../stats/sequential/sequential-test.js';

/** A program's expectations as a sequential test sees them. */
export interface SequentialTargets {
  /** The expectations decided by rounds, in program order. */
  readonly targets: readonly SequentialTarget[];
  /** For each expectation of the program, its position in `targets`, or undefined when it is not sequential. */
  readonly targetOf: readonly (number | undefined)[];
  /** For each expectation of the program, why it is not sequential; undefined for those that are. */
  readonly reasons: readonly (string | undefined)[];
}

/** Why an expectation cannot be decided round by round, or undefined when it can. */
function notSequentialReason(expectation: Expectation, program: Program): string | undefined {
  const { metric } = expectation;
  if (expectation.caseId !== undefined && !program.cases.some((testCase) => testCase.id === expectation.caseId)) {
    return `its case ${expectation.caseId} is not run`;
  }
  if (!isSequentialMetric(metric)) return `${metric.name} is not a mean of fresh samples; checked on all samples drawn`;
  if (!(expectation.threshold >= 0 && expectation.threshold <= 1)) return 'its threshold lies outside [0, 1]';
  const size = metricBlockSize(metric);
  if (size > program.sampling.samples) return `k = ${size} exceeds the cap of ${program.sampling.samples} samples`;
  return undefined;
}

/**
 * Which of a program's expectations a sequential test decides (a mean over cases, or one case, of a function of k
 * fresh samples, with k within the cap and a threshold in [0, 1]), and why the others are checked at the end.
 */
export function sequentialTargets(program: Program): SequentialTargets {
  const caseIndex = new Map(program.cases.map((testCase, index) => [testCase.id, index]));
  const reasons = program.expectations.map((expectation) => notSequentialReason(expectation, program));
  const targets: SequentialTarget[] = [];
  const targetOf = program.expectations.map((expectation, index) => {
    const { metric } = expectation;
    if (reasons[index] !== undefined || !isSequentialMetric(metric)) return undefined;
    const position = expectation.caseId === undefined ? undefined : caseIndex.get(expectation.caseId);
    targets.push({
      metric,
      operator: expectation.operator,
      threshold: expectation.threshold,
      ...(position !== undefined ? { caseIndex: position } : {}),
    });
    return targets.length - 1;
  });
  return { targets, targetOf, reasons };
}
