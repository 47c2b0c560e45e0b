import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Why a TypeScript module that exists could not be loaded, for the author of the program that imports it. */
export interface ModuleLoadFailure {
  readonly reason: string;
  readonly hint?: string;
}

/** The package part of an import specifier: `zod` of `zod/v4`, `@scope/name` of `@scope/name/sub`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Reads a loader's error for the module at `target` (which exists: it was read before it was loaded): an import
 * of the module that cannot be found (a package not installed beside it, a file that moved), or a syntax error at
 * its line and column, with that line; else the error's first line.
 */
export function moduleLoadFailure(target: string, error: unknown): ModuleLoadFailure {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  if (missing !== undefined) {
    const relative = missing.startsWith('.') || missing.startsWith('/');
    return {
      reason: `it imports "${missing}", which cannot be found from ${dirname(target)}`,
      hint: relative
        ? `fix the import in ${basename(target)}, or put the file where it points`
        : `install it where the module can find it (\`npm install ${packageOf(missing)}\` in the project), or remove the import`,
    };
  }
  const at = new RegExp(`${escapeRegExp(target)}:(\\d+):(\\d+)`).exec(message);
  if (at) {
    const line = Number(at[1]);
    const column = Number(at[2]);
    const what = (message.split('\n')[0] ?? '').replace(/^\w*Error:\s*/, '').trim() || 'a syntax error';
    const text = sourceLine(target, line);
    return {
      reason: `${what} at ${basename(target)}:${line}:${column}${text === undefined ? '' : `: ${JSON.stringify(text)}`}`,
      hint: `fix ${basename(target)} at line ${line}, column ${column}`,
    };
  }
  return { reason: message.split('\n')[0] || 'it failed to load' };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Line `line` (from 1) of a file, cut to 120 characters; undefined when it cannot be read. */
function sourceLine(file: string, line: number): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').split('\n')[line - 1];
    return text === undefined ? undefined : text.trim().slice(0, 120);
  } catch {
    return undefined;
  }
}
