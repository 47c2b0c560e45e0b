import type { ComparisonOperator } from '../contracts/comparison-operator.js';
import type { ProgramRun } from '../contracts/program-run.js';
import type { AdaptiveSamplingResult } from '../engine/adaptive/sample-adaptively.js';
import type { AgentFigures } from '../stats/agent-figures.js';
import type { CaseOutcomes } from '../stats/case-outcomes.js';
import type { ExpectationSignificance } from '../stats/expectation-significance.js';
import type { MetricReference } from '../stats/metric-reference.js';
import type { MetricValue } from '../stats/metric-value.js';
import type { CurvePoint } from '../stats/pass-at-k-curve.js';
import type { SuiteKResult } from '../stats/suite-k/suite-k.js';
import type { JudgeNoise } from '../verifiers/meta-evaluate.js';
import type { BaselineComparison } from './baseline-change.js';
import type { ProgramSpend } from './program-spend.js';
import type { SequentialExpectationOutcome, SequentialOutcome } from './sequential-outcome.js';

/** One case's counts, scores and mean score. */
export interface CaseSummary extends CaseOutcomes {
  /** How adaptive sampling ended, for runs that sampled adaptively. */
  readonly adaptive?: AdaptiveSamplingResult;
  /** Mean of the scored samples' scores; null when none was scored. */
  readonly meanScore: number | null;
}

/** An expectation checked against the run. */
export interface ExpectationResult {
  /** As written, such as `pass@10 >= 0.9`. */
  readonly text: string;
  readonly metric: MetricReference;
  readonly operator: ComparisonOperator;
  readonly threshold: number;
  /** Set for an expectation on one case: `observed` is that case's value. */
  readonly caseId?: string;
  readonly observed: MetricValue;
  readonly met: boolean;
  /** Whether the outcome is clear at this sample size, and how many samples would decide it; absent when undefined. */
  readonly significance?: ExpectationSignificance;
  /**
   * In a sequential run: its decision (`pass`, `fail`, `undecided` at the cap, or `not-sequential` for a metric
   * checked at the end), with its confidence sequence. `met` is then true only when it was decided `pass`.
   */
  readonly sequential?: SequentialExpectationOutcome;
  /** `file:line:col` of the `expect` line. */
  readonly location: string;
}

/** A program's run on one interpreter, reduced to what reporters show. */
export interface ProgramSummary {
  readonly file: string;
  readonly programName: string;
  readonly description?: string;
  /** The interpreter as the suite named it: an alias from the config, or an id (`run.interpreterId` is the id). */
  readonly interpreter: string;
  readonly run: ProgramRun;
  readonly cases: readonly CaseSummary[];
  /**
   * pass@1 (pass^1 to pass^4 for an agent program) and every metric a suite-wide expectation names, in that order,
   * each with its interval.
   */
  readonly metrics: readonly { readonly name: string; readonly metric: MetricReference; readonly value: MetricValue }[];
  /** pass@k at k = 1, 2, 4, … up to the fewest scored samples of a case; empty when a case has none. */
  readonly passAtKCurve: readonly CurvePoint[];
  /**
   * The attempts per case that solve every case: `suite_k@0.5` (as in `metrics`) and the mean capped at the fewest
   * samples of a case + 1, with intervals; absent when a case has no scored sample.
   */
  readonly suiteK?: SuiteKResult;
  readonly expectations: readonly ExpectationResult[];
  /** Samples drawn in all, errors included. */
  readonly samples: number;
  readonly errors: number;
  /** For an agent program, from its samples' trajectories: turns and tool calls per sample, tool errors, ends. */
  readonly agent?: AgentFigures;
  /** Tokens, dollars and seconds: the program's own calls, its simulated user's and its judges', with intervals. */
  readonly spend: ProgramSpend;
  /** For each named judge of the program: how many verdicts it gave and how noisy its answers were. */
  readonly judges: readonly JudgeNoise[];
  /** How adaptive sampling ended, for runs that sampled adaptively. */
  readonly adaptive?: AdaptiveSamplingResult;
  /** How the sequential test ended, for runs that sampled sequentially (`--sequential`, `sequential`). */
  readonly sequential?: SequentialOutcome;
  /** The comparison with the baseline file, when one holds this program on this interpreter. */
  readonly baseline?: BaselineComparison;
  /**
   * `passed` when every expectation holds; `failed` when one was judged and does not hold; `undetermined` when none
   * failed but the run cannot be judged: an expectation's metric could not be computed (its cases have too few
   * scored samples), or no sample could be scored at all; `partial` when the run holds only part of the plan (a
   * shard, or a run that was stopped), so that expectations cannot be judged yet. In a sequential run, an
   * expectation `undecided` at the cap makes it `undetermined` (when none failed). A significant regression against
   * the baseline makes a program `failed` too.
   */
  readonly status: ProgramStatus;
}

/** How a program's run ended, as far as its verdict goes: see `ProgramSummary.status`. */
export type ProgramStatus = 'passed' | 'failed' | 'undetermined' | 'partial';
