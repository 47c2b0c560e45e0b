import type { Diagnostic } from '../lang/diagnostic.js';
import type { SourceSpan } from '../lang/source-span.js';
import type { ModuleVerifier } from '../verifiers/verifier-module.js';
import type { Program } from './program.js';

/** A file a program reads (a prompt, a case file), read before resolving: its text, or why it could not be read. */
export type ReadFile =
  | { readonly ok: true; readonly absolute: string; readonly text: string }
  | {
      readonly ok: false;
      readonly absolute: string;
      readonly reason: string;
      /** The diagnostic's code: R035 (not there, unreadable), R038 (outside the project), R039 (not a regular file, too large). */
      readonly code?: string;
      /** What to do about it. */
      readonly hint?: string;
    };

/**
 * What resolving a program may use beyond its own text, gathered beforehand by `loadProgram` (resolving itself
 * reads nothing): the files it names, by the path as written, and what its imports provide.
 */
export interface ResolveContext {
  readonly files?: ReadonlyMap<string, ReadFile>;
  /** Programs imported from `.prog` files, by name. */
  readonly programs?: ReadonlyMap<string, Program>;
  /** Verifiers imported from TypeScript modules, by name. */
  readonly verifiers?: ReadonlyMap<string, ModuleVerifier>;
  /**
   * Exports of TypeScript modules imported under the names of `tool` and `environment` items, as they are: resolving
   * checks that each is a function.
   */
  readonly functions?: ReadonlyMap<string, { readonly value: unknown; readonly module: string }>;
  /** The program's folder, absolute: where its MCP servers run. The folder of `file` when absent. */
  readonly folder?: string;
  /** Imported names whose import failed and was reported already: not reported again where they are used. */
  readonly failedImports?: ReadonlySet<string>;
}

/** Collects diagnostics for one file. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(code: string, message: string, span: SourceSpan, hint?: string): void {
    this.diagnostics.push({ code, severity: 'error', message, file: this.file, span, ...(hint ? { hint } : {}) });
  }

  warning(code: string, message: string, span: SourceSpan, hint?: string): void {
    this.diagnostics.push({ code, severity: 'warning', message, file: this.file, span, ...(hint ? { hint } : {}) });
  }

  get errorCount(): number {
    return this.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  }
}

/** Names as a list for hints: `a`, `b`, `c`. */
export function listNames(names: Iterable<string>): string {
  return [...names].map((name) => `\`${name}\``).join(', ');
}
