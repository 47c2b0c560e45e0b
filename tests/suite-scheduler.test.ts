import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventEmitter } from 'eventemitter3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvents } from '../src/contracts/run-events.js';
import type { Reporter } from '../src/runner/reporter.js';
import { runSuite } from '../src/runner/run-suite.js';
import type { RunSuiteOptions } from '../src/runner/run-suite-options.js';
import { type HeldServer, startHeldServer } from './support/held-server.js';
import { resultCount } from './support/stored-results.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

/** A program `name` of 2 cases × 2 samples whose prompts ask to repeat `<name>c<case>`. */
const program = (name: string, extra = '') =>
  [
    'prog 1',
    `program ${name}`,
    'input word: string',
    'prompt "Repeat {{ word }}."',
    'verify exact(expected)',
    `case "c0" { word: "${name}c0" } -> "${name}c0"`,
    `case "c1" { word: "${name}c1" } -> "${name}c1"`,
    'sample 2 seed 1',
    extra,
  ].join('\n');

const folderOf = (names: readonly string[], extra: (name: string) => string = () => '') =>
  tempFolder(Object.fromEntries(names.map((name) => [`${name}.prog`, program(name, extra(name))])));

/** A reporter that writes down, in one list, what it hears: hooks and every event of every program. */
function recordingReporter(log: string[]): Reporter {
  const eventNames: (keyof RunEvents)[] = ['run-start', 'case-start', 'sample-end', 'score', 'case-end', 'run-end'];
  return {
    onProgramStart(started, events: EventEmitter<RunEvents>) {
      log.push(`${started.name} start`);
      for (const name of eventNames) events.on(name, () => log.push(`${started.name} ${name}`));
    },
    onProgramEnd(summary) {
      log.push(`${summary.programName} end`);
    },
  };
}

const servers: HeldServer[] = [];
afterEach(async () => {
  for (const held of servers.splice(0)) {
    held.releaseAll();
    await held.server.close();
  }
});

async function heldServer(answer?: (word: string) => string, models?: readonly string[]): Promise<HeldServer> {
  const held = await startHeldServer(answer, models);
  servers.push(held);
  return held;
}

const suiteOptions = (folder: string, held: HeldServer, more: Partial<RunSuiteOptions> = {}): RunSuiteOptions => ({
  paths: ['.'],
  cwd: folder,
  interpreter: 'openai-compatible:test-model',
  baseURL: held.server.url,
  concurrency: 6,
  store: 'store.sqlite',
  ...more,
});

const ofProgram =
  (name: string) =>
  ({ word }: { readonly word: string }) =>
    word.startsWith(`${name}c`);

describe('the suite scheduler', () => {
  it("starts a program's samples while the one before it still waits for its last answers", async () => {
    const folder = folderOf(['p1', 'p2', 'p3']);
    const held = await heldServer();
    const log: string[] = [];
    const running = runSuite(suiteOptions(folder, held, { reporters: [recordingReporter(log)] }));

    // 6 slots: p1's 4 samples take 4, and p2 starts at once on the 2 left, while all of p1's calls are held.
    await held.arrived((requests) => requests.length === 6);
    expect(held.requests.filter(ofProgram('p1'))).toHaveLength(4);
    expect(held.requests.filter(ofProgram('p2'))).toHaveLength(2);

    // p2 ends whole before p1 has one answer; p3 takes its slots. Reporters hear nothing of p2 yet.
    held.release(ofProgram('p2'));
    await held.arrived((requests) => requests.filter(ofProgram('p2')).length === 4);
    held.release(ofProgram('p2'));
    await held.arrived((requests) => requests.filter(ofProgram('p3')).length === 2);
    expect(resultCount(join(folder, 'store.sqlite'))).toBe(4);
    expect(log.filter((line) => line.startsWith('p2') || line.startsWith('p3'))).toEqual([]);
    expect(log).toEqual(['p1 start', 'p1 run-start', 'p1 case-start', 'p1 case-start']);

    held.releaseAll();
    const result = await running;
    expect(result.status).toBe('passed');
    expect(result.programs.map((summary) => [summary.programName, summary.samples])).toEqual([
      ['p1', 4],
      ['p2', 4],
      ['p3', 4],
    ]);
    // Each program's hooks and events, whole and in order, one program after another in suite order.
    const expected = (name: string) => [
      `${name} start`,
      `${name} run-start`,
      `${name} case-start`,
      `${name} case-start`,
      ...Array.from({ length: 4 }, () => [`${name} sample-end`, `${name} score`]).flat(),
      `${name} case-end`,
      `${name} case-end`,
      `${name} run-end`,
      `${name} end`,
    ];
    const byProgram = (name: string) => log.filter((line) => line.startsWith(`${name} `));
    expect(log).toEqual([...byProgram('p1'), ...byProgram('p2'), ...byProgram('p3')]);
    for (const name of ['p1', 'p2', 'p3']) {
      expect(
        byProgram(name).filter(
          (line) => !line.endsWith('case-end') && !line.endsWith('sample-end') && !line.endsWith('score'),
        ),
      ).toEqual(
        expected(name).filter(
          (line) => !line.endsWith('case-end') && !line.endsWith('sample-end') && !line.endsWith('score'),
        ),
      );
      expect(byProgram(name).toSorted()).toEqual(expected(name).toSorted());
      expect(byProgram(name).at(-2)).toBe(`${name} run-end`);
    }
  });

  it('with bail, runs one program at a time and leaves the ones after a failed program not run', async () => {
    const folder = folderOf(['p1', 'p2', 'p3'], (name) => (name === 'p2' ? 'expect pass@1 >= 0.9' : ''));
    // p2's answers are wrong, so its expectation fails.
    const held = await heldServer((word) => (word.startsWith('p2') ? 'wrong' : word));
    const log: string[] = [];
    const running = runSuite(suiteOptions(folder, held, { bail: true, reporters: [recordingReporter(log)] }));
    // One at a time: p1's 4 calls, and nothing of p2 while they are held, though slots are free.
    await held.arrived((requests) => requests.length === 4);
    held.release();
    await held.arrived((requests) => requests.length === 8);
    expect(held.requests.filter(ofProgram('p1'))).toHaveLength(4);
    expect(held.requests.slice(4).every(ofProgram('p2'))).toBe(true);
    held.releaseAll();
    const result = await running;
    expect(result.status).toBe('failed');
    expect(result.programs.map((summary) => [summary.programName, summary.status])).toEqual([
      ['p1', 'passed'],
      ['p2', 'failed'],
    ]);
    expect(result.notRun?.map((program) => program.programName)).toEqual(['p3']);
    expect(held.requests.some(ofProgram('p3'))).toBe(false);
    expect(log.filter((line) => line.endsWith(' end') || line.endsWith(' start'))).toEqual([
      'p1 start',
      'p1 end',
      'p2 start',
      'p2 end',
    ]);
  });

  it('stops every program on an interrupt: runs in flight end interrupted with their samples kept, no new one starts', async () => {
    const folder = folderOf(['p1', 'p2', 'p3', 'p4']);
    const held = await heldServer();
    const stop = new AbortController();
    const log: string[] = [];
    const running = runSuite(
      suiteOptions(folder, held, { stopSignal: stop.signal, reporters: [recordingReporter(log)] }),
    );
    // p1's 4 calls and 2 of p2's are in flight; p2's other 2 samples wait for a slot.
    await held.arrived((requests) => requests.length === 6);
    stop.abort();
    held.releaseAll();
    const result = await running;
    expect(result.status).toBe('interrupted');
    expect(result.programs.map((summary) => [summary.programName, summary.samples, summary.run.interrupted])).toEqual([
      ['p1', 4, false],
      ['p2', 2, true],
    ]);
    expect(held.requests).toHaveLength(6);
    expect(resultCount(join(folder, 'store.sqlite'))).toBe(6);
    expect(log.filter((line) => line.endsWith(' end') || line.endsWith(' start'))).toEqual([
      'p1 start',
      'p1 end',
      'p2 start',
      'p2 end',
    ]);
  });

  it('runs the programs of each interpreter side by side, and reports them in suite order', async () => {
    const folder = folderOf(['p1', 'p2']);
    const held = await heldServer(undefined, ['model-a', 'model-b']);
    const log: string[] = [];
    const running = runSuite({
      ...suiteOptions(folder, held, { concurrency: 4, reporters: [recordingReporter(log)] }),
      interpreter: undefined,
      interpreters: ['openai-compatible:model-a', 'openai-compatible:model-b'],
    });
    // Each interpreter has its own 4 slots: p1 takes them on both at once.
    await held.arrived((requests) => requests.length === 8);
    expect(
      held.requests
        .filter(ofProgram('p1'))
        .map((request) => request.model)
        .toSorted(),
    ).toEqual([...Array(4).fill('model-a'), ...Array(4).fill('model-b')]);
    // p1 and then p2 end on model-b while p1 waits on model-a: reporters hear nothing of them meanwhile.
    const onB = (request: { readonly model: string }) => request.model === 'model-b';
    held.release(onB);
    await held.arrived((requests) => requests.filter(onB).length === 8);
    held.release(onB);
    expect(log.some((line) => line.startsWith('p2'))).toBe(false);
    held.releaseAll();
    const result = await running;
    expect(result.programs.map((summary) => `${summary.programName} ${summary.interpreter}`)).toEqual([
      'p1 openai-compatible:model-a',
      'p1 openai-compatible:model-b',
      'p2 openai-compatible:model-a',
      'p2 openai-compatible:model-b',
    ]);
    expect(log.filter((line) => line.endsWith(' start') || line.endsWith(' end'))).toEqual([
      'p1 start',
      'p1 end',
      'p1 start',
      'p1 end',
      'p2 start',
      'p2 end',
      'p2 start',
      'p2 end',
    ]);
  });

  it('when a reporter throws, stops the programs in flight and throws once they ended', async () => {
    const folder = folderOf(['p1', 'p2', 'p3']);
    const held = await heldServer();
    let thrown: () => void = () => {};
    const throwing = new Promise<void>((resolve) => {
      thrown = resolve;
    });
    const breaking: Reporter = {
      onProgramEnd() {
        thrown();
        throw new Error('the reporter broke');
      },
    };
    const running = runSuite(suiteOptions(folder, held, { reporters: [breaking] }));
    const settled = running.then(
      () => undefined,
      (error: unknown) => error,
    );
    await held.arrived((requests) => requests.length === 6);
    // p1 ends; p2's last samples take its slots, so all of p2 is in flight when the reporter throws.
    held.release(ofProgram('p1'));
    await throwing;
    held.releaseAll();
    expect(await settled).toEqual(new Error('the reporter broke'));
    expect(held.requests.filter(ofProgram('p2'))).toHaveLength(4);
    // p3 may have started on the slots left, but took no sample after the error.
    expect(held.requests.filter(ofProgram('p3')).length).toBeLessThanOrEqual(2);
    const database = new Database(join(folder, 'store.sqlite'), { readonly: true });
    try {
      const statuses = database.prepare('SELECT status FROM program_runs').all() as { status: string }[];
      expect(statuses.filter(({ status }) => status !== 'complete' && status !== 'interrupted')).toEqual([]);
    } finally {
      database.close();
    }
  });

  it("stops only the program whose own budget is reached, and every program when the run's budget is", async () => {
    const folder = tempFolder({
      'a.prog': generatedProgram('a', 4, 10, 'budget 0.00005'),
      'b.prog': generatedProgram('b', 4, 10),
      'c.prog': generatedProgram('c', 4, 10),
    });
    const options: RunSuiteOptions = { paths: ['.'], cwd: folder, interpreter: 'sim:large', concurrency: 8 };
    const own = await runSuite({ ...options, store: 'own.sqlite' });
    expect(own.programs.map((summary) => [summary.programName, summary.run.stoppedBy, summary.samples])).toEqual([
      ['a', 'budget', expect.any(Number)],
      ['b', undefined, 40],
      ['c', undefined, 40],
    ]);
    expect(own.programs[0]?.samples).toBeLessThan(40);
    expect(own.status).toBe('interrupted');

    // The run's budget is spent by the first sample: no other starts, in this program or any other.
    const whole = await runSuite({ ...options, store: 'whole.sqlite', maxCost: 0.000001 });
    expect(whole.programs.map((summary) => [summary.programName, summary.samples, summary.run.stoppedBy])).toEqual([
      ['a', 1, 'budget'],
    ]);
    expect(whole.budget?.reached).toBe(true);
    expect(whole.status).toBe('interrupted');
  });
  it("gives an interpreter the suite's concurrency even when a judge on it asks for its limit first", async () => {
    const judged = [
      'prog 1',
      'program p1',
      'model "openai-compatible:model-a"',
      'input word: string',
      'prompt "Repeat {{ word }}."',
      'judge same model "openai-compatible:model-b" """',
      '  Score from 0 to 1 whether {{ output }} is {{ word }}.',
      '  """',
      'verify same',
      'case "c0" { word: "p1c0" }',
      'sample 2 seed 1',
    ].join('\n');
    const onB = [
      'prog 1',
      'program p2',
      'model "openai-compatible:model-b"',
      'input word: string',
      'prompt "Repeat {{ word }}."',
      'verify exact(expected)',
      ...Array.from({ length: 4 }, (_, index) => `case "c${index}" { word: "p2c${index}" } -> "p2c${index}"`),
      'sample 4 seed 1',
    ].join('\n');
    const folder = tempFolder({ 'p1.prog': judged, 'p2.prog': onB });
    const held = await heldServer(undefined, ['model-a', 'model-b']);
    const running = runSuite({ ...suiteOptions(folder, held, { concurrency: 12 }), interpreter: undefined });
    // p1 sets up its judge on model-b before p2 starts there; p2 still gets 12 calls in flight, not the default 8.
    await held.arrived((requests) => requests.filter(ofProgram('p2')).length === 12);
    held.releaseAll();
    const result = await running;
    expect(result.programs.map((summary) => [summary.programName, summary.samples])).toEqual([
      ['p1', 2],
      ['p2', 16],
    ]);
  });
});
