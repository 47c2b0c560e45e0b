import { childPath } from './json-preview.js';

/** One place where two JSON values differ. */
export interface JsonDifference {
  /** Where, from `$` the root: `$.orders.W1.status`, `$.items[2]`. */
  readonly path: string;
  /** The value there in the first; `undefined` when it has none. */
  readonly actual: unknown;
  /** The value there in the second; `undefined` when it has none. */
  readonly expected: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Nesting beyond this is compared as JSON text, so a deep value cannot exhaust the stack. */
const maxDepth = 100;

/**
 * The places where two JSON values differ, in document order: keys in either object (key order ignored), array
 * elements by position. Returns at most `limit` of them, and how many there are in all.
 */
export function jsonDifferences(
  actual: unknown,
  expected: unknown,
  limit = 3,
): { readonly differences: readonly JsonDifference[]; readonly count: number } {
  const differences: JsonDifference[] = [];
  let count = 0;
  const differ = (path: string, left: unknown, right: unknown) => {
    count++;
    if (differences.length < limit) differences.push({ path, actual: left, expected: right });
  };
  const visit = (path: string, left: unknown, right: unknown, depth: number) => {
    if (depth >= maxDepth) {
      if (JSON.stringify(left) !== JSON.stringify(right)) differ(path, left, right);
      return;
    }
    if (Array.isArray(left) && Array.isArray(right)) {
      for (let index = 0; index < Math.max(left.length, right.length); index++) {
        const present = index < left.length && index < right.length;
        if (present) visit(childPath(path, index), left[index], right[index], depth + 1);
        else differ(childPath(path, index), left[index], right[index]);
      }
      return;
    }
    if (isObject(left) && isObject(right)) {
      const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
      for (const key of keys) {
        const inLeft = Object.hasOwn(left, key);
        const inRight = Object.hasOwn(right, key);
        const here = childPath(path, key);
        if (inLeft && inRight) visit(here, left[key], right[key], depth + 1);
        else differ(here, inLeft ? left[key] : undefined, inRight ? right[key] : undefined);
      }
      return;
    }
    if (!Object.is(left, right) && !(left === 0 && right === 0)) differ(path, left, right);
  };
  visit('$', actual, expected, 0);
  return { differences, count };
}

/**
 * The first place where `actual` lacks what `wanted` holds: every field of a wanted object must be in the actual
 * object (others may be there too), arrays must have the same length and their elements match by the same rule,
 * and anything else must be equal. `undefined` when `actual` contains `wanted`.
 */
export function firstMissingField(actual: unknown, wanted: unknown, path = '$', depth = 0): JsonDifference | undefined {
  if (depth >= maxDepth) {
    return JSON.stringify(actual) === JSON.stringify(wanted) ? undefined : { path, actual, expected: wanted };
  }
  if (isObject(wanted)) {
    if (!isObject(actual)) return { path, actual, expected: wanted };
    for (const key of Object.keys(wanted)) {
      const here = childPath(path, key);
      if (!Object.hasOwn(actual, key)) return { path: here, actual: undefined, expected: wanted[key] };
      const missing = firstMissingField(actual[key], wanted[key], here, depth + 1);
      if (missing) return missing;
    }
    return undefined;
  }
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return { path, actual, expected: wanted };
    for (let index = 0; index < wanted.length; index++) {
      const missing = firstMissingField(actual[index], wanted[index], childPath(path, index), depth + 1);
      if (missing) return missing;
    }
    return undefined;
  }
  return actual === wanted ? undefined : { path, actual, expected: wanted };
}
