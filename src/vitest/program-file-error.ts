import type { Diagnostic } from '../lang/diagnostic.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import type { SuiteError } from '../runner/suite-result.js';
import { withoutStack } from './without-stack.js';

/**
 * A program file that could not run: errors in its text (each rendered as `file:line:col`, the source line with a
 * caret, and a hint), or problems of the set-up such as an unknown interpreter or a broken config. The message holds
 * all of them, in that order.
 */
export class ProgramFileError extends Error {
  override readonly name = 'ProgramFileError';
  /** The program file, as it was given. */
  readonly file: string;
  /** The file's error diagnostics; empty when the problem lies outside the file. */
  readonly diagnostics: readonly Diagnostic[];
  /** Problems that belong to no line of the file, each with a hint when one helps. */
  readonly problems: readonly SuiteError[];

  constructor(file: string, source: string, diagnostics: readonly Diagnostic[], problems: readonly SuiteError[]) {
    const rendered = [
      ...diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, source)),
      ...problems.map((problem) => `error: ${problem.message}${problem.hint ? `\n  hint: ${problem.hint}` : ''}`),
    ];
    const what = diagnostics.length > 0 ? `${file} has errors` : `${file} could not run`;
    super(`${what}:\n\n${rendered.join('\n\n')}`);
    this.file = file;
    this.diagnostics = diagnostics;
    this.problems = problems;
    withoutStack(this);
  }
}
