import type { SourceSpan } from './source-span.js';

/** How bad a diagnostic is. Errors stop a program from running; warnings do not. */
export type DiagnosticSeverity = 'error' | 'warning';

/**
 * A problem found in a user's file, as data. Parsing and resolving return diagnostics; they never throw
 * on user input. `renderDiagnostic` turns one into text.
 */
export interface Diagnostic {
  /** A stable code such as `P001` (parse) or `R003` (resolve), for docs and for tests. */
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  /** One sentence saying what is wrong, written for the author of the file. */
  readonly message: string;
  /** Path of the file, as the user gave it or relative to the working directory. */
  readonly file: string;
  /** Where in the file; a point when `start === end`. */
  readonly span: SourceSpan;
  /** What to do about it, such as "did you mean `country`?". */
  readonly hint?: string;
}

/** True when any diagnostic in the list is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
