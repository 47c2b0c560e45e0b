import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WriteText } from '../runner/reporter.js';

/**
 * A `WriteText` into a file: the first write replaces the file (creating its folder), later ones append. A write
 * that fails is reported once through `onError` with the path and the reason, and the rest are dropped.
 */
export function fileWriter(path: string, onError: (message: string) => void): WriteText {
  let started = false;
  let failed = false;
  return (text) => {
    if (failed) return;
    try {
      if (!started) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        started = true;
      } else {
        appendFileSync(path, text);
      }
    } catch (error) {
      failed = true;
      onError(`cannot write the report file ${path}: ${(error as Error).message}`);
    }
  };
}
