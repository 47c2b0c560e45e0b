import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type GatedInterpreter,
  killWhenStored,
  runUntilStored,
  startGatedInterpreter,
} from './support/gated-interpreter.js';
import { runCliAsync } from './support/run-cli.js';
import { latestRunId, resultCount, storedRunStatus } from './support/stored-results.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

describe('informal test --resume of a run another process holds', () => {
  let interpreter: GatedInterpreter | undefined;
  afterAll(() => interpreter?.server.close());

  it('is refused before sampling, naming the process that holds it; once that process is gone it resumes', async () => {
    interpreter = await startGatedInterpreter();
    const gated = interpreter;
    const folder = tempFolder({ 'big.prog': generatedProgram('big', 10, 4) });
    const store = join(folder, 's.sqlite');
    const args = ['test', 'big.prog', ...gated.flags, '--seed', '5', '--store', 's.sqlite'];
    // A first run stores 7 samples, then is killed: it is left `running`, with no process behind it.
    const killed = await killWhenStored(args, { cwd: folder, store, interpreter: gated, stored: 7 });
    expect(killed.stored).toBe(7);

    // A first resume works on the run and waits for answers: it holds the run.
    const holder = await runUntilStored([...args, '--resume', 'latest'], {
      cwd: folder,
      store,
      interpreter: gated,
      stored: 12,
    });
    const second = await runCliAsync([...args, '--resume', 'latest'], { cwd: folder });
    expect(second.status, second.stderr).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(`^error: run \\S+ is being run by another process \\(pid ${holder.child.pid} on this machine\\)`),
    );
    expect(second.stderr).toContain(`hint: wait for it to finish, or stop it (\`kill ${holder.child.pid}\`)`);
    expect(second.stderr).not.toContain('    at ');

    // Once the holder is gone, the run resumes and completes with each sample once.
    holder.child.kill('SIGKILL');
    await holder.exited;
    gated.answerAll();
    const resumed = await runCliAsync([...args, '--resume', 'latest'], { cwd: folder });
    expect([0, 1]).toContain(resumed.status);
    expect(resultCount(store)).toBe(40);
    expect(storedRunStatus(store, latestRunId(store) as string)).toBe('complete');
  });
});
