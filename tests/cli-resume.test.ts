import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type GatedInterpreter, killWhenStored, startGatedInterpreter } from './support/gated-interpreter.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { resultCount, storedRunStatus } from './support/stored-results.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

/** The one-line error and its hint, as `informal test` writes them; fails on anything else on standard error. */
function refusal(stderr: string): { message: string; hint: string } {
  const match = /^error: (.+)\n {2}hint: (.+)\n$/.exec(stderr);
  expect(match, stderr).not.toBeNull();
  return { message: match?.[1] as string, hint: match?.[2] as string };
}

/** The runs table's rows, each split into its cells. */
function runsTable(stdout: string): string[][] {
  return stdout
    .split('\n\n')[0]
    ?.split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split(/ {2,}/)) as string[][];
}

describe('informal test --resume', () => {
  let interpreter: GatedInterpreter | undefined;
  afterAll(() => interpreter?.server.close());

  it('resumes a SIGKILLed run with latest, after refusing every command that would sample differently', async () => {
    // 2 interpreters × 20 cases × 5 samples on a loopback server that answers as many requests as the test allows.
    interpreter = await startGatedInterpreter(['test-model', 'other-model']);
    const gated = interpreter;
    const [first, second] = ['openai-compatible:test-model', 'openai-compatible:other-model'];
    const program = generatedProgram('big', 20, 5);
    const folder = tempFolder({ 'big.prog': program, 'other.prog': generatedProgram('other', 2, 2) });
    const store = join(folder, 's.sqlite');
    const original = ['test', 'big.prog', ...gated.flags, '--seed', '3'];
    const planned = 2 * 20 * 5;
    const killed = 37;
    const stopped = await killWhenStored([...original, '--store', 's.sqlite'], {
      cwd: folder,
      store,
      interpreter: gated,
      stored: killed,
    });
    expect(stopped.stored).toBe(killed);

    // Nothing else said the run's id: `informal runs` does.
    const listed = runCli(['runs', '--store', 's.sqlite'], { cwd: folder });
    expect(listed.status, listed.stderr).toBe(0);
    const [header, row] = runsTable(listed.stdout);
    expect(header).toEqual(['run', 'status', 'started', 'samples', 'programs', 'interpreters']);
    const runId = row?.[0] as string;
    expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
    // The run still reads `running` in the store, but its process is gone.
    expect(row?.slice(1)).toEqual([
      'stopped',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
      `${killed} of ${planned}`,
      'big',
      `${first}, ${second}`,
    ]);
    expect(listed.stdout).toContain('stopped: the run reads `running`, but its process on this machine is gone');
    expect(listed.stdout).toContain(
      `The latest run not complete is ${runId}; resume it with\n  informal ${original.join(' ')} --store s.sqlite --resume latest\n`,
    );
    // The same, as one JSON document for scripts.
    const json = runCli(['runs', '--store', 's.sqlite', '--json'], { cwd: folder });
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      version: 1,
      store: 's.sqlite',
      runs: [
        {
          id: runId,
          status: 'running',
          createdAt: expect.any(Number),
          samplesStored: killed,
          samplesPlanned: planned,
          programs: ['big'],
          interpreters: [first, second],
          processGone: true,
        },
      ],
    });

    const storedCommand = `informal ${original.join(' ')} --store s.sqlite --resume ${runId}`;
    const refusals: [string[], string][] = [
      [
        ['test', 'other.prog', '--seed', '3'],
        `cannot resume run ${runId}: the programs differ (stored: big; this command: other)`,
      ],
      [
        ['test', 'big.prog', '--interpreter', first as string, '--base-url', gated.server.url, '--seed', '3'],
        `cannot resume run ${runId}: the interpreters of big differ (stored: ${first}, ${second}; this command: ${first})`,
      ],
      [
        ['test', 'big.prog', ...gated.flags, '--seed', '99'],
        `cannot resume run ${runId}: the seed of big differs (stored: 3; this command: 99)`,
      ],
      [
        [...original, '-t', 'big/c1$'],
        `cannot resume run ${runId}: the cases of big differ (stored: 20 cases: c0, c1, c2 and 17 more; this command: 1 case: c1)`,
      ],
      [
        [...original, '--shard', '1/2'],
        `cannot resume run ${runId}: the shard differs (stored: none; this command: 1/2)`,
      ],
      [
        [...original, '--adaptive', '--budget', '100'],
        `cannot resume run ${runId}: adaptive sampling differs (stored: off; this command: target width 0.1, budget 100)`,
      ],
    ];
    for (const [args, message] of refusals) {
      const result = await runCliAsync([...args, '--store', 's.sqlite', '--resume', 'latest'], { cwd: folder });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('Not run: the suite could not start\n');
      expect(refusal(result.stderr)).toEqual({
        message,
        hint: `resume with the run's own command, \`${storedCommand}\`, or start a new run without --resume`,
      });
    }
    // An edited program would mix two programs' samples in one run.
    writeFileSync(join(folder, 'big.prog'), program.replace('Repeat', 'Say'));
    const edited = refusal(
      (await runCliAsync([...original, '--store', 's.sqlite', '--resume', runId], { cwd: folder })).stderr,
    );
    expect(edited.message).toMatch(
      new RegExp(
        `^cannot resume run ${runId}: the program big differs \\(stored: hash [0-9a-f]{12}; this command: hash [0-9a-f]{12}\\)$`,
      ),
    );
    expect(edited.hint).toBe(
      'the program was edited since the run started: undo the edit to resume it, or start a new run without --resume',
    );
    writeFileSync(join(folder, 'big.prog'), program);
    expect(resultCount(store)).toBe(killed);
    expect(storedRunStatus(store, runId)).toBe('running');

    // Reporters, their files, concurrency and the way the program is named may change.
    gated.answerAll();
    const calls = gated.server.chatCount;
    const resumed = await runCliAsync(
      [
        'test',
        '.',
        '-t',
        '^big$',
        ...gated.flags,
        '--seed',
        '3',
        '--store',
        's.sqlite',
        '--resume',
        'latest',
        '--reporter',
        'json',
        '--output-file',
        'junit=out/junit.xml',
        '--reporter',
        'junit',
        '--concurrency',
        '3',
      ],
      { cwd: folder },
    );
    expect(resumed.status, resumed.stderr).toBe(0);
    // Only the samples not stored were drawn.
    expect(gated.server.chatCount - calls).toBe(planned - killed);
    expect(resumed.stderr).toMatch(
      new RegExp(
        `^Resuming run ${runId} \\(running, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; ${killed} samples stored\\)\n`,
      ),
    );
    const report = JSON.parse(resumed.stdout);
    expect(report.runId).toBe(runId);
    expect(
      report.programs.map((entry: { cacheHits: number }) => entry.cacheHits).reduce((a: number, b: number) => a + b),
    ).toBeGreaterThanOrEqual(killed);
    expect(readFileSync(join(folder, 'out/junit.xml'), 'utf8')).toContain('<testsuites');
    expect(resultCount(store)).toBe(planned);
    expect(storedRunStatus(store, runId)).toBe('complete');

    const afterwards = runCli(['runs', '--store', 's.sqlite'], { cwd: folder });
    expect(runsTable(afterwards.stdout)[1]?.slice(1, 4)).toEqual([
      'complete',
      expect.any(String),
      `${planned} of ${planned}`,
    ]);
    expect(afterwards.stdout).not.toContain('resume it with');

    // A complete run holds every sample it planned: it is refused by id, and latest finds nothing to resume.
    const again = await runCliAsync([...original, '--store', 's.sqlite', '--resume', runId], { cwd: folder });
    expect(again.status).toBe(2);
    expect(refusal(again.stderr)).toEqual({
      message: `run ${runId} is complete: every planned sample is stored, so there is nothing to resume`,
      hint: `read them with \`informal report ${runId} --html report.html\`, or start a new run without --resume`,
    });
    const latest = await runCliAsync([...original, '--store', 's.sqlite', '--resume', 'latest'], { cwd: folder });
    expect(latest.status).toBe(2);
    expect(refusal(latest.stderr)).toEqual({
      message: `every run in ${store} is complete: there is none to resume`,
      hint: 'start a new run without --resume',
    });
    expect(resultCount(store)).toBe(planned);
  });

  it('checks a run stored before plans were kept against the program runs it had started', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 3, 4) });
    const store = join(folder, 's.sqlite');
    runCli(['test', 'p.prog', '--store', 's.sqlite'], { cwd: folder });
    const database = new Database(store);
    const { id } = database.prepare<[], { id: string }>('SELECT id FROM runs').get() as { id: string };
    // As an older informal left a run it was interrupted in: no plan in its command, status interrupted.
    database
      .prepare("UPDATE runs SET status = 'interrupted', command_json = json_remove(command_json, '$.plan')")
      .run();
    database.close();
    const listed = runCli(['runs', '--store', 's.sqlite'], { cwd: folder });
    expect(runsTable(listed.stdout)[1]?.slice(1)).toEqual(['interrupted', expect.any(String), '12', 'p', 'sim']);
    const seed = runCli(['test', 'p.prog', '--store', 's.sqlite', '--seed', '5', '--resume', id], { cwd: folder });
    expect(seed.status).toBe(2);
    expect(refusal(seed.stderr).message).toBe(
      `cannot resume run ${id}: the seed of p differs (stored: 1; this command: 5)`,
    );
    const same = runCli(['test', 'p.prog', '--store', 's.sqlite', '--resume', 'latest'], { cwd: folder });
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr).toContain(`Resuming run ${id} (interrupted, `);
    expect(storedRunStatus(store, id)).toBe('complete');
  });

  it('refuses --no-cache, which would draw the kept samples anew, before opening anything', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 1, 1) });
    const result = runCli(['test', 'p.prog', '--store', 's.sqlite', '--no-cache', '--resume', 'latest'], {
      cwd: folder,
    });
    expect(result.status).toBe(2);
    expect(refusal(result.stderr).hint).toBe('leave out --no-cache, or start a new run without --resume');
    expect(resultCount(join(folder, 's.sqlite'))).toBe(0);
  });
});

describe('informal runs', () => {
  it('says when the store holds no runs, and when there is no store', () => {
    const folder = tempFolder();
    const missing = runCli(['runs', '--store', 'none.sqlite'], { cwd: folder });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      'error: no store at none.sqlite\n  hint: run `informal test` first, or name the store with --store\n',
    );
    new Database(join(folder, 'empty.sqlite')).close();
    const empty = runCli(['runs', '--store', 'empty.sqlite'], { cwd: folder });
    expect(empty.status).toBe(0);
    expect(empty.stdout).toBe('No runs in empty.sqlite yet.\n');
    const emptyJson = runCli(['runs', '--store', 'empty.sqlite', '--json'], { cwd: folder });
    expect(JSON.parse(emptyJson.stdout)).toEqual({ version: 1, store: 'empty.sqlite', runs: [] });
  });

  it('lists shards with their part, and counts the samples planned for each part', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 3, 5) });
    const shard = runCli(['test', 'p.prog', '--store', 's.sqlite', '--shard', '2/4'], { cwd: folder });
    expect(shard.status, shard.stderr).toBe(0);
    const rows = runsTable(runCli(['runs', '--store', 's.sqlite'], { cwd: folder }).stdout);
    expect(rows[0]?.at(-1)).toBe('shard');
    // Positions 1, 5, 9 and 13 of the 15 planned samples.
    expect(rows[1]?.slice(3)).toEqual(['4 of 4', 'p', 'sim', '2/4']);
  });
});
