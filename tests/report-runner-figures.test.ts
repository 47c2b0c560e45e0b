import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { type JsonReport, jsonReportSchema } from '../src/report/json-report-schema.js';
import { judgedProgram } from './support/judged-program.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';
import { programFolder } from './support/report-programs.js';
import { repoRoot, runCli, runCliAsync } from './support/run-cli.js';
import { generatedProgram } from './support/temp-folder.js';

const serve = useOpenAICompatibleServers(afterEach);

/** Parses a JSON report with the strict schema, failing with every issue when it does not match. */
function parseReport(stdout: string): JsonReport {
  const parsed = jsonReportSchema.safeParse(JSON.parse(stdout));
  expect(parsed.error?.issues ?? []).toEqual([]);
  return parsed.data as JsonReport;
}

const interpreters = ['--interpreter', 'sim', '--interpreter', 'sim:large'];

describe('the JSON report against its strict schema', () => {
  const { folder, store } = programFolder({ 'p.prog': judgedProgram() });
  const run = (...args: string[]) => runCli(['test', 'p.prog', '--store', store, ...args], { cwd: folder });

  it('describes a baseline written, then several interpreters with a baseline comparison, judges and significance', () => {
    const written = parseReport(run('--update-baseline', '--reporter', 'json').stdout);
    expect(written.baselineWritten).toBe(join(folder, 'informal.baseline.json'));

    const result = run(...interpreters, '--reporter', 'json');
    expect(result.status, result.stderr).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.programs.map((program) => program.interpreterName)).toEqual(['sim', 'sim:large']);
    expect(report.summary).toMatchObject({ programs: 2, notRun: 0, regressed: 0, samples: 24 });
    const [onSim, onLarge] = report.programs;
    // The baseline holds the program on sim only.
    expect(onSim?.baseline?.status).toBe('unchanged');
    expect(onSim?.baseline?.changes.map((change) => change.metric)).toEqual(['pass@1', 'pass@2']);
    expect(onLarge?.baseline).toBeUndefined();
    expect(onSim?.judges).toEqual([
      expect.objectContaining({ judge: 'correct', interpreterId: 'sim:small', verdicts: 12, samplesPerVerdict: 3 }),
    ]);
    expect(onSim?.intervals['pass@1']).toMatchObject({ level: 0.95, method: 'cases' });
    expect(onSim?.intervals['pass@1']?.lower).toBeLessThanOrEqual(onSim?.metrics['pass@1'] ?? -1);
    expect(onSim?.passAtKCurve.map((point) => point.k)).toEqual([1, 2, 4]);
    const expectations = onSim?.expectations ?? [];
    expect(expectations.map((expectation) => [expectation.text, expectation.caseId ?? null, expectation.met])).toEqual([
      ['pass@1 >= 0.99', null, false],
      ['pass@1 >= 0.5', null, false],
      ['pass@2 >= 0.1', null, true],
      ['pass@1 >= 0.99', 'france', false],
    ]);
    expect(expectations[0]?.significance).toEqual({ verdict: 'significant' });
    expect(expectations[1]?.significance).toMatchObject({ verdict: 'uncertain' });
    expect(expectations[3]?.interval?.method).toBe('case');
    const sample = onSim?.cases[0]?.samples[0];
    expect(onSim?.cases[0]?.drawn).toBe(4);
    expect(sample?.score.judge).toMatchObject({ judge: 'correct', interpreterId: 'sim:small' });
    expect(sample?.score.judge?.values).toHaveLength(3);
    expect(sample?.score.parts?.map((part) => part.name)).toEqual(['correct#1', 'correct#2', 'correct#3']);
    expect(sample?.score.parts?.every((part) => (part.explanation ?? '').length > 0)).toBe(true);
  });

  it('describes the programs --bail left unrun', () => {
    const result = run(...interpreters, '--bail', '--reporter', 'json');
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.notRun).toEqual([{ file: 'p.prog', programName: 'capitals', interpreter: 'sim:large' }]);
    expect(report.summary.notRun).toBe(1);
  });

  it('describes a suite whose program has errors', () => {
    const broken = programFolder({ 'broken.prog': 'prog 1\nprogram broken\ninput country string\n' });
    const result = runCli(['test', '.', '--reporter', 'json', '--store', broken.store], { cwd: broken.folder });
    expect(result.status).toBe(2);
    const report = parseReport(result.stdout);
    expect(report.status).toBe('error');
    expect(report.diagnostics[0]).toMatchObject({ code: 'P001', line: 3, column: 15 });
  });

  it('describes an adaptive run with its widths, and a shard', () => {
    const sampled = programFolder({
      'a.prog': generatedProgram('a', 4, 200, 'expect pass@1 >= 0.1\nexpect pass@inf >= 0.1\nexpect max@3 >= 0.5'),
    });
    const adaptive = runCli(
      ['test', 'a.prog', '--adaptive', '--target-width', '0.2', '--reporter', 'json', '--store', sampled.store],
      { cwd: sampled.folder },
    );
    expect(adaptive.status, adaptive.stderr).toBe(0);
    const program = parseReport(adaptive.stdout).programs[0];
    expect(program?.adaptive?.widths[0]).toMatchObject({ metric: { name: 'pass@k', k: 1 }, level: 0.95 });
    expect(program?.intervals['pass@inf']?.method).toBe('extrapolation');
    const shard = runCli(['test', 'a.prog', '--shard', '1/2', '--reporter', 'json', '--store', `${sampled.store}2`], {
      cwd: sampled.folder,
    });
    expect(shard.status, shard.stderr).toBe(0);
    expect(parseReport(shard.stdout).programs[0]).toMatchObject({ shard: '1/2', status: 'partial' });
  });

  it('rejects a field it does not describe, at any depth', () => {
    const report = JSON.parse(run('--reporter', 'json').stdout);
    expect(jsonReportSchema.safeParse(report).success).toBe(true);
    for (const add of [
      (copy: typeof report) => Object.assign(copy, { extra: 1 }),
      (copy: typeof report) => Object.assign(copy.programs[0], { extra: 1 }),
      (copy: typeof report) => Object.assign(copy.programs[0].expectations[0].significance, { extra: 1 }),
      (copy: typeof report) => Object.assign(copy.programs[0].judges[0], { extra: 1 }),
      (copy: typeof report) => Object.assign(copy.programs[0].cases[0].samples[0].score.parts[0], { extra: 1 }),
    ]) {
      const copy = structuredClone(report);
      add(copy);
      const parsed = jsonReportSchema.safeParse(copy);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  it('describes samples that ended in errors, from an OpenAI-compatible server', async () => {
    const server = await serve({
      answer: 'Paris',
      // Every fourth call is refused for good (400), so those samples end in errors.
      reply: (_request, callIndex) => (callIndex % 4 === 0 ? { type: 'status', status: 400 } : undefined),
    });
    const errors = programFolder({ 'p.prog': judgedProgram('sim:small', 'openai-compatible:test-model') });
    const result = await runCliAsync(
      ['test', 'p.prog', '--store', errors.store, '--base-url', server.url, '--reporter', 'json'],
      { cwd: errors.folder },
    );
    expect(result.status, result.stderr).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.summary.errors).toBeGreaterThan(0);
    const failed = report.programs[0]?.cases
      .flatMap((testCase) => testCase.samples)
      .find((s) => s.score.status === 'error');
    expect(failed?.score.value).toBeNull();
    expect(report.programs[0]?.cases.some((testCase) => testCase.trace?.steps[0]?.error !== undefined)).toBe(true);
  });
});

describe('judges, intervals and significance in the other reports', () => {
  const { folder, store } = programFolder({ 'p.prog': judgedProgram() });
  const run = (...args: string[]) => runCli(['test', 'p.prog', '--store', store, ...args], { cwd: folder });
  const judgeLine =
    /judge correct on sim:small: 12 verdicts; spread \d\.\d\d, agreement \d\.\d\d across its 3 answers per verdict(; its noise is \d+% of the variance of mean_score, inside its interval)?/;

  it('verbose prints each judge line as the console does', () => {
    const result = run('--reporter', 'verbose');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`\\n  ${judgeLine.source}\\n`));
    // A failing sample's tree holds the judge's answers, each with its reason.
    expect(result.stdout).toMatch(/\n {12}\d\.\d{3} {2}correct#1 — the output (meets|falls short of) the rubric/);
  });

  it('Markdown shows each metric with its interval, each failure with its significance, and the judges', () => {
    run('--update-baseline');
    const result = run('--reporter', 'markdown');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('| metric | value | 95% interval |');
    expect(result.stdout).toMatch(/\| pass@1 \| 0\.333 \| \\\[0\.\d{3}, 0\.\d{3}\\\] \|/);
    expect(result.stdout).toMatch(
      /`expect pass@1 >= 0.99` observed \*\*0\.333\*\* \(95% interval [^)]+\), threshold &gt;= 0\.99 at p\.prog:14:1 — significant: the 95% interval excludes 0\.99/,
    );
    expect(result.stdout).toMatch(
      /`expect pass@1 >= 0.5` observed \*\*0\.333\*\* .* — could be noise at this sample size; more samples per case cannot decide it; about \d+ cases would/,
    );
    expect(result.stdout).toMatch(/`expect pass@1 >= 0.99` \(case france\) observed \*\*0\.000\*\*/);
    expect(result.stdout).toMatch(
      /\n- judge correct on sim:small: 12 verdicts; spread \d\.\d\d, agreement \d\.\d\d across/,
    );
    expect(result.stdout).toContain('no significant change against the baseline');
  });

  it('JUnit adds each judge figure as a property of its testsuite, valid against the schema, and the significance', async () => {
    const result = run('--reporter', 'junit');
    expect(result.status).toBe(1);
    const validation = await validateXML({
      xml: [{ fileName: 'report.xml', contents: result.stdout }],
      schema: [
        { fileName: 'JUnit.xsd', contents: readFileSync(join(repoRoot, 'tests/fixtures/junit/JUnit.xsd'), 'utf8') },
      ],
    });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    const report = JSON.parse(run('--reporter', 'json').stdout) as JsonReport;
    const judge = report.programs[0]?.judges?.[0];
    expect(result.stdout).toContain('<property name="judge.correct.interpreter" value="sim:small"/>');
    expect(result.stdout).toContain('<property name="judge.correct.verdicts" value="12"/>');
    expect(result.stdout).toContain('<property name="judge.correct.samplesPerVerdict" value="3"/>');
    expect(result.stdout).toContain(`<property name="judge.correct.meanSpread" value="${judge?.meanSpread}"/>`);
    expect(result.stdout).toContain(`<property name="judge.correct.meanAgreement" value="${judge?.meanAgreement}"/>`);
    expect(result.stdout).toContain('  verdict:   significant: the 95% interval excludes 0.99');
    expect(result.stdout).toMatch(/ {2}verdict: {3}could be noise at this sample size/);
    expect(result.stdout).toContain('  case:      france');
    expect(result.stdout).toMatch(judgeLine);
  });

  it('informal report reads the judges and intervals back from the store into the HTML page', () => {
    run();
    const result = runCli(['report', 'latest', '--store', store, '--html', 'stored.html'], { cwd: folder });
    expect(result.status, result.stderr).toBe(0);
    const html = readFileSync(join(folder, 'stored.html'), 'utf8');
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}',
    );
    const [program] = data.programs;
    expect(program.judges).toEqual([
      expect.objectContaining({ judge: 'correct', verdicts: 12, text: expect.stringMatching(judgeLine) }),
    ]);
    expect(program.metrics[0]).toMatchObject({ name: 'pass@1', interval: { level: 0.95 } });
    expect(program.expectations[0].significance).toEqual({
      verdict: 'significant',
      text: 'significant: the 95% interval excludes 0.99',
    });
  });
});
