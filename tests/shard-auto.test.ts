import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type GatedInterpreter, killWhenStored, startGatedInterpreter } from './support/gated-interpreter.js';
import { type CliResult, repoRoot, runCli, runCliAsync } from './support/run-cli.js';
import { resultCount } from './support/stored-results.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

const batch = join(repoRoot, 'examples/batch');

/** The variables `--shard auto/n` reads, removed from this process's environment so that only a test's own count. */
const shardVariables = [
  'INFORMAL_SHARD_INDEX',
  'JOB_COMPLETION_INDEX',
  'SLURM_ARRAY_TASK_ID',
  'SLURM_ARRAY_TASK_MIN',
  'SLURM_ARRAY_TASK_MAX',
  'CI_NODE_INDEX',
  'CI_NODE_TOTAL',
];
const cleanEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !shardVariables.includes(name)),
);

/**
 * A suite's folder as a user has it: the quickstart's programs and a package.json whose node_modules holds this
 * informal, so that `npx informal` finds it without the network.
 */
function suiteFolder(): string {
  const folder = tempFolder({ 'package.json': JSON.stringify({ name: 'evals', private: true }) });
  for (const file of readdirSync(join(repoRoot, 'examples/quickstart'))) {
    cpSync(join(repoRoot, 'examples/quickstart', file), join(folder, file));
  }
  mkdirSync(join(folder, 'node_modules/.bin'), { recursive: true });
  symlinkSync(repoRoot, join(folder, 'node_modules/informal'));
  symlinkSync('../informal/bin/informal.js', join(folder, 'node_modules/.bin/informal'));
  return folder;
}

/** Runs a command to its exit, without blocking the event loop, so that several run side by side. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...cleanEnvironment, ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The only fields of the JSON report that differ between two runs with the same seed: when they ran and for how
 * long (docs/json-report.md). `*` stands for every element of an array.
 */
const timingPaths = [
  'runId',
  'startedAt',
  'durationMs',
  'programs.*.durationMs',
  'programs.*.spend.latency',
  'programs.*.spend.program.seconds',
  'programs.*.spend.user.seconds',
  'programs.*.spend.judges.seconds',
  'programs.*.cases.*.samples.*.latencyMs',
  'spend.program.seconds',
  'spend.user.seconds',
  'spend.judges.seconds',
  'spend.total.seconds',
];

/** The report without its timing fields, as text; fails when a timing field is absent, so none is missed. */
function withoutTimings(report: unknown): string {
  const copy = structuredClone(report);
  const remove = (value: unknown, path: readonly string[]): number => {
    const [head, ...rest] = path;
    if (head === '*') return (value as unknown[]).reduce<number>((sum, item) => sum + remove(item, rest), 0);
    const object = value as Record<string, unknown>;
    expect(object, path.join('.')).toHaveProperty(head as string);
    if (rest.length > 0) return remove(object[head as string], rest);
    delete object[head as string];
    return 1;
  };
  for (const path of timingPaths) expect(remove(copy, path.split('.')), path).toBeGreaterThan(0);
  return JSON.stringify(copy, null, 2);
}

/** `value` without the fields named `keys`, at any depth. */
function withoutKeys(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutKeys(item, keys));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !keys.includes(key))
      .map(([key, item]) => [key, withoutKeys(item, keys)]),
  );
}

/** The JSON report of the suite run unsharded in `folder`, with the same seeds, read back from its own store. */
function singleRunReport(folder: string): { fresh: unknown; fromStore: unknown } {
  const command = ['test', '--store', 'single.sqlite', '--reporter', 'json'];
  const env = { env: cleanEnvironment };
  const fresh = runCli(command, { cwd: folder, ...env });
  expect(fresh.status, fresh.stderr).toBe(0);
  const again = runCli(command, { cwd: folder, ...env });
  expect(again.status, again.stderr).toBe(0);
  return { fresh: JSON.parse(fresh.stdout), fromStore: JSON.parse(again.stdout) };
}

/** What the tests read of a Kubernetes document. */
interface KubernetesDocument {
  readonly kind: string;
  readonly spec: {
    readonly completionMode?: string;
    readonly completions?: number;
    readonly parallelism?: number;
    readonly template: {
      readonly spec: {
        readonly containers: readonly {
          readonly command: readonly string[];
          readonly args: readonly string[];
          readonly env: readonly { readonly name: string; readonly value?: string }[];
        }[];
      };
    };
  };
}

/** The one container of a Job document: its shell script and the literal values of its environment. */
function containerOf(job: KubernetesDocument): { script: string; env: Record<string, string> } {
  const [container, ...others] = job.spec.template.spec.containers;
  expect(others).toEqual([]);
  expect(container?.command).toEqual(['sh', '-c']);
  const env = Object.fromEntries(
    (container?.env ?? [])
      .filter((entry) => entry.value !== undefined)
      .map((entry) => [entry.name, entry.value as string]),
  );
  return { script: container?.args[0] as string, env };
}

/** The documents of a YAML file of the examples, which must parse without errors. */
function yamlDocuments(file: string): KubernetesDocument[] {
  return parseAllDocuments(readFileSync(join(batch, file), 'utf8')).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJSON();
  });
}

describe('the batch examples, run as their engines run them', () => {
  it('a Kubernetes Indexed Job of 3 pods, merged, reports exactly what one unsharded run reports', async () => {
    const documents = yamlDocuments('kubernetes-indexed-job.yaml');
    expect(documents.map((document) => document.kind)).toEqual(['PersistentVolumeClaim', 'Job']);
    const job = documents[1] as KubernetesDocument;
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 3 });
    const shards = containerOf(job);
    expect(shards.script).toContain(`--shard auto/${job.spec.completions}`);
    const [merge] = yamlDocuments('kubernetes-merge-job.yaml');
    expect(merge?.kind).toBe('Job');
    const merging = containerOf(merge as KubernetesDocument);

    const folder = suiteFolder();
    const paths = { SCRATCH: join(folder, 'scratch'), RESULTS: join(folder, 'results') };
    mkdirSync(paths.SCRATCH);
    mkdirSync(paths.RESULTS);
    // The three pods at once, each with the index Kubernetes gives it.
    const pods = await Promise.all(
      [0, 1, 2].map((index) =>
        run('sh', ['-c', shards.script], folder, {
          ...shards.env,
          ...paths,
          JOB_COMPLETION_INDEX: String(index),
        }),
      ),
    );
    pods.forEach((pod, index) => {
      expect(pod.status, pod.stderr).toBe(0);
      expect(pod.stderr).toContain(`Shard ${index + 1}/3, from JOB_COMPLETION_INDEX=${index}\n`);
      expect(pod.stdout).toContain(`shard ${index + 1}/3`);
    });
    expect(readdirSync(paths.RESULTS).sort()).toEqual(['shard-0.sqlite', 'shard-1.sqlite', 'shard-2.sqlite']);
    // Each store names the shard its pod drew, in the command kept for --resume too.
    const stored = new Database(join(paths.RESULTS, 'shard-1.sqlite'), { readonly: true });
    const row = stored.prepare('SELECT shard, command_json FROM runs').get() as { shard: string; command_json: string };
    stored.close();
    expect(row.shard).toBe('2/3');
    expect(JSON.parse(row.command_json).argv).toEqual(expect.arrayContaining(['--shard', '2/3']));

    const merged = await run('sh', ['-c', merging.script], folder, { ...merging.env, RESULTS: paths.RESULTS });
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(
      /Merged 3 stores into .*merged\.sqlite: 3 runs copied\n {2}run merged-\w+ joins shards/,
    );
    expect(merged.stderr).not.toContain('missing');
    expect(merged.stdout).toMatch(/Samples +316 in /);

    const fromMerge = JSON.parse(readFileSync(join(paths.RESULTS, 'report.json'), 'utf8'));
    const single = singleRunReport(folder);
    expect(withoutTimings(fromMerge)).toBe(withoutTimings(single.fromStore));
    expect(fromMerge.summary).toMatchObject({ programs: 3, passed: 3, samples: 316 });
  });

  it('a Slurm array of 3 tasks and its dependent merge job report exactly what one unsharded run reports', async () => {
    for (const script of ['slurm-array.sh', 'slurm-merge.sh']) {
      const syntax = spawnSync('bash', ['-n', join(batch, script)], { encoding: 'utf8' });
      expect(syntax.status, syntax.stderr).toBe(0);
    }
    const text = readFileSync(join(batch, 'slurm-array.sh'), 'utf8');
    expect(text).toContain('#SBATCH --array=0-2\n');
    expect(text).toContain('--shard auto/3');

    const folder = suiteFolder();
    const paths = { SCRATCH: join(folder, 'scratch'), RESULTS: join(folder, 'results') };
    // Slurm sets the task's id and the array's bounds, and starts the script in the folder it was submitted from.
    const tasks = await Promise.all(
      [0, 1, 2].map((index) =>
        run('bash', [join(batch, 'slurm-array.sh')], folder, {
          ...paths,
          SLURM_ARRAY_TASK_ID: String(index),
          SLURM_ARRAY_TASK_MIN: '0',
          SLURM_ARRAY_TASK_MAX: '2',
        }),
      ),
    );
    tasks.forEach((task, index) => {
      expect(task.status, task.stderr).toBe(0);
      expect(task.stderr).toContain(`Shard ${index + 1}/3, from SLURM_ARRAY_TASK_ID=${index}\n`);
    });
    const merged = await run('bash', [join(batch, 'slurm-merge.sh')], folder, { RESULTS: paths.RESULTS });
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('joins shards');

    const fromMerge = JSON.parse(readFileSync(join(paths.RESULTS, 'report.json'), 'utf8'));
    const single = singleRunReport(folder);
    expect(withoutTimings(fromMerge)).toBe(withoutTimings(single.fromStore));
    // The run that drew the samples says so; read back from a store they are cached. Nothing else differs.
    const provenance = (report: unknown) =>
      withoutKeys(JSON.parse(withoutTimings(report)), ['cacheHits', 'newCost', 'cached']);
    expect(provenance(single.fresh)).toEqual(provenance(fromMerge));
  });
});

/** What the test reads of a GitHub Actions workflow. */
interface Workflow {
  readonly env: Record<string, string | number>;
  readonly jobs: Record<
    string,
    {
      readonly needs?: string;
      readonly strategy?: { readonly matrix: { readonly shard: readonly number[] } };
      readonly steps: readonly {
        readonly name?: string;
        readonly run?: string;
        readonly env?: Record<string, string>;
      }[];
    }
  >;
}

/** The Actions expression of the matrix's shard, as the workflow writes it. */
const matrixShard = ['$', '{{ matrix.shard }}'].join('');

/** A step's shell script with the matrix value put in, as Actions does; any other expression in it fails the test. */
function script(run: string, shard?: number): string {
  const text = shard === undefined ? run : run.replaceAll(matrixShard, String(shard));
  expect(text).not.toContain('${{');
  return text;
}

describe('the GitHub Actions matrix example', () => {
  it('runs its shard steps side by side with the matrix values, and its merge job reports the whole suite', async () => {
    const [document] = parseAllDocuments(readFileSync(join(batch, 'github-actions-matrix.yml'), 'utf8'));
    expect(document?.errors).toEqual([]);
    const workflow = document?.toJSON() as Workflow;
    const { shard: shardJob, merge: mergeJob } = workflow.jobs;
    const count = Number(workflow.env.INFORMAL_SHARDS);
    expect(shardJob?.strategy?.matrix.shard).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    expect(mergeJob?.needs).toBe('shard');
    const runStep = shardJob?.steps.find((step) => step.run?.includes('informal test'));
    expect(runStep?.env?.INFORMAL_SHARD_INDEX).toBe(matrixShard);

    const folder = suiteFolder();
    const env = { INFORMAL_SHARDS: String(count) };
    const shards = await Promise.all(
      (shardJob?.strategy?.matrix.shard ?? []).map((shard) =>
        run('bash', ['-e', '-c', script(runStep?.run as string, shard)], folder, {
          ...env,
          INFORMAL_SHARD_INDEX: String(shard),
        }),
      ),
    );
    shards.forEach((shard, index) => {
      expect(shard.status, shard.stderr).toBe(0);
      expect(shard.stderr).toContain(`Shard ${index + 1}/3, from INFORMAL_SHARD_INDEX=${index + 1}\n`);
    });
    // download-artifact with merge-multiple puts every shard's store in shards/.
    mkdirSync(join(folder, 'shards'));
    for (const index of [1, 2, 3])
      cpSync(join(folder, `shard-${index}.sqlite`), join(folder, `shards/shard-${index}.sqlite`));
    for (const step of mergeJob?.steps.filter((candidate) => candidate.run?.includes('npx informal')) ?? []) {
      const result = await run('bash', ['-e', '-c', script(step.run as string)], folder, env);
      expect(result.status, `${step.name}: ${result.stderr}`).toBe(0);
    }
    const fromMerge = JSON.parse(readFileSync(join(folder, 'reports/report.json'), 'utf8'));
    expect(withoutTimings(fromMerge)).toBe(withoutTimings(singleRunReport(folder).fromStore));
  });
});

describe('informal test --shard auto/n', () => {
  const folder = tempFolder({ 'p.prog': readFileSync(join(repoRoot, 'examples/quickstart/capitals.prog'), 'utf8') });
  const refused = (env: Record<string, string>, shard = 'auto/3') => {
    const result = runCli(['test', 'p.prog', '--store', 's.sqlite', '--shard', shard], {
      cwd: folder,
      env: { ...cleanEnvironment, ...env },
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    return result.stderr;
  };

  it('refuses a missing, malformed or out-of-range index with the variable, its value and the range, exit 2', () => {
    expect(refused({})).toBe(
      'error: --shard auto/3 found no shard index: none of INFORMAL_SHARD_INDEX, JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, CI_NODE_INDEX is set\n' +
        '  hint: run it as a Kubernetes Indexed Job or a Slurm array, set INFORMAL_SHARD_INDEX to 1 to 3, or give --shard i/n\n',
    );
    expect(refused({ JOB_COMPLETION_INDEX: 'two' })).toBe(
      'error: --shard auto/3: JOB_COMPLETION_INDEX is "two", not a whole number from 0 to 2\n' +
        '  hint: JOB_COMPLETION_INDEX is set by a Kubernetes Indexed Job; its first shard is 0\n',
    );
    const outOfRange = refused({ JOB_COMPLETION_INDEX: '3' });
    expect(outOfRange).toBe(
      'error: --shard auto/3: JOB_COMPLETION_INDEX is 3, outside 0 to 2\n' +
        '  hint: JOB_COMPLETION_INDEX is set by a Kubernetes Indexed Job; start 3 shards numbered 0 to 2, or change n\n',
    );
    // docs/batch.md shows this very refusal.
    expect(readFileSync(join(repoRoot, 'docs/batch.md'), 'utf8')).toContain(`\`\`\`\n${outOfRange}\`\`\``);
    expect(refused({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MAX: '3' })).toBe(
      'error: --shard auto/3: SLURM_ARRAY_TASK_MAX is "3", so the array starts tasks beyond 0 to 2\n' +
        '  hint: submit the array with --array=0-2: task 0 is shard 1\n',
    );
    expect(refused({ INFORMAL_SHARD_INDEX: '0' })).toContain('INFORMAL_SHARD_INDEX is 0, outside 1 to 3');
    for (const shard of ['auto/0', 'auto/x', 'auto']) {
      expect(refused({ JOB_COMPLETION_INDEX: '0' }, shard)).toContain(
        `argument '${shard}' is invalid. expected i/n with 1 ≤ i ≤ n, such as 2/3, or auto/n with n ≥ 1`,
      );
    }
    // Nothing was stored by a refused command.
    expect(readdirSync(folder)).toEqual(['p.prog']);
  });

  it('takes INFORMAL_SHARD_INDEX, 1-based as in --shard i/n, before a batch system’s variable', () => {
    const result = runCli(['test', 'p.prog', '--store', 'chosen.sqlite', '--shard', 'auto/4'], {
      cwd: folder,
      env: { ...cleanEnvironment, INFORMAL_SHARD_INDEX: '4', JOB_COMPLETION_INDEX: '0' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('Shard 4/4, from INFORMAL_SHARD_INDEX=4\n');
    expect(result.stdout).toContain('shard 4/4: 40 samples');
  });
});

describe('informal merge --complete', () => {
  it('exits 2 naming the missing shards, or when no set of shards is complete; without it, only warns', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 3, 2) });
    for (const index of [1, 3]) {
      const shard = runCli(['test', 'p.prog', '--store', `shard-${index}.sqlite`, '--shard', `${index}/3`], {
        cwd: folder,
        env: cleanEnvironment,
      });
      expect(shard.status, shard.stderr).toBe(0);
    }
    const lenient = runCli(['merge', 'shard-1.sqlite', 'shard-3.sqlite', '--into', 'a.sqlite'], { cwd: folder });
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toBe('warning: shards 2/3 are missing from a set; run them and merge again\n');
    const strict = runCli(['merge', 'shard-1.sqlite', 'shard-3.sqlite', '--into', 'b.sqlite', '--complete'], {
      cwd: folder,
    });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toBe('error: shards 2/3 are missing from a set; run them and merge again\n');
    // A store with no finished shard in it: nothing to join.
    const unsharded = runCli(['test', 'p.prog', '--store', 'whole.sqlite'], { cwd: folder, env: cleanEnvironment });
    expect(unsharded.status, unsharded.stderr).toBe(0);
    const none = runCli(['merge', 'whole.sqlite', '--into', 'c.sqlite', '--complete'], { cwd: folder });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('error: no set of shards is complete: the stores hold no finished shard run');
    expect(none.stdout).toBe('Merged 1 stores into c.sqlite: 1 runs copied\n');
  });
});

describe('a shard from --shard auto/n, killed and resumed', () => {
  let interpreter: GatedInterpreter | undefined;
  afterAll(() => interpreter?.server.close());

  it('keeps the shard it drew: the resume command names it, and another index is refused', async () => {
    interpreter = await startGatedInterpreter();
    const gated = interpreter;
    const folder = tempFolder({ 'big.prog': generatedProgram('big', 6, 5) });
    const store = join(folder, 's.sqlite');
    const args = ['test', 'big.prog', ...gated.flags, '--shard', 'auto/3', '--store', 's.sqlite'];
    // The child inherits this process's environment, as a pod's process inherits the Job's: only this index in it.
    const saved = Object.fromEntries(shardVariables.map((name) => [name, process.env[name]]));
    for (const name of shardVariables) delete process.env[name];
    process.env.JOB_COMPLETION_INDEX = '1';
    try {
      const killed = await killWhenStored(args, { cwd: folder, store, interpreter: gated, stored: 4 });
      expect(killed.stored).toBe(4);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const runs = runCli(['runs', '--store', 's.sqlite'], { cwd: folder, env: cleanEnvironment });
    expect(runs.stdout).toContain(
      `resume it with\n  informal test big.prog ${gated.flags.join(' ')} --shard 2/3 --store s.sqlite --resume latest\n`,
    );

    gated.answerAll();
    const resume = [...args, '--resume', 'latest'];
    const elsewhere = await runCliAsync(resume, {
      cwd: folder,
      env: { ...cleanEnvironment, JOB_COMPLETION_INDEX: '2' },
    });
    expect(elsewhere.status).toBe(2);
    expect(elsewhere.stderr).toContain('the shard differs (stored: 2/3; this command: 3/3)');
    expect(resultCount(store)).toBe(4);

    const same = await runCliAsync(resume, { cwd: folder, env: { ...cleanEnvironment, JOB_COMPLETION_INDEX: '1' } });
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr).toContain('Shard 2/3, from JOB_COMPLETION_INDEX=1\n');
    // Shard 2 of 3 of 6 cases × 5 samples: every third sample of the plan, 10 in all, each once.
    expect(resultCount(store)).toBe(10);
  });
});
