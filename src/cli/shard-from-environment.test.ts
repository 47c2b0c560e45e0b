import { describe, expect, it } from 'vitest';
import { shardFromEnvironment, withResolvedShard } from './shard-from-environment.js';

describe('shardFromEnvironment', () => {
  it('converts each batch system’s index to the 1-based i of --shard i/n', () => {
    expect(shardFromEnvironment(3, { JOB_COMPLETION_INDEX: '0' })).toEqual({
      ok: true,
      shard: { index: 1, count: 3 },
      source: { variable: 'JOB_COMPLETION_INDEX', value: '0' },
    });
    expect(shardFromEnvironment(3, { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MAX: '2' })).toMatchObject({
      shard: { index: 3, count: 3 },
    });
    // A single task submitted again (`sbatch --array=1`) keeps its index.
    expect(
      shardFromEnvironment(3, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '1' }),
    ).toMatchObject({ shard: { index: 2, count: 3 } });
    expect(shardFromEnvironment(4, { CI_NODE_INDEX: '4', CI_NODE_TOTAL: '4' })).toMatchObject({
      shard: { index: 4, count: 4 },
    });
    expect(shardFromEnvironment(3, { INFORMAL_SHARD_INDEX: '3' })).toMatchObject({ shard: { index: 3, count: 3 } });
  });

  it('reads the first variable set, in a fixed order, and takes an empty or blank one as unset', () => {
    const found = shardFromEnvironment(3, {
      INFORMAL_SHARD_INDEX: ' \t',
      JOB_COMPLETION_INDEX: '2',
      SLURM_ARRAY_TASK_ID: '0',
    });
    expect(found).toMatchObject({ shard: { index: 3 }, source: { variable: 'JOB_COMPLETION_INDEX' } });
    expect(shardFromEnvironment(3, { INFORMAL_SHARD_INDEX: '1', JOB_COMPLETION_INDEX: '2' })).toMatchObject({
      shard: { index: 1 },
      source: { variable: 'INFORMAL_SHARD_INDEX' },
    });
  });

  it('refuses a missing, malformed or out-of-range index with the variable, its value and the allowed range', () => {
    const problem = (environment: Record<string, string>, count = 3) => {
      const found = shardFromEnvironment(count, environment);
      expect(found.ok).toBe(false);
      return found.ok ? undefined : found.problem;
    };
    expect(problem({})).toEqual({
      message:
        '--shard auto/3 found no shard index: none of INFORMAL_SHARD_INDEX, JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, CI_NODE_INDEX is set',
      hint: 'run it as a Kubernetes Indexed Job or a Slurm array, set INFORMAL_SHARD_INDEX to 1 to 3, or give --shard i/n',
    });
    expect(problem({ JOB_COMPLETION_INDEX: 'one' })?.message).toBe(
      '--shard auto/3: JOB_COMPLETION_INDEX is "one", not a whole number from 0 to 2',
    );
    for (const value of ['-1', '1.0', '1e2', '0x1', '99999999999999999999']) {
      expect(problem({ JOB_COMPLETION_INDEX: value })?.message).toContain(`is ${JSON.stringify(value)}, not a whole`);
    }
    expect(problem({ JOB_COMPLETION_INDEX: '3' })).toEqual({
      message: '--shard auto/3: JOB_COMPLETION_INDEX is 3, outside 0 to 2',
      hint: 'JOB_COMPLETION_INDEX is set by a Kubernetes Indexed Job; start 3 shards numbered 0 to 2, or change n',
    });
    expect(problem({ INFORMAL_SHARD_INDEX: '0' })?.message).toBe(
      '--shard auto/3: INFORMAL_SHARD_INDEX is 0, outside 1 to 3',
    );
    expect(problem({ CI_NODE_INDEX: '4' })?.message).toBe('--shard auto/3: CI_NODE_INDEX is 4, outside 1 to 3');
    expect(problem({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '4' })).toEqual({
      message: '--shard auto/3: CI_NODE_TOTAL is "4", but the plan is split into 3 shards',
      hint: 'start as many jobs as shards: CI_NODE_TOTAL must be 3',
    });
    // `--array=1-3` for auto/3 would leave shard 1 undrawn: every task is refused, not only the last.
    expect(problem({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MAX: '3' })).toEqual({
      message: '--shard auto/3: SLURM_ARRAY_TASK_MAX is "3", so the array starts tasks beyond 0 to 2',
      hint: 'submit the array with --array=0-2: task 0 is shard 1',
    });
  });
});

describe('withResolvedShard', () => {
  it('writes auto/n as the shard it stood for, in both spellings, and leaves other arguments alone', () => {
    const shard = { index: 2, count: 3 };
    expect(withResolvedShard(['test', 'evals', '--shard', 'auto/3', '-t', 'auto/3'], shard)).toEqual([
      'test',
      'evals',
      '--shard',
      '2/3',
      '-t',
      'auto/3',
    ]);
    expect(withResolvedShard(['test', '--shard=auto/3'], shard)).toEqual(['test', '--shard=2/3']);
  });
});
