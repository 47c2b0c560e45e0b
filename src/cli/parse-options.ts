import { InvalidArgumentError } from 'commander';
import { parseShard, type Shard } from '../engine/shard.js';
import type { AutoShard } from './shard-from-environment.js';

/** Parses a whole number option, refusing anything else with a message that names the allowed values. */
export function integerOption(minimum: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < minimum) {
      throw new InvalidArgumentError(`expected a whole number of at least ${minimum}.`);
    }
    return value;
  };
}

/** Parses an option that takes one of a fixed set of names. */
export function choiceOption<T extends string>(choices: readonly T[]) {
  return (text: string): T => {
    if (!(choices as readonly string[]).includes(text)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
    }
    return text as T;
  };
}

/** Parses `--shard i/n`, or `--shard auto/n` whose index the environment gives (see `shardFromEnvironment`). */
export function shardOption(text: string): Shard | AutoShard {
  const auto = /^auto\/(\d+)$/.exec(text.trim());
  const count = auto ? Number(auto[1]) : undefined;
  if (count !== undefined && Number.isSafeInteger(count) && count >= 1) return { auto: true, count };
  const shard = auto ? undefined : parseShard(text);
  if (!shard) {
    throw new InvalidArgumentError(
      'expected i/n with 1 ≤ i ≤ n, such as 2/3, or auto/n with n ≥ 1 to take i from the environment.',
    );
  }
  return shard;
}

/** Parses `--k 1,10,100`: whole numbers of at least 1. */
export function kListOption(text: string): number[] {
  const ks = text.split(',').map((part) => Number(part.trim()));
  if (ks.length === 0 || ks.some((k) => !Number.isSafeInteger(k) || k < 1)) {
    throw new InvalidArgumentError('expected whole numbers of at least 1, separated by commas, such as 1,10,100.');
  }
  return ks;
}

/** Parses a confidence level strictly between 0 and 1. */
export function levelOption(text: string): number {
  const level = Number(text);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('expected a number between 0 and 1, such as 0.9.');
  return level;
}

/** Parses an interval width strictly between 0 and 1. */
export function widthOption(text: string): number {
  const width = Number(text);
  if (!(width > 0 && width < 1)) throw new InvalidArgumentError('expected a number between 0 and 1, such as 0.05.');
  return width;
}

/** Parses a threshold from 0 to 1, both included. */
export function unitOption(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 1)) {
    throw new InvalidArgumentError('expected a number from 0 to 1, such as 0.5.');
  }
  return value;
}

/** Parses an amount of dollars above 0, such as `--max-cost 0.50` (a leading `$` is allowed). */
export function dollarsOption(text: string): number {
  const trimmed = text.trim().replace(/^\$/, '');
  const value = Number(trimmed);
  if (trimmed === '' || !(value > 0 && Number.isFinite(value))) {
    throw new InvalidArgumentError('expected an amount of dollars above 0, such as 0.50.');
  }
  return value;
}

/** Makes an option repeatable: each occurrence is parsed by `parse` and appended to the list. */
export function repeatable<T>(parse: (text: string) => T) {
  return (text: string, previous: readonly T[] | undefined): T[] => [...(previous ?? []), parse(text)];
}
