import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from './support/openai-compatible-server.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

const program = generatedProgram('swap', 3, 4);

describe('swapping interpreters', () => {
  it('runs one .prog unchanged on sim:small, sim:large and a replay, naming each interpreter and its settings', () => {
    const folder = tempFolder({ 'swap.prog': program.replace('sample 4 seed 1', 'sample 4 temperature 0.7 seed 1') });
    for (const id of ['sim:small', 'sim:large', 'replay:latest']) {
      const result = runCli(['test', 'swap.prog', '--interpreter', id, '--store', 's.sqlite'], { cwd: folder });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        id === 'replay:latest' ? 'on replay:' : `on ${id} · simulator, profile ${id.slice(4)}`,
      );
      expect(result.stdout).toContain('temperature 0.7 · seed 1');
    }
  });
});

describe('replaying a run of several interpreters', () => {
  it('asks which interpreter to replay, and replays the one named with @', () => {
    const folder = tempFolder({ 'swap.prog': program });
    const store = ['--store', 's.sqlite'];
    const both = runCli(['test', 'swap.prog', '--interpreter', 'sim:large', '--interpreter', 'sim:small', ...store], {
      cwd: folder,
    });
    expect(both.status, both.stderr).toBeLessThan(2);
    const unnamed = runCli(['test', 'swap.prog', '--interpreter', 'replay:latest', ...store], { cwd: folder });
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toMatch(/ran on 2 interpreters \(sim:large, sim:small\): replay one at a time/);
    expect(unnamed.stderr).toMatch(/replay:\S+@sim:large or replay:\S+@sim:small/);
    const wrong = runCli(['test', 'swap.prog', '--interpreter', 'replay:latest@sim:medium', ...store], { cwd: folder });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('did not run on sim:medium; it ran on sim:large, sim:small');
    const empty = runCli(['test', 'swap.prog', '--interpreter', 'replay:latest@', ...store], { cwd: folder });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(
      /`replay:latest@` names no interpreter after `@`; run \S+ ran on sim:large, sim:small/,
    );
    // Replaying sim:small gives sim:small's results, and sim:large's its own.
    const pass1 = (stdout: string) => /pass@1\s+(\d\.\d+)/.exec(stdout)?.[1];
    const small = runCli(['test', 'swap.prog', '--interpreter', 'replay:latest@sim:small', ...store], { cwd: folder });
    expect(small.status, small.stderr).toBeLessThan(2);
    expect(small.stdout).toContain('replay of run');
    const smallPass = pass1(both.stdout.slice(both.stdout.indexOf('on sim:small')));
    expect(pass1(small.stdout)).toBe(smallPass);
  });
});

describe('interpreter set-up errors', () => {
  let server: OpenAICompatibleServer | undefined;
  afterAll(() => server?.close());

  /** One clear line naming the fix, exit 2, and nothing sampled (no run in the store). */
  function expectSetupError(result: { status: number | null; stdout: string; stderr: string }, ...texts: string[]) {
    expect(result.status).toBe(2);
    for (const text of texts) expect(result.stderr).toContain(text);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('Not run');
  }

  it('reports a missing API key by its variable', () => {
    const folder = tempFolder({ 'p.prog': program });
    const { OPENAI_API_KEY: _key, ...env } = process.env;
    const result = runCli(['test', 'p.prog', '--interpreter', 'openai:gpt-4o-mini'], { cwd: folder, env });
    expectSetupError(result, 'OPENAI_API_KEY');
  });

  it('reports an unknown provider with a suggestion', () => {
    const folder = tempFolder({ 'p.prog': program });
    expectSetupError(
      runCli(['test', 'p.prog', '--interpreter', 'openai-compatibel:m'], { cwd: folder }),
      'unknown interpreter provider',
      'openai-compatible',
    );
  });

  it('reports an unreachable base URL before sampling', async () => {
    const folder = tempFolder({ 'p.prog': program });
    server = await startOpenAICompatibleServer();
    const url = server.url;
    await server.close();
    const result = await runCliAsync(
      ['test', 'p.prog', '--interpreter', 'openai-compatible:test-model', '--base-url', url],
      {
        cwd: folder,
      },
    );
    expectSetupError(result, url.replace(/\/v1$/, ''));
  });

  it('reports a file that is not a GGUF model', () => {
    const folder = tempFolder({ 'p.prog': program });
    writeFileSync(join(folder, 'model.gguf'), 'this is not a model');
    expectSetupError(
      runCli(['test', 'p.prog', '--interpreter', 'llama:model.gguf'], { cwd: folder }),
      'model.gguf',
      'GGUF',
    );
  });
});
