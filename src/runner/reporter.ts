import type { EventEmitter } from 'eventemitter3';
import type { RunEvents } from '../contracts/run-events.js';
import type { Program } from '../program/program.js';
import type { ProgramSummary } from './program-summary.js';
import type { SuiteResult } from './suite-result.js';

/** Where a reporter writes: standard output, a file, a buffer in tests. */
export type WriteText = (text: string) => void;

/**
 * A reporter listens to a suite and renders it. Every hook is optional and may be awaited; a reporter only reads
 * what it is given and never changes results.
 */
export interface Reporter {
  /** After every program was checked, before the first sample. */
  onSuiteStart?(info: { readonly files: readonly string[] }): void | Promise<void>;
  /**
   * When the program is the next to report, in suite order, after the previous one's `onProgramEnd`; `events`
   * carries the run's events, for progress displays, from its `run-start` on and in order. A program that started
   * while an earlier one was finishing has its events so far replayed right after this hook returns.
   */
  onProgramStart?(program: Program, events: EventEmitter<RunEvents>): void;
  /** After a program's samples are drawn, verified and summarised, and its last event was heard; in suite order. */
  onProgramEnd?(summary: ProgramSummary): void | Promise<void>;
  /** Once, at the end, with the whole result, including a suite that stopped on errors. */
  onSuiteEnd?(result: SuiteResult): void | Promise<void>;
}
