import type { SuiteError } from './suite-result.js';

/** A suite option that a problem names, as `runSuite` and `watchSuite` spell it. */
export type SuiteOptionName =
  | 'adaptive'
  | 'shard'
  | 'resume'
  | 'readCache'
  | 'watch'
  | 'seed'
  | 'concurrency'
  | 'targetWidth'
  | 'budget'
  | 'maxCost'
  | 'samples'
  | 'sequential'
  | 'errorRate';

/** Options that cannot run together, or an option whose value is outside what it allows. Found before anything runs. */
export type SuiteOptionProblem =
  /** Adaptive sampling decides each batch from all samples so far, which a shard does not see. */
  | { readonly code: 'adaptive-with-shard' }
  /** Adaptive and sequential sampling each decide where the next samples go; a run does one or the other. */
  | { readonly code: 'adaptive-with-sequential' }
  /** Watching re-runs whole programs as their files change. */
  | { readonly code: 'watch-with'; readonly other: 'shard' | 'resume' }
  /** Resuming keeps the run's finished samples, which `readCache: false` would draw anew. */
  | { readonly code: 'resume-without-cache' }
  /** The run to resume is in a store, and `store: false` keeps none. */
  | { readonly code: 'resume-without-store' }
  | {
      readonly code: 'invalid-value';
      readonly option: SuiteOptionName;
      /** The value given, as it reads. */
      readonly value: string;
      /** The values allowed, in words: "a whole number of at least 1". */
      readonly expected: string;
    };

/** How the options read in messages: the library's option names (`readCache: false`), or a command line's flags. */
export type SuiteOptionNaming = (option: SuiteOptionName) => string;

/** The options as `runSuite` names them; `readCache` is named with the value that clashes. */
export const libraryOptionNaming: SuiteOptionNaming = (option) => {
  switch (option) {
    case 'readCache':
      return 'readCache: false';
    case 'targetWidth':
      return 'adaptive.targetWidth';
    case 'budget':
      return 'adaptive.budget';
    case 'errorRate':
      return 'sequential.errorRate';
    default:
      return option;
  }
};

/** A problem as an error with its hint, the options named by `nameOf`. */
export function describeSuiteOptionProblem(problem: SuiteOptionProblem, nameOf: SuiteOptionNaming): SuiteError {
  switch (problem.code) {
    case 'adaptive-with-shard':
      return {
        message: `${nameOf('adaptive')} and ${nameOf('shard')} cannot be combined: adaptive sampling decides each batch from all samples so far`,
      };
    case 'adaptive-with-sequential':
      return {
        message: `${nameOf('adaptive')} and ${nameOf('sequential')} cannot be combined: each decides when a program has drawn enough`,
        hint: `keep ${nameOf('sequential')} to stop once the expectations are decided, or ${nameOf('adaptive')} to narrow intervals`,
      };
    case 'watch-with':
      return {
        message: `${nameOf('watch')} cannot be combined with ${nameOf(problem.other)}: watching re-runs whole programs as their files change`,
      };
    case 'resume-without-cache': {
      const noCache = nameOf('readCache');
      const resume = nameOf('resume');
      return {
        message: `${noCache} cannot be combined with ${resume}: resuming keeps the run's finished samples, and ${noCache} would draw them anew`,
        hint: `leave out ${noCache}, or start a new run without ${resume}`,
      };
    }
    case 'resume-without-store':
      return { message: 'cannot resume a run without a store', hint: 'give the store the run is in' };
    case 'invalid-value':
      return { message: `${nameOf(problem.option)} is ${problem.value}: expected ${problem.expected}` };
    default:
      return problem satisfies never;
  }
}
