import type { AgentEnd } from './trace.js';
import type { UsageTally } from './usage-tally.js';

/** What one sample of a case spent and scored, as a case's tally keeps it for the metrics that need values. */
export interface TalliedSample {
  readonly index: number;
  /** `scored`, `unscored` (the verifier gave no value) or `error`. */
  readonly status: 'scored' | 'unscored' | 'error';
  /** The score's value; 0 unless scored. */
  readonly score: number;
  readonly success: boolean;
  /** The variance its judges' repeated calls add to its score (`sampleJudgeVariance`); absent where none. */
  readonly judgeVariance?: number;
  /** The same, from each named judge's verdicts alone; absent when no judge was asked more than once. */
  readonly judgeVarianceBy?: Readonly<Record<string, number>>;
  /** Dollars of the program's own calls; 0 where unpriced. */
  readonly cost: number;
  /** False when a call of the program's had no price. */
  readonly priced: boolean;
  /** Tokens in and out of the program's own calls. */
  readonly tokens: number;
  /** Seconds the sample's calls took, one after the other. */
  readonly seconds: number;
  /** Seconds to the first token of each of the program's calls that streamed. */
  readonly firstTokens?: readonly number[];
}

/** What one judge's verdicts on a case's samples came to. */
export interface JudgeTally {
  readonly judge: string;
  readonly interpreterId: string;
  readonly verdicts: number;
  /** The most answers one verdict read. */
  readonly samplesPerVerdict: number;
  readonly spreadSum: number;
  readonly spreadCount: number;
  readonly agreementSum: number;
  readonly agreementCount: number;
}

/** What an agent program's trajectories on a case came to, summed over its samples. */
export interface AgentTally {
  /** Samples with a trajectory. */
  readonly samples: number;
  readonly turns: number;
  readonly toolCalls: number;
  readonly toolErrors: number;
  readonly userTurns: number;
  readonly ended: Readonly<Record<AgentEnd, number>>;
}

/**
 * A case's samples reduced as they were recorded, in memory that does not grow with the samples: exact counts and
 * sums, and for the metrics that need the values themselves (max@k, intervals of means, latency percentiles, the
 * judges' share of the variance) a uniform subsample of fixed size, chosen by a hash of the sample index so that
 * the same samples are chosen however the run was cut (shards, resumes, concurrency).
 */
export interface CaseTally {
  /** Every sample drawn: scored, unscored and failed. */
  readonly drawn: number;
  /** Samples scored. */
  readonly n: number;
  /** Successes among them. */
  readonly c: number;
  /** Samples whose interpreter call or verifier failed. */
  readonly errors: number;
  /** Those of them whose interpreter call failed (a step holds an error). */
  readonly failedCalls: number;
  /** The sum of the scored samples' scores. */
  readonly scoreSum: number;
  /** Scored samples' scores in tenths ([0, 0.1), …, [0.9, 1]). */
  readonly scoreBins: readonly number[];
  /** Every sample while the case has no more than the subsample's size, else the subsample; in index order. */
  readonly samples: readonly TalliedSample[];
  readonly judges: readonly JudgeTally[];
  readonly agent?: AgentTally;
  /** What the program's own calls, its simulated user's and its judges' used. */
  readonly spend: {
    readonly program: UsageTally;
    readonly user: UsageTally;
    readonly judges: UsageTally;
  };
}
