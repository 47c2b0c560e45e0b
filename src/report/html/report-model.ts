import type { Message } from '../../contracts/interpreter-call.js';
import type { Score } from '../../contracts/score.js';
import type { AgentFigures } from '../../stats/agent-figures.js';
import type { CrossoverResult } from '../../stats/crossover.js';
import type { Interval } from '../../stats/interval.js';
import type { JudgeNoise } from '../../verifiers/meta-evaluate.js';
import type { ReportSpend } from './report-spend.js';

/** One point of a pass@k curve with its interval. */
export interface ReportCurvePoint {
  readonly k: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** `observed` where k is within the samples drawn; `extrapolated` beyond, from the fitted model. */
  readonly source: 'observed' | 'extrapolated';
}

/** A program's pass@k curve on one interpreter, observed and extrapolated, with pass@∞. */
export interface PassAtKCurve {
  /** The confidence level of every interval. */
  readonly level: number;
  /** The smallest number of scored samples of any case: the curve is observed up to it. */
  readonly minimumN: number;
  readonly points: readonly ReportCurvePoint[];
  readonly passAtInfinity: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** The model behind the extrapolated part: `beta-binomial` or `power-law`. */
  readonly method: string;
}

/** One turn of a trajectory as the trace viewer shows it; every text is model output, cut to a few thousand characters. */
export type ReportTurn =
  | {
      readonly kind: 'model';
      readonly text: string;
      /** The tools it asked for, with their arguments as written. */
      readonly calls: readonly { readonly name: string; readonly arguments: string }[];
      readonly error?: string;
    }
  | {
      readonly kind: 'tool';
      readonly name: string;
      /** The arguments as JSON text. */
      readonly arguments: string;
      /** The result as JSON text; absent when the call failed. */
      readonly result?: string;
      readonly error?: string;
    }
  | { readonly kind: 'user'; readonly text: string; readonly error?: string };

/** An agent step's trajectory as the trace viewer shows it. */
export interface ReportTrajectory {
  readonly ended: string;
  readonly modelTurns: number;
  readonly turns: readonly ReportTurn[];
  /** The environment's end state and the expected one, as JSON text, when there are. */
  readonly state?: string;
  readonly expectedState?: string;
}

/** One step of a sample's trace, as the trace viewer shows it. */
export interface ReportStep {
  readonly name: string;
  readonly messages: readonly Message[];
  readonly text: string;
  readonly error?: string;
  /** For an agent step: its turns. */
  readonly agent?: ReportTrajectory;
}

/** One sample: its output, its verification tree, and its steps. */
export interface ReportSample {
  readonly index: number;
  readonly seed: number;
  readonly success: boolean;
  readonly score: Score;
  /** The output as text (JSON for structured outputs). */
  readonly output: string;
  readonly steps: readonly ReportStep[];
}

/** One case of one program on one interpreter. */
export interface ReportCase {
  readonly id: string;
  readonly n: number;
  readonly c: number;
  readonly errors: number;
  readonly meanScore: number | null;
  /** c / n; null when no sample was scored. */
  readonly passAt1: number | null;
  readonly samples: readonly ReportSample[];
  /** Samples left out of the page to keep it small (the first ones are kept, failing ones first). */
  readonly samplesOmitted: number;
}

/** An expectation checked against the run. */
export interface ReportExpectation {
  readonly text: string;
  /** Set for an expectation on one case. */
  readonly caseId?: string;
  readonly met: boolean;
  readonly observed: number | null;
  /** Why the metric is undefined, when `observed` is null. */
  readonly reason?: string;
  readonly interval?: Interval;
  /** The observed value and its interval in the metric's unit, such as `$0.0033 95% [$0.0021, $0.0034]`. */
  readonly observedText?: string;
  /** For a failed expectation: whether it is significant or could be noise, and what would decide it, in words. */
  readonly significance?: { readonly verdict: 'significant' | 'uncertain'; readonly text: string };
  /** In a sequential run: its decision (`undecided` at the cap is not met, and not a pass) and the words for it. */
  readonly sequential?: { readonly decision: 'pass' | 'fail' | 'undecided' | 'not-sequential'; readonly text: string };
  readonly location: string;
}

/** A named judge of a program: its verdicts and how noisy its answers were. */
export interface ReportJudge extends JudgeNoise {
  /** The figures in one line, as the console prints them. */
  readonly text: string;
}

/** One program on one interpreter. */
export interface ReportProgram {
  /** Unique within the report. */
  readonly key: string;
  readonly name: string;
  readonly file: string;
  readonly description?: string;
  readonly interpreter: string;
  readonly interpreterDescription: string;
  readonly samplesPerCase: number;
  readonly seed: number;
  readonly status: 'passed' | 'failed' | 'undetermined' | 'partial' | 'unchecked';
  readonly samples: number;
  readonly errors: number;
  /** The summary's metrics with the runner's intervals (absent where the runner gives none). */
  readonly metrics: readonly {
    readonly name: string;
    readonly value: number | null;
    readonly reason?: string;
    readonly interval?: Interval;
    /** The value in its unit: `0.573`, `$0.0033`, `41.5` tokens, `120 ms`; absent when undefined. */
    readonly text?: string;
    /** The interval in the value's unit, such as `95% [$0.0021, $0.0034]`. */
    readonly intervalText?: string;
  }[];
  readonly expectations: readonly ReportExpectation[];
  /** The comparison with the baseline file, in words, when one holds this program on this interpreter. */
  readonly baseline?: {
    readonly status: 'regressed' | 'improved' | 'unchanged' | 'not-comparable';
    readonly text: string;
    /** One line per metric compared, such as `pass@1 0.700 → 0.420 (−0.280 [−0.350, −0.210], p < 0.001)`. */
    readonly changes: readonly string[];
  };
  /** Each named judge's figures; empty for a program without judges. */
  readonly judges: readonly ReportJudge[];
  /** For an agent program: its figures (turns, tool calls, tool errors, ends) and the same in one line. */
  readonly agent?: AgentFigures & { readonly text: string };
  /** How a sequential run ended, in one line; absent for other runs. */
  readonly sequential?: string;
  readonly curve?: PassAtKCurve;
  /** Why there is no curve, when there is none. */
  readonly curveProblem?: string;
  /** Tokens, dollars and seconds of the run, and the cost curve of pass@k. */
  readonly spend: ReportSpend;
  /** Counts of scored samples by score, in ten bins of width 0.1 (the last holds 1), and the others. */
  readonly histogram: { readonly bins: readonly number[]; readonly unscored: number; readonly errors: number };
  readonly cases: readonly ReportCase[];
}

/** Where one interpreter's pass@k curve overtakes another's, for one program. */
export interface ReportCrossover {
  readonly program: string;
  readonly a: string;
  readonly b: string;
  readonly result: CrossoverResult | { readonly status: 'unavailable'; readonly reason: string };
}

/** A further interpreter against the first a program ran on, as the runner compared them. */
export interface ReportInterpreterComparison {
  readonly program: string;
  /** The interpreter compared against: the first the program ran on. */
  readonly reference: string;
  readonly interpreter: string;
  /** True when pass@1's paired difference is significant at 95%. */
  readonly significant: boolean;
  /** The comparison in words, as the console prints it: `pass@1 +0.521 [+0.285, +0.757], p < 0.001, …`. */
  readonly text: string;
  /** Which of the two solves the suite cheaper, in words, when both are priced (see `describeCostToSuccess`). */
  readonly costText?: string;
  /** Which of the two needs fewer attempts to solve the whole suite (`describeSuiteKComparison`): the headline. */
  readonly suiteKText?: string;
}

/** Everything the HTML report shows, computed beforehand: the page only draws it. */
export interface ReportModel {
  readonly version: 1;
  readonly title: string;
  readonly toolVersion: string;
  /** ISO time the report was made. */
  readonly generatedAt: string;
  readonly runIds: readonly string[];
  readonly status: string;
  /** What the report could not show, in words (such as what the store does not keep). */
  readonly notes: readonly string[];
  readonly programs: readonly ReportProgram[];
  readonly crossovers: readonly ReportCrossover[];
  /** pass@1 of each further interpreter against the first, for programs run on several in one suite. */
  readonly interpreterComparisons: readonly ReportInterpreterComparison[];
  /** The largest k on the curves' axis. */
  readonly kMax: number;
}
