import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Diagnostic } from '../lang/diagnostic.js';
import { parseProg } from '../lang/parse.js';
import type { Program } from './program.js';
import { resolveProgram } from './resolve-program.js';

/** A program file read from disk: the program when it is valid, its text, and its diagnostics. */
export interface LoadedProgram {
  readonly file: string;
  readonly source: string;
  readonly program?: Program;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses and resolves program text. Never throws on user input. */
export function compileProgram(source: string, file: string): LoadedProgram {
  const parsed = parseProg(source, file);
  if (!parsed.document) return { file, source, diagnostics: parsed.diagnostics };
  const resolved = resolveProgram(parsed.document, source, file);
  const diagnostics = [...parsed.diagnostics, ...resolved.diagnostics];
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') || !resolved.program
    ? { file, source, diagnostics }
    : { file, source, program: resolved.program, diagnostics };
}

/**
 * Reads, parses and resolves a `.prog` file. `file` is read relative to `cwd` and named as given in diagnostics.
 * A file that cannot be read becomes a diagnostic.
 */
export async function loadProgram(file: string, cwd: string = process.cwd()): Promise<LoadedProgram> {
  let source: string;
  try {
    source = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return {
      file,
      source: '',
      diagnostics: [
        {
          code: 'F001',
          severity: 'error',
          message: `cannot read the file: ${reason}`,
          file,
          span: { start: 0, end: 0 },
        },
      ],
    };
  }
  return compileProgram(source, file);
}
