import type { ExpectationResult, ProgramStatus } from '../runner/program-summary.js';
import type { SequentialEnd, SequentialOutcome } from '../runner/sequential-outcome.js';

/**
 * How an expectation fared, as every report counts it: `met`; `failed` (judged, or decided `fail`, and not met);
 * `undecided` (a sequential run reached its cap first: not a pass); `undetermined` (its metric could not be
 * computed); `unchecked` (its program's run holds only part of the plan).
 */
export type ExpectationOutcome = 'met' | 'failed' | 'undecided' | 'undetermined' | 'unchecked';

/** The outcome of one expectation of a program whose run ended `status`. */
export function expectationOutcome(expectation: ExpectationResult, status: ProgramStatus): ExpectationOutcome {
  if (status === 'partial') return 'unchecked';
  if (expectation.met) return 'met';
  if (expectation.sequential?.decision === 'undecided') return 'undecided';
  return expectation.observed.defined ? 'failed' : 'undetermined';
}

const bounds = (interval: { lower: number; upper: number }) =>
  `[${interval.lower.toFixed(3)}, ${interval.upper.toFixed(3)}]`;

/**
 * What the sequential test said of an expectation, in words: "decided pass at round 7; sequence [0.612, 0.930]",
 * "undecided at the cap; sequence [0.380, 0.860] holds 0.5", or why it was checked at the end instead; undefined
 * outside a sequential run.
 */
export function describeSequentialDecision(expectation: ExpectationResult): string | undefined {
  const sequential = expectation.sequential;
  if (!sequential) return undefined;
  switch (sequential.decision) {
    case 'pass':
    case 'fail':
      return `decided ${sequential.decision} at round ${sequential.decidedAt}; sequence ${bounds(sequential.interval)}`;
    case 'undecided':
      return `undecided; sequence ${bounds(sequential.interval)} holds ${expectation.threshold}`;
    case 'not-sequential':
      return `not sequential: ${sequential.reason}`;
    default:
      return sequential satisfies never;
  }
}

function describeEnd(end: SequentialEnd): string {
  switch (end) {
    case 'decided':
      return 'every expectation decided';
    case 'cap-reached':
      return 'the cap reached';
    case 'stopped':
      return 'stopped';
    case 'stalled':
      return 'a round drew no sample';
    case 'nothing-to-decide':
      return 'no expectation to decide by rounds; the plan drawn whole';
    default:
      return end satisfies never;
  }
}

/**
 * A program's sequential run in one line: "sequential: every expectation decided after 7 rounds of 1 sample per
 * case (7 of 16 per case); error rate 0.05, 0.025 per expectation".
 */
export function describeSequentialRun(outcome: SequentialOutcome): string {
  const used = outcome.rounds * outcome.roundSize;
  const rounds =
    outcome.end === 'nothing-to-decide'
      ? ''
      : ` after ${outcome.rounds} round${outcome.rounds === 1 ? '' : 's'} of ${outcome.roundSize} sample${outcome.roundSize === 1 ? '' : 's'} per case (${used} of ${outcome.cap} per case)`;
  return `sequential: ${describeEnd(outcome.end)}${rounds}; error rate ${outcome.errorRate}, ${Number(outcome.expectationErrorRate.toPrecision(3))} per expectation`;
}
