import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type GatedInterpreter,
  killWhenStored,
  runUntilStored,
  startGatedInterpreter,
} from './support/gated-interpreter.js';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from './support/openai-compatible-server.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { resultCount, storedRunStatus } from './support/stored-results.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

/**
 * Every result of a run, in a canonical order, as comparable rows: a score stored once (`score_texts`) is read
 * through its reference, since which result first held it depends on the order samples finished in.
 */
function runResults(storePath: string, runId: string): string[] {
  const database = new Database(storePath, { readonly: true });
  try {
    return database
      .prepare<[string], { row: string }>(
        `SELECT pr.program_name || '|' || r.case_id || '|' || r.sample_index || '|' || r.seed || '|' || r.success || '|' ||
           COALESCE((SELECT t.score_json FROM score_texts t WHERE '#' || t.hash = r.score_json), r.score_json) AS row
         FROM results r JOIN program_runs pr ON pr.id = r.program_run_id WHERE pr.run_id = ? ORDER BY row`,
      )
      .all(runId)
      .map((result) => result.row);
  } finally {
    database.close();
  }
}

function latestRun(storePath: string): string | undefined {
  const database = new Database(storePath, { readonly: true });
  try {
    return database.prepare<[], { id: string }>('SELECT id FROM runs ORDER BY created_at DESC, id DESC LIMIT 1').get()
      ?.id;
  } finally {
    database.close();
  }
}

describe('a killed run', () => {
  let interpreter: GatedInterpreter | undefined;
  afterAll(() => interpreter?.server.close());

  it('resumes after SIGKILL at moments chosen by stored progress, with every planned sample, none lost, none duplicated', async () => {
    interpreter = await startGatedInterpreter();
    const gated = interpreter;
    const folder = tempFolder({ 'big.prog': generatedProgram('big', 4, 10) });
    const planned = 4 * 10;
    const command = (store: string) => ['test', 'big.prog', ...gated.flags, '--store', store];
    const reference = await runCliAsync(command('reference.sqlite'), { cwd: folder });
    expect(reference.status, reference.stderr).toBe(0);
    const expected = runResults(
      join(folder, 'reference.sqlite'),
      latestRun(join(folder, 'reference.sqlite')) as string,
    );
    expect(expected).toHaveLength(planned);
    expect(new Set(expected.map((row) => row.split('|')[4]))).toEqual(new Set(['0', '1']));

    // From no sample stored to all but one: the run is killed while it waits for the interpreter's next answer.
    for (const stop of [0, 1, 3, 7, 12, 20, 27, 33, 39]) {
      const store = join(folder, `killed-${stop}.sqlite`);
      const killed = await killWhenStored(command(store), { cwd: folder, store, interpreter: gated, stored: stop });
      expect(killed.signal, `killed after ${stop} samples`).toBe('SIGKILL');
      expect(killed.stored, `killed after ${stop} samples`).toBe(stop);
      const runId = latestRun(store) as string;
      expect(storedRunStatus(store, runId)).toBe('running');

      gated.answerAll();
      const calls = gated.server.chatCount;
      const resumed = await runCliAsync([...command(store), '--resume', runId], { cwd: folder });
      expect(resumed.status, resumed.stderr).toBe(0);
      // Each sample stored before the kill is kept, and only the others are drawn.
      expect(gated.server.chatCount - calls, `resumed after ${stop} samples`).toBe(planned - stop);
      expect(runResults(store, runId), `resumed after ${stop} samples`).toEqual(expected);
      expect(storedRunStatus(store, runId)).toBe('complete');
    }
  });
});

describe('the cache', () => {
  let server: OpenAICompatibleServer | undefined;
  afterAll(() => server?.close());

  it('makes zero interpreter calls when a finished suite runs again, and calls again with --no-cache', async () => {
    server = await startOpenAICompatibleServer({
      answer: (request) => ((request.seed ?? 0) % 2 === 0 ? 'w0' : 'nope'),
    });
    const folder = tempFolder({ 'small.prog': generatedProgram('small', 3, 5) });
    const args = [
      'test',
      'small.prog',
      '--interpreter',
      'openai-compatible:test-model',
      '--base-url',
      server.url,
      '--store',
      's.sqlite',
    ];
    const first = await runCliAsync(args, { cwd: folder });
    expect(first.stderr).not.toContain('error');
    expect(server.chatCount).toBe(15);
    const second = await runCliAsync(args, { cwd: folder });
    expect(server.chatCount).toBe(15);
    expect(second.stdout).toContain('15 of 15 samples from the store');
    expect(second.stdout.replace(/Samples.*|Run.*| *15 of 15.*\n/g, '')).toBe(
      first.stdout.replace(/Samples.*|Run.*/g, ''),
    );
    await runCliAsync([...args, '--no-cache'], { cwd: folder });
    expect(server.chatCount).toBe(30);
  });
});

describe('shards', () => {
  it('merged, equal the unsharded run', () => {
    const folder = tempFolder({
      'a.prog': generatedProgram('a', 7, 9, 'expect pass@3 >= 0.1'),
      'b.prog': generatedProgram('b', 5, 4),
    });
    for (const index of [1, 2, 3]) {
      const shard = runCli(['test', '.', '--store', `shard-${index}.sqlite`, '--shard', `${index}/3`], { cwd: folder });
      expect(shard.status).toBe(0);
      expect(shard.stdout).toContain(`shard ${index}/3`);
    }
    const merge = runCli(['merge', 'shard-1.sqlite', 'shard-2.sqlite', 'shard-3.sqlite', '--into', 'merged.sqlite'], {
      cwd: folder,
    });
    expect(merge.status).toBe(0);
    const mergedId = /run (merged-\w+) joins/.exec(merge.stdout)?.[1] as string;
    expect(mergedId).toBeDefined();
    runCli(['test', '.', '--store', 'whole.sqlite'], { cwd: folder });
    const whole = runResults(join(folder, 'whole.sqlite'), latestRun(join(folder, 'whole.sqlite')) as string);
    expect(whole).toHaveLength(7 * 9 + 5 * 4);
    expect(runResults(join(folder, 'merged.sqlite'), mergedId)).toEqual(whole);
    // The merged store answers the whole suite from its cache, with the unsharded statistics.
    const fromMerged = JSON.parse(
      runCli(['test', '.', '--store', 'merged.sqlite', '--reporter', 'json'], { cwd: folder }).stdout,
    );
    const fromWhole = JSON.parse(
      runCli(['test', '.', '--store', 'whole.sqlite', '--reporter', 'json'], { cwd: folder }).stdout,
    );
    expect(fromMerged.programs.map((program: { cacheHits: number }) => program.cacheHits)).toEqual([63, 20]);
    expect(fromMerged.programs.map((program: { metrics: unknown }) => program.metrics)).toEqual(
      fromWhole.programs.map((program: { metrics: unknown }) => program.metrics),
    );
  });
});

describe('Ctrl-C', () => {
  let interpreter: GatedInterpreter | undefined;
  afterAll(() => interpreter?.server.close());

  it('stops taking samples, keeps the calls in flight that finish, exits 130 and prints a resume command that completes the run', async () => {
    interpreter = await startGatedInterpreter();
    const gated = interpreter;
    const folder = tempFolder({ 'big.prog': generatedProgram('big', 4, 10) });
    const store = join(folder, 'interrupted.sqlite');
    const run = await runUntilStored(['test', 'big.prog', ...gated.flags, '--store', store], {
      cwd: folder,
      store,
      interpreter: gated,
      stored: 5,
    });
    run.child.kill('SIGINT');
    await run.untilStderr(/Stopping: no new samples/);
    // The calls in flight when Ctrl-C came are answered now, within the grace period: their samples are kept.
    const inFlight = gated.release();
    expect(inFlight).toBeGreaterThan(0);
    const { code } = await run.exited;
    const stderr = run.stderr();
    expect(code, stderr).toBe(130);
    expect(resultCount(store)).toBe(5 + inFlight);
    const command = /Resume with:\n {2}informal (.+)\n/.exec(stderr)?.[1];
    expect(command).toMatch(
      /^test big\.prog --interpreter openai-compatible:test-model --base-url \S+ --store .+ --resume \d{8}-\d{6}-[0-9a-f]{6}$/,
    );
    const runId = command?.split(' ').at(-1) as string;
    gated.answerAll();
    const calls = gated.server.chatCount;
    const resumed = await runCliAsync((command as string).split(' '), { cwd: folder });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(gated.server.chatCount - calls).toBe(40 - 5 - inFlight);
    expect(runResults(store, runId)).toHaveLength(40);
  });
});

describe('replay', () => {
  it('re-verifies a recorded run with a new verifier, drawing nothing new', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 4, 6) });
    const first = JSON.parse(
      runCli(['test', 'p.prog', '--store', 's.sqlite', '--reporter', 'json'], { cwd: folder }).stdout,
    );
    writeFileSync(
      join(folder, 'p.prog'),
      generatedProgram('p', 4, 6).replace('verify exact(expected)', 'verify contains("w")'),
    );
    const replayed = runCli(
      ['test', 'p.prog', '--store', 's.sqlite', '--reporter', 'json', '--interpreter', 'replay:latest'],
      {
        cwd: folder,
      },
    );
    expect(replayed.status, replayed.stderr).toBe(0);
    const second = JSON.parse(replayed.stdout);
    const outputs = (report: { programs: { cases: { samples: { output: string }[] }[] }[] }) =>
      report.programs[0]?.cases.flatMap((testCase) => testCase.samples.map((sample) => sample.output));
    expect(outputs(second)).toEqual(outputs(first));
    expect(second.programs[0].interpreter.id).toBe(`replay:${first.runId}`);
    // Every output the simulator gave starts with w (a right answer or a misspelling of one), so contains("w") passes more.
    expect(second.programs[0].metrics['pass@1']).toBeGreaterThan(first.programs[0].metrics['pass@1']);
    const otherSeed = runCli(
      ['test', 'p.prog', '--store', 's.sqlite', '--interpreter', 'replay:latest', '--seed', '99'],
      { cwd: folder },
    );
    expect(otherSeed.stdout).toContain('24 samples ended in errors');
  });
});

describe('replay of a composed program with a judge', () => {
  it('answers every step, a typed output and every judge answer from the store, with the same outputs and scores', () => {
    const program = [
      'prog 1',
      'program twostep',
      'input word: string',
      'step first = "Repeat {{ word }}."',
      'step second = "Say {{ first }} once more."',
      'judge same samples 2 """',
      '  Score from 0 to 1 whether {{ output }} is {{ expected }}.',
      '  """',
      'output { word: string }',
      'verify same and exact(output.word, expected.word)',
      'pass when score >= 0.5',
      ...Array.from({ length: 3 }, (_, index) => `case "c${index}" { word: "w${index}" } -> { word: "w${index}" }`),
      'sample 5 seed 1',
    ].join('\n');
    const folder = tempFolder({ 'p.prog': program });
    const recorded = runCli(['test', 'p.prog', '--store', 's.sqlite', '--reporter', 'json'], { cwd: folder });
    const replayed = runCli(
      ['test', 'p.prog', '--store', 's.sqlite', '--reporter', 'json', '--interpreter', 'replay:latest'],
      { cwd: folder },
    );
    expect(replayed.status, replayed.stderr).toBe(0);
    type Report = { programs: { cases: { errors: number; samples: { output: string; score: unknown }[] }[] }[] };
    const samples = (report: Report) =>
      report.programs[0]?.cases.flatMap((testCase) =>
        testCase.samples.map((sample) => [sample.output, (sample.score as { value: number | null }).value]),
      );
    const first = JSON.parse(recorded.stdout) as Report;
    const second = JSON.parse(replayed.stdout) as Report;
    expect(second.programs[0]?.cases.map((testCase) => testCase.errors)).toEqual([0, 0, 0]);
    expect(samples(second)).toEqual(samples(first));
    expect(samples(first)).toHaveLength(15);
  });
});

describe('a file that is not a store', () => {
  it('is refused with the path and a hint by test, merge and export, never a stack trace', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 1, 1), 'bad.sqlite': 'not a database' });
    // Commands that write want a writable file; export only reads it.
    const results = [
      [runCli(['test', 'p.prog', '--store', 'bad.sqlite'], { cwd: folder }), 'writable'],
      [runCli(['merge', 'bad.sqlite', '--into', 'merged.sqlite'], { cwd: folder }), 'writable'],
      [runCli(['export', '--store', 'bad.sqlite'], { cwd: folder }), 'readable'],
    ] as const;
    for (const [result, access] of results) {
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/cannot open the store .*bad\.sqlite: file is not a database/);
      expect(result.stderr).toContain(`hint: give a ${access} SQLite file`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
