/**
 * What `informal view`'s server answers and its client reads: the JSON of every `/api/` route and the events of a
 * run's live stream. Types only, so that the client's bundle and the server share them without sharing code.
 *
 * Every string that comes from a run (model output, case ids, program and interpreter names, file paths, error
 * messages) is data: the client puts it in the page as text, never as markup, and never makes a link of it.
 */
import type { Score } from '../contracts/score.js';
import type {
  PassAtKCurve,
  ReportCase,
  ReportExpectation,
  ReportSample,
  ReportTrajectory,
} from '../report/html/report-model.js';
import type { ReportSpend } from '../report/html/report-spend.js';

export type { PassAtKCurve, ReportExpectation, ReportSample, ReportSpend, ReportTrajectory, Score };

/**
 * Where a run stands as the viewer shows it: `running` while its process lives; `killed` when it reads running but
 * its process on this machine is gone; `stopped` when it was interrupted (Ctrl-C, a budget, `--bail`); `complete`.
 */
export type ViewRunStatus = 'running' | 'complete' | 'stopped' | 'killed';

/** One program on one interpreter within a run, as lists show it. */
export interface ViewProgramRunBrief {
  /** Unique within the run: `program@interpreter`, URL-encoded where it appears in a route. */
  readonly key: string;
  readonly program: string;
  readonly interpreter: string;
  readonly file: string;
  readonly status: ViewRunStatus;
  /** Samples stored and planned. */
  readonly samples: number;
  readonly planned: number;
  /** Cases with at least one stored sample. */
  readonly cases: number;
  /** pass@1 over the stored samples (mean over cases of c/n); null with no sample. */
  readonly passAt1: number | null;
}

/** One run in the runs page. */
export interface ViewRunBrief {
  readonly id: string;
  readonly status: ViewRunStatus;
  /** Milliseconds since 1970. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly samples: number;
  /** Absent for runs whose plan does not say (adaptive runs, old runs). */
  readonly planned?: number;
  readonly programs: readonly ViewProgramRunBrief[];
  readonly shard?: { readonly index: number; readonly count: number };
  /** The command line, shortened for a table (`informal test examples --interpreter main`). */
  readonly command: string;
}

/** `GET /api/runs?program=&interpreter=&status=&before=&limit=`: newest first, a page at a time. */
export interface ViewRunsPage {
  readonly runs: readonly ViewRunBrief[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  readonly next?: string;
  /** Every program name and interpreter in the store, for the filters. */
  readonly programs: readonly string[];
  readonly interpreters: readonly string[];
}

/** A metric of a program run with its interval. */
export interface ViewMetric {
  readonly name: string;
  readonly value: number | null;
  /** The value in its unit: `0.573`, `$0.0033`. */
  readonly text?: string;
  readonly interval?: { readonly level: number; readonly lower: number; readonly upper: number };
  readonly reason?: string;
}

/** A program run in a run's page: its figures, without its cases (paged separately). */
export interface ViewProgramRun extends ViewProgramRunBrief {
  readonly description?: string;
  readonly samplesPerCase: number;
  readonly seed: number;
  /** passed, failed, undetermined (an expectation could not be decided), unchecked (none), partial (not done). */
  readonly verdict: 'passed' | 'failed' | 'undetermined' | 'partial' | 'unchecked';
  readonly errors: number;
  readonly metrics: readonly ViewMetric[];
  readonly expectations: readonly ReportExpectation[];
  readonly curve?: PassAtKCurve;
  readonly curveProblem?: string;
  /** Tokens, dollars and seconds where the samples record them. */
  readonly spend?: ReportSpend;
  /** Counts of scored samples by score in ten bins of width 0.1, and the others. */
  readonly histogram: { readonly bins: readonly number[]; readonly unscored: number; readonly errors: number };
}

/** `GET /api/runs/:run`: a run with its program runs' figures. */
export interface ViewRun {
  readonly run: ViewRunBrief;
  readonly programs: readonly ViewProgramRun[];
  /** The largest k on the curves' axis. */
  readonly kMax: number;
  /** What the page cannot show, in words. */
  readonly notes: readonly string[];
}

/** One case of a program run, as its table shows it: the HTML report's case without its samples. */
export type ViewCaseBrief = Omit<ReportCase, 'samples' | 'samplesOmitted'>;

/** The order of a page of cases. */
export type ViewCaseSort = 'id' | 'n' | 'passAt1' | 'meanScore' | 'errors';

/**
 * `GET /api/runs/:run/programs/:key/cases?sort=&order=asc|desc&filter=failing|passing|errors|all&search=&offset=&limit=`.
 * `search` keeps the cases whose id contains it.
 */
export interface ViewCasesPage {
  readonly total: number;
  readonly offset: number;
  readonly cases: readonly ViewCaseBrief[];
}

/**
 * `GET /api/runs/:run/programs/:key/cases/:case?filter=failing|passing|all&offset=&limit=`: a case's samples, each
 * with its score tree and full trace (agent trajectories included), a page at a time, in sample order.
 */
export interface ViewCasePage {
  readonly run: string;
  readonly program: string;
  readonly interpreter: string;
  readonly case: ViewCaseBrief;
  readonly total: number;
  readonly offset: number;
  readonly samples: readonly ReportSample[];
}

/** `GET /api/programs/:program/history?interpreter=`: a program's figures run by run, oldest first. */
export interface ViewProgramHistory {
  readonly program: string;
  readonly interpreters: readonly string[];
  readonly points: readonly {
    readonly run: string;
    readonly createdAt: number;
    readonly interpreter: string;
    readonly status: ViewRunStatus;
    readonly samples: number;
    readonly passAt1: number | null;
    readonly interval?: { readonly level: number; readonly lower: number; readonly upper: number };
    /** Set when pass@1 differs significantly (paired over shared cases, 95%) from the previous run on this interpreter. */
    readonly change?: { readonly direction: 'up' | 'down'; readonly pValue: number; readonly text: string };
  }[];
}

/** One program run of two runs compared. */
export interface ViewComparedProgram {
  readonly program: string;
  readonly interpreterA: string;
  readonly interpreterB: string;
  /** Paired over the cases both hold: pass@1 and pass@k at a few k, with the difference's interval and p-value. */
  readonly metrics: readonly {
    readonly name: string;
    readonly a: number | null;
    readonly b: number | null;
    readonly difference: number | null;
    readonly interval?: { readonly level: number; readonly lower: number; readonly upper: number };
    readonly pValue?: number;
    readonly significant: boolean;
    readonly text: string;
  }[];
  /** Where one pass@k curve overtakes the other, in words; absent when it cannot be said. */
  readonly crossover?: string;
  readonly sharedCases: number;
}

/** `GET /api/compare?a=&b=`: two runs side by side. */
export interface ViewComparison {
  readonly a: ViewRunBrief;
  readonly b: ViewRunBrief;
  readonly programs: readonly ViewComparedProgram[];
}

/** One sample whose output differs between the two runs (same program, case and sample index). */
export interface ViewChangedOutput {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly a: { readonly output: string; readonly success: boolean; readonly score: number | null };
  readonly b: { readonly output: string; readonly success: boolean; readonly score: number | null };
}

/** `GET /api/compare/outputs?a=&b=&program=&offset=&limit=&only=flipped|all`: the outputs that changed, paged. */
export interface ViewChangedOutputsPage {
  readonly total: number;
  readonly offset: number;
  readonly changes: readonly ViewChangedOutput[];
}

/**
 * `GET /api/runs/:run/events`: server-sent events while a run goes on. Each event's `data` is one of these, as JSON;
 * the event name is its `type`. The stream ends after `end`. Only what changed is read from the store.
 */
export type ViewRunEvent =
  /** The run's samples so far, by program run. */
  | { readonly type: 'progress'; readonly samples: number; readonly programs: readonly ViewProgramRunBrief[] }
  /** A program run's figures after new samples: its curve and intervals narrow as samples arrive. */
  | { readonly type: 'program'; readonly program: ViewProgramRun }
  /** Failing samples as they appear (the newest few). */
  | {
      readonly type: 'failures';
      readonly key: string;
      readonly failures: readonly {
        readonly caseId: string;
        readonly sampleIndex: number;
        readonly score: number | null;
      }[];
    }
  /** The run ended (or was found stopped or killed): the page's figures are final. */
  | { readonly type: 'end'; readonly status: ViewRunStatus };

/** An error answer of any route: `{ error }` with status 400 (bad query), 403 (no token) or 404 (no such run). */
export interface ViewError {
  readonly error: string;
}
