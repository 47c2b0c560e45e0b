import type { Shard } from '../engine/shard.js';

/** `--shard auto/n`: the count is given, the index comes from the batch system's environment. */
export interface AutoShard {
  readonly auto: true;
  /** How many shards the plan is split into, at least 1. */
  readonly count: number;
}

/** A variable that names the shard, in the order they are read: the first one set (and not empty) decides. */
export interface ShardVariable {
  readonly name: string;
  /** Who sets it, for messages. */
  readonly setBy: string;
  /** The value of the first shard: 0 or 1. */
  readonly first: 0 | 1;
  /** The variable that holds the number of shards, when the system sets one; it must equal `n`. */
  readonly total?: string;
  /** The variable that holds the highest index the system will start, when it sets one; it must be below `n` + first. */
  readonly highest?: string;
}

/** The variables `--shard auto/n` reads, first match wins. */
export const shardVariables: readonly ShardVariable[] = [
  { name: 'INFORMAL_SHARD_INDEX', setBy: 'you (1 to n, as in --shard i/n)', first: 1 },
  { name: 'JOB_COMPLETION_INDEX', setBy: 'a Kubernetes Indexed Job', first: 0 },
  { name: 'SLURM_ARRAY_TASK_ID', setBy: 'a Slurm job array', first: 0, highest: 'SLURM_ARRAY_TASK_MAX' },
  { name: 'CI_NODE_INDEX', setBy: 'GitLab CI `parallel`', first: 1, total: 'CI_NODE_TOTAL' },
];

/** Where an automatic shard came from: the variable and its value as read. */
export interface ShardSource {
  readonly variable: string;
  readonly value: string;
}

/** Why the environment names no usable shard: a message naming the variable, its value and the allowed range. */
export interface ShardEnvironmentProblem {
  readonly message: string;
  readonly hint: string;
}

/** The outcome of reading the shard from the environment: a shard and its source, or a problem. */
export type ShardFromEnvironment =
  | { readonly ok: true; readonly shard: Shard; readonly source: ShardSource }
  | { readonly ok: false; readonly problem: ShardEnvironmentProblem };

const range = (variable: ShardVariable, count: number) => `${variable.first} to ${count - 1 + variable.first}`;

/** Reads a whole number as a shell or batch system writes one: digits only, no sign, no spaces. */
function wholeNumber(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The shard `--shard auto/n` stands for in `environment`: the first of {@link shardVariables} that is set and not
 * blank gives the index, converted to the 1-based `i` of `--shard i/n`. A value that is not a whole number, or out of
 * range for `count`, or a total or highest index of the batch system that disagrees with `count`, is a problem.
 */
export function shardFromEnvironment(
  count: number,
  environment: Readonly<Record<string, string | undefined>>,
): ShardFromEnvironment {
  const option = `--shard auto/${count}`;
  const variable = shardVariables.find((candidate) => (environment[candidate.name] ?? '').trim() !== '');
  if (!variable) {
    return {
      ok: false,
      problem: {
        message: `${option} found no shard index: none of ${shardVariables.map((candidate) => candidate.name).join(', ')} is set`,
        hint: `run it as a Kubernetes Indexed Job or a Slurm array, set INFORMAL_SHARD_INDEX to 1 to ${count}, or give --shard i/n`,
      },
    };
  }
  const value = environment[variable.name] as string;
  const problem = (message: string, hint: string): ShardFromEnvironment => ({ ok: false, problem: { message, hint } });
  const allowed = range(variable, count);
  const number = wholeNumber(value.trim());
  if (number === undefined) {
    return problem(
      `${option}: ${variable.name} is ${JSON.stringify(value)}, not a whole number from ${allowed}`,
      `${variable.name} is set by ${variable.setBy}; its first shard is ${variable.first}`,
    );
  }
  if (number < variable.first || number - variable.first >= count) {
    return problem(
      `${option}: ${variable.name} is ${value.trim()}, outside ${allowed}`,
      `${variable.name} is set by ${variable.setBy}; start ${count} shards numbered ${allowed}, or change n`,
    );
  }
  if (variable.total !== undefined) {
    const total = environment[variable.total] ?? '';
    if (total !== '' && wholeNumber(total.trim()) !== count) {
      return problem(
        `${option}: ${variable.total} is ${JSON.stringify(total)}, but the plan is split into ${count} shards`,
        `start as many jobs as shards: ${variable.total} must be ${count}`,
      );
    }
  }
  if (variable.highest !== undefined) {
    const highest = environment[variable.highest] ?? '';
    const highestNumber = wholeNumber(highest.trim());
    if (highest !== '' && (highestNumber === undefined || highestNumber - variable.first >= count)) {
      return problem(
        `${option}: ${variable.highest} is ${JSON.stringify(highest)}, so the array starts tasks beyond ${allowed}`,
        `submit the array with --array=${allowed.replace(' to ', '-')}: task ${variable.first} is shard 1`,
      );
    }
  }
  return {
    ok: true,
    shard: { index: number - variable.first + 1, count },
    source: { variable: variable.name, value: value.trim() },
  };
}

/**
 * The command's arguments with `--shard auto/n` written as the shard it stood for, so that the stored command, and
 * the resume command printed from it, name the shard itself and resume it on any machine.
 */
export function withResolvedShard(argv: readonly string[], shard: Shard): string[] {
  const written = `${shard.index}/${shard.count}`;
  return argv.map((argument, position) => {
    if (argument.startsWith('--shard=auto/')) return `--shard=${written}`;
    if (argument.startsWith('auto/') && argv[position - 1] === '--shard') return written;
    return argument;
  });
}
