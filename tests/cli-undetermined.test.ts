import { afterEach, describe, expect, it } from 'vitest';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from './support/openai-compatible-server.js';
import { runCliAsync } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

const program = (expectations: string) =>
  [
    'prog 1',
    'program echo',
    'input word: string',
    'prompt "Say {{ word }}."',
    'verify contains("ok")',
    'case "one" { word: "ok" }',
    'sample 2 seed 1',
    expectations,
  ].join('\n');

describe('a run whose samples failed', () => {
  let server: OpenAICompatibleServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const run = async (text: string, reply: (callIndex: number) => boolean) => {
    server = await startOpenAICompatibleServer({
      // A 400 is not retried: the sample fails.
      reply: (_request, callIndex) =>
        reply(callIndex) ? { type: 'status', status: 400, body: '{"error":{"message":"bad request"}}' } : undefined,
    });
    const folder = tempFolder({ 'echo.prog': text });
    return runCliAsync(
      ['test', 'echo.prog', '--interpreter', 'openai-compatible:test-model', '--base-url', server.url],
      { cwd: folder },
    );
  };

  it('ends in error (exit 2), not in a failed expectation, when an expectation cannot be computed', async () => {
    // The first call fails: the case keeps one scored sample, too few for pass@2.
    const result = await run(program('expect pass@2 >= 0.5'), (callIndex) => callIndex === 0);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(
      'echo on openai-compatible:test-model: `pass@2 >= 0.5` cannot be judged: case "one" has 1 scored samples (1 of its 2 samples failed), fewer than k = 2',
    );
    expect(result.stderr).toContain('run again to draw them');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // The report of what did run is still shown, and its summary says what happened: undetermined, not failed.
    expect(result.stdout).toContain('? echo');
    expect(result.stdout).toContain('Programs      1 undetermined | 0 passed (1)');
    expect(result.stdout).toContain('Expectations  1 undetermined | 0 met (1)');
    expect(result.stdout).not.toContain('Not run');
  });

  it('ends in error when no sample could be scored, even with no expectation', async () => {
    const result = await run(program(''), () => true);
    expect(result.status, result.stderr).toBe(2);
    // Not a pass: nothing could be scored.
    expect(result.stdout).toContain('? echo');
    expect(result.stdout).toContain('Programs      1 undetermined | 0 passed (1)');
    expect(result.stderr).toMatch(
      /echo on openai-compatible:test-model: none of its 2 samples could be scored; the first: the interpreter failed: .*400/,
    );
  });

  it('ends in error when failed samples leave a reported metric undefined, even with no expectation', async () => {
    // Two cases of one sample each (in the order drawn): the first call fails, so one case has no scored sample.
    const text = program('').replace('sample 2 seed 1', 'sample 1 seed 1\ncase "two" { word: "ok" }');
    const result = await run(text, (callIndex) => callIndex === 0);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /echo on openai-compatible:test-model: pass@1 cannot be computed: case "\w+" has 0 scored samples/,
    );
    expect(result.stdout).toContain('? echo');
    expect(result.stdout).toContain('Programs      1 undetermined | 0 passed (1)');
  });

  it('says a verifier must be fixed, not that samples should be drawn again, when answers could not be scored', async () => {
    // One answer ("ok ok") makes the sum 2, outside [0, 1]; answers are fine, the verifier is not.
    const folder = tempFolder({
      'sum.prog': [
        'prog 1',
        'program sum',
        'model "sim:perfect"',
        'prompt "Say ok."',
        'verify contains(expected) + contains("ok")',
        'case "one" {} -> "ok"',
        'sample 2 seed 1',
        'expect pass@2 >= 0.5',
      ].join('\n'),
    });
    const result = await runCliAsync(['test', 'sum.prog'], { cwd: folder });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(
      '2 samples could not be scored (the first: `contains(expected) + contains("ok")` is 2',
    );
    expect(result.stderr).toContain('fix the verifier, then run again: the answers come from the store');
    expect(result.stderr).not.toContain('run again to draw them');
  });

  it('passes when every sample is scored', async () => {
    const result = await run(program('expect pass@2 >= 0.5'), () => false);
    expect(result.status, result.stderr).toBe(0);
  });
});
