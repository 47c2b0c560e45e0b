import type { Score } from './score.js';
import type { Trace } from './trace.js';

/** Fields every run event carries. */
interface EventBase {
  readonly runId: string;
  /** Milliseconds since the epoch, from the engine's clock. */
  readonly timestamp: number;
}

export interface RunStartEvent extends EventBase {
  readonly programName: string;
  readonly interpreterId: string;
  readonly cases: number;
  readonly samplesPerCase: number;
  /** Samples to draw in this run (all cases × samples, or a shard's part). */
  readonly planned: number;
}
export interface CaseStartEvent extends EventBase {
  readonly caseId: string;
}
export interface SampleStartEvent extends EventBase {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly seed: number;
}
export interface TokenEvent extends EventBase {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly text: string;
}
export interface StepEndEvent extends EventBase {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly stepName: string;
  readonly latencyMs: number;
}
export interface SampleEndEvent extends EventBase {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly trace: Trace;
  /** True when the result came from the cache. */
  readonly cached: boolean;
}
export interface ScoreEvent extends EventBase {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly score: Score;
  readonly success: boolean;
}
export interface CaseEndEvent extends EventBase {
  readonly caseId: string;
  readonly samples: number;
  readonly successes: number;
}
export interface RunEndEvent extends EventBase {
  readonly samples: number;
  readonly durationMs: number;
  readonly interrupted: boolean;
}
export interface WarningEvent extends EventBase {
  /** `retry` when a failed call will be tried again. */
  readonly kind: 'retry' | 'interpreter';
  readonly message: string;
  readonly caseId?: string;
}
export interface ErrorEvent extends EventBase {
  readonly message: string;
  readonly caseId?: string;
  readonly sampleIndex?: number;
}

/**
 * The typed event map of a run, for eventemitter3. Events come in `<noun>-start` / `<noun>-end` pairs;
 * reporters and progress displays only subscribe.
 */
export interface RunEvents {
  'run-start': (event: RunStartEvent) => void;
  'case-start': (event: CaseStartEvent) => void;
  'sample-start': (event: SampleStartEvent) => void;
  token: (event: TokenEvent) => void;
  'step-end': (event: StepEndEvent) => void;
  'sample-end': (event: SampleEndEvent) => void;
  score: (event: ScoreEvent) => void;
  'case-end': (event: CaseEndEvent) => void;
  'run-end': (event: RunEndEvent) => void;
  warning: (event: WarningEvent) => void;
  error: (event: ErrorEvent) => void;
}
