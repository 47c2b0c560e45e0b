import type { Program } from '../program/program.js';
import { type BaselineEntry, readBaseline } from '../runner/baseline-file.js';

/**
 * The baseline's entry for a program on an interpreter, found as `informal test` finds it: by program name and
 * interpreter name (an id or a config alias) in the baseline file. Undefined when there is none, and when the file
 * cannot be read: the run reports that problem in every test of the program.
 */
export function findBaselineEntry(program: Program, interpreter: string, file: string): BaselineEntry | undefined {
  try {
    return readBaseline(file)?.entries.find(
      (entry) => entry.program === program.name && entry.interpreter === interpreter,
    );
  } catch {
    return undefined;
  }
}
