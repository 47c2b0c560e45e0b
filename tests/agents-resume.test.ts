import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSeededRandom } from '../src/stats/seeded-random.js';
import { type GatedInterpreter, startGatedInterpreter } from './support/gated-interpreter.js';
import { retailSuite } from './support/retail-suite.js';
import { runCliAsync } from './support/run-cli.js';
import { scriptedRetailAgent } from './support/scripted-agent.js';
import { resultCount, startInformal, waitForStore } from './support/stored-results.js';

const cases = 18;
const samples = 3;

/** Each sample's trajectory and verdict as a comparable line: what was said and done, not how long it took. */
async function trajectories(folder: string, store: string): Promise<string[]> {
  const exported = await runCliAsync(['export', 'latest', '--store', store], { cwd: folder });
  expect(exported.status, exported.stderr).toBe(0);
  return exported.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const { caseId, sampleIndex, seed, success, score, step } = JSON.parse(line);
      const turns = step.agent.turns.map(
        ({ latencyMs: _latency, cached: _cached, ...turn }: Record<string, unknown>) => turn,
      );
      return JSON.stringify({ caseId, sampleIndex, seed, success, value: score.value, ...step.agent, turns });
    })
    .sort();
}

describe('an agent run killed mid-trajectory', () => {
  let interpreter: GatedInterpreter | undefined;
  afterAll(() => interpreter?.server.close());

  it('resumes after SIGKILL at 10 moments into the trajectories of an uninterrupted run, none lost, none twice', async () => {
    interpreter = await startGatedInterpreter(['agent-model'], scriptedRetailAgent);
    const gated = interpreter;
    const folder = retailSuite({ samples, warehouse: false });
    const command = (store: string) => ['test', 'support.prog', ...gated.flags, '--store', store];

    const reference = await runCliAsync(command('reference.sqlite'), { cwd: folder });
    expect(reference.status, reference.stderr).toBe(1);
    const calls = gated.server.chatCount;
    const expected = await trajectories(folder, 'reference.sqlite');
    expect(expected).toHaveLength(cases * samples);

    // Ten moments, chosen by a seeded draw among the calls the run makes: after that many answered calls, the run
    // waits for the next answer, mid-trajectory, and is killed.
    const random = createSeededRandom(2026);
    const moments = new Set<number>();
    while (moments.size < 10) moments.add(1 + Math.floor(random() * (calls - 1)));
    const store = join(folder, 's.sqlite');
    let answered = 0;
    for (const [index, moment] of [...moments].sort((a, b) => a - b).entries()) {
      gated.answerOnly(moment - answered);
      answered = moment;
      const run = startInformal([...command('s.sqlite'), ...(index > 0 ? ['--resume', 'latest'] : [])], folder);
      await waitForStore(
        store,
        run.child,
        () => gated.holding > 0,
        () => `waiting for the run to ask past call ${moment}; it wrote: ${run.stderr()}`,
      );
      run.child.kill('SIGKILL');
      expect((await run.exited).signal).toBe('SIGKILL');
      gated.release();
    }
    // The kills left part of the run stored: samples finished before them are kept, the rest are drawn on resume.
    const kept = resultCount(store);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(cases * samples);
    gated.answerAll();
    const resumed = await runCliAsync([...command('s.sqlite'), '--resume', 'latest'], { cwd: folder });
    expect(resumed.status, resumed.stderr).toBe(1);
    expect(await trajectories(folder, 's.sqlite')).toEqual(expected);
  });
});
