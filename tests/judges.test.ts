import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatCompletionRequest, useOpenAICompatibleServers } from './support/openai-compatible-server.js';
import { repoRoot, runCli, runCliAsync } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

const serve = useOpenAICompatibleServers(afterEach);

/** A program on the simulator whose verifier is a named judge, on `judgeModel` when given. */
function judgedProgram(judgeModel?: string): string {
  return [
    'prog 1',
    'program capitals "Name a capital"',
    'input country: string',
    'prompt "What is the capital of {{ country }}?"',
    `judge correct${judgeModel ? ` model "${judgeModel}"` : ''} samples 3 """`,
    '  Score from 0 to 1 whether {{ output }} is the capital of {{ country }}.',
    '  """',
    'verify correct',
    'pass when score >= 0.5',
    'case "france" { country: "France" } -> "Paris"',
    'case "japan" { country: "Japan" } -> "Tokyo"',
    'case "peru" { country: "Peru" } -> "Lima"',
    'sample 4 seed 2',
    'expect pass@1 >= 0',
  ].join('\n');
}

interface JsonJudge {
  judge: string;
  interpreterId: string;
  verdicts: number;
  samplesPerVerdict: number;
  meanSpread: number;
  meanAgreement: number;
}

function judgesOf(stdout: string): JsonJudge[] {
  const report = JSON.parse(stdout) as { programs: { judges?: JsonJudge[] }[] };
  return report.programs[0]?.judges ?? [];
}

describe('a named judge in a run', () => {
  it('runs on the simulator, and its agreement figures appear in the console and JSON reports', () => {
    const folder = tempFolder({ 'p.prog': judgedProgram('sim:small') });
    const text = runCli(['test', 'p.prog', '--store', 'store.sqlite'], { cwd: folder });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /judge correct on sim:small: 12 verdicts; spread \d\.\d\d, agreement \d\.\d\d across its 3 answers per verdict/,
    );
    const json = runCli(['test', 'p.prog', '--store', 'store.sqlite', '--reporter', 'json'], { cwd: folder });
    expect(json.status, json.stderr).toBe(0);
    const [judge] = judgesOf(json.stdout);
    expect(judge).toMatchObject({ judge: 'correct', interpreterId: 'sim:small', verdicts: 12, samplesPerVerdict: 3 });
    expect(judge?.meanAgreement).toBeGreaterThanOrEqual(1 / 3);
    expect(judge?.meanAgreement).toBeLessThanOrEqual(1);
    const report = JSON.parse(json.stdout) as {
      programs: {
        cases: { samples: { score: { name: string; parts: unknown[]; judge: { values: number[] } } }[] }[];
      }[];
    };
    const score = report.programs[0]?.cases[0]?.samples[0]?.score;
    expect(score?.name).toBe('correct');
    expect(score?.parts).toHaveLength(3);
    expect(score?.judge.values).toHaveLength(3);
  });

  it('runs against an OpenAI-compatible server, asks it m times per sample, and asks nothing again on a rerun', async () => {
    // The judge's score depends on the seed, so its answers to one sample disagree now and then.
    const server = await serve({
      answer: (request: ChatCompletionRequest) =>
        JSON.stringify({ score: (request.seed ?? 0) % 3 === 0 ? 0.2 : 0.9, reason: 'checked against the rubric' }),
    });
    const folder = tempFolder({ 'p.prog': judgedProgram('openai-compatible:test-model') });
    const args = ['test', 'p.prog', '--store', 'store.sqlite', '--base-url', server.url, '--reporter', 'json'];
    const first = await runCliAsync(args, { cwd: folder });
    expect(first.status, first.stderr + first.stdout.slice(0, 4000)).toBe(0);
    expect(server.chatCount).toBe(3 * 4 * 3);
    const bodies = server.requests.filter((request) => request.body).map((request) => request.body);
    expect(bodies[0]?.model).toBe('test-model');
    expect(JSON.stringify(bodies[0]?.messages)).toMatch(/whether .* is the capital of (France|Japan|Peru)/);
    expect(bodies[0]?.response_format).toMatchObject({ type: 'json_schema' });
    const [judge] = judgesOf(first.stdout);
    expect(judge).toMatchObject({
      judge: 'correct',
      interpreterId: 'openai-compatible:test-model',
      verdicts: 12,
      samplesPerVerdict: 3,
    });
    expect(judge?.meanAgreement).toBeGreaterThan(0);
    expect(judge?.meanAgreement).toBeLessThan(1);

    const again = await runCliAsync(args, { cwd: folder });
    expect(again.status, again.stderr).toBe(0);
    expect(server.chatCount).toBe(3 * 4 * 3);
    expect(judgesOf(again.stdout)).toEqual(judgesOf(first.stdout));
  });

  it('refuses a judge on an interpreter that cannot be set up, before any sample, in one line', () => {
    const folder = tempFolder({ 'p.prog': judgedProgram('simm:large') });
    const result = runCli(['test', 'p.prog', '--store', 'store.sqlite'], { cwd: folder });
    expect(result.status).toBe(2);
    // Found where the judge names it, before any interpreter is set up.
    expect(result.stderr + result.stdout).toMatch(
      /p\.prog:\d+:\d+: error C001: no interpreter `simm:large`: `simm` is neither a provider nor an alias/,
    );
    expect(result.stderr + result.stdout).toContain('did you mean `sim:large`?');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('docs/verifiers.md', () => {
  it('shows a judge example that checks clean and runs', () => {
    const docs = readFileSync(`${repoRoot}/docs/verifiers.md`, 'utf8');
    const block = /<!-- judge-example -->\s*```prog\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBeDefined();
    const folder = tempFolder({ 'example.prog': block as string });
    const checked = runCli(['check', 'example.prog'], { cwd: folder });
    expect(checked.status, checked.stderr).toBe(0);
    const run = runCli(['test', 'example.prog', '--store', 'store.sqlite'], { cwd: folder });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.stdout).toMatch(/judge polite on sim:large: \d+ verdicts/);
  });
});
