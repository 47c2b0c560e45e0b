import { type Score, scoreError } from '../contracts/score.js';
import type { SourceSpan } from '../lang/source-span.js';
import { describeValue } from './normalize-text.js';

/** A promise, or any thenable a verifier returned. */
export function isPromise(value: unknown): value is PromiseLike<Score> {
  return typeof (value as PromiseLike<Score> | undefined)?.then === 'function';
}

/**
 * A verifier's result made safe: anything that is not a score with a finite value in [0, 1] (or an explicit
 * `unscored` or `error`) becomes an `error` score at the call's place.
 */
export function checkedScore(result: unknown, details: { name: string; expression: string; span: SourceSpan }): Score {
  const score = result as Score | undefined;
  if (score === null || typeof score !== 'object') {
    return scoreError(`${details.name} returned ${describeValue(result)}, not a score`, details);
  }
  if (score.status === 'error') return { ...score, ...details, value: null };
  if (score.status === 'unscored') return { ...score, ...details, value: null };
  if (typeof score.value !== 'number' || !Number.isFinite(score.value) || score.value < 0 || score.value > 1) {
    const shown = typeof score.value === 'number' ? String(score.value) : describeValue(score.value);
    return scoreError(`${details.name} returned ${shown}, not a number in [0, 1]`, details);
  }
  return { ...score, ...details, status: 'scored' };
}
