import { InvalidArgumentError } from 'commander';
import { parseShard, type Shard } from '../engine/shard.js';

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

/** Parses `--shard i/n`. */
export function shardOption(text: string): Shard {
  const shard = parseShard(text);
  if (!shard) throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, such as 2/3.');
  return shard;
}
