import { describeSuiteOptionProblem, libraryOptionNaming, type SuiteOptionProblem } from './suite-option-problem.js';

/**
 * Thrown by `runSuite` and `watchSuite`, before anything is read or sampled, when their options cannot run as
 * given: options that cannot be combined, or values outside what they allow. `problems` holds every one as data;
 * the message names the options as the library spells them (a command line renders the problems with its flags).
 */
export class SuiteOptionsError extends Error {
  override readonly name = 'SuiteOptionsError';
  /** Every problem found, in the order a command line reports them; never empty. */
  readonly problems: readonly SuiteOptionProblem[];

  constructor(problems: readonly SuiteOptionProblem[]) {
    super(
      problems
        .map((problem) => {
          const { message, hint } = describeSuiteOptionProblem(problem, libraryOptionNaming);
          return hint ? `${message} (hint: ${hint})` : message;
        })
        .join('\n'),
    );
    this.problems = problems;
  }
}
