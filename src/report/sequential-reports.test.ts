import { describe, expect, it } from 'vitest';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { compileProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import { applySequentialOutcome } from '../runner/apply-sequential-outcome.js';
import { runSequential } from '../runner/run-sequential.js';
import { runSpend } from '../runner/run-spend.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { summarizeRun } from '../runner/summarize-run.js';
import { undeterminedProblems } from '../runner/undetermined-programs.js';
import { createConsoleReporter } from './console-reporter.js';
import { buildReportModel } from './html/build-report-model.js';
import { buildJsonReport } from './json-report.js';
import { jsonReportSchema } from './json-report-schema.js';
import { buildJunitReport } from './junit-report.js';
import { buildMarkdownReport } from './markdown-report.js';

// Two rounds of one sample per case cannot decide pass@1 against 0.6 at error rate 0.05: undecided at the cap.
const source = `prog 1
program capped
input word: string
prompt "Repeat {{ word }}."
verify exact(expected)
case "a" { word: "a" } -> "a"
case "b" { word: "b" } -> "b"
sample 2 seed 1
sequential
expect pass@1 >= 0.6
expect error_rate <= 0.5
`;
const program = compileProgram(source, 'capped.prog').program as Program;
const sim = createSimInterpreter(simProfiles.large as NonNullable<typeof simProfiles.large>);
const { run, sequential } = await runSequential(program, { interpreter: sim, runId: 'run-seq' });
const summary = applySequentialOutcome(summarizeRun(program, run), sequential);
const result: SuiteResult = {
  status: 'error',
  runId: 'run-seq',
  loaded: [],
  errors: undeterminedProblems(summary),
  programs: [summary],
  interpreterComparisons: [],
  spend: runSpend([summary]),
  startedAt: 0,
  durationMs: 10,
};

describe('an expectation a sequential run left undecided at its cap, in every report', () => {
  it('the summary: not met, the program undetermined, and a problem that says how to go on', () => {
    expect(sequential.end).toBe('cap-reached');
    expect(summary.expectations[0]?.sequential?.decision).toBe('undecided');
    expect(summary.expectations[0]?.met).toBe(false);
    expect(summary.expectations[1]?.sequential).toEqual({
      decision: 'not-sequential',
      reason: 'error-rate is not a mean of fresh samples; checked on all samples drawn',
    });
    expect(summary.status).toBe('undetermined');
    expect(result.errors[0]?.message).toMatch(/`pass@1 >= 0.6` is undecided after 2 rounds \(2 samples per case\)/);
    expect(result.errors[0]?.hint).toContain('raise the cap');
  });

  it('console: a question mark, the word, the sequence, the run line and the count', async () => {
    let out = '';
    const reporter = createConsoleReporter({ write: (text) => (out += text), writeError: () => {}, colors: false });
    await reporter.onProgramEnd?.(summary);
    await reporter.onSuiteEnd?.(result);
    expect(out).toMatch(/\? expect pass@1 >= 0\.6 {2}undecided {2}observed/);
    expect(out).toMatch(/undecided; sequence \[\d\.\d{3}, \d\.\d{3}\] holds 0\.6/);
    expect(out).toContain(
      'sequential: the cap reached after 2 rounds of 1 sample per case (2 of 2 per case); error rate 0.05, 0.05 per expectation',
    );
    expect(out).toMatch(/Expectations {2}1 undecided \| 1 met \(2\)/);
  });

  it('JSON: the decision per expectation, the run, and the count, as the schema reads them', () => {
    const report = jsonReportSchema.parse(JSON.parse(JSON.stringify(buildJsonReport(result, '0.0.0'))));
    const program = report.programs[0];
    expect(program?.sequential).toEqual({
      end: 'cap-reached',
      errorRate: 0.05,
      expectationErrorRate: 0.05,
      roundSize: 1,
      rounds: 2,
      cap: 2,
    });
    expect(program?.expectations[0]?.sequential).toMatchObject({ decision: 'undecided' });
    expect(program?.expectations[0]?.met).toBe(false);
    expect(report.summary.undecided).toBe(1);
  });

  it('JUnit: an error, not a pass and not a failure', () => {
    const xml = buildJunitReport(result, { hostname: 'test' });
    expect(xml).toMatch(
      /<testcase name="expect pass@1 &gt;= 0\.6"[^>]*>\s*<error type="undecided" message="pass@1 &gt;= 0\.6: undecided at the cap/,
    );
  });

  it('Markdown and HTML: undecided, with the sequence', () => {
    const markdown = buildMarkdownReport(result);
    expect(markdown).toContain('**undecided** at the cap');
    expect(markdown).toContain('**Sequential:** the cap reached after 2 rounds');
    const model = buildReportModel([summary], { title: 't', toolVersion: '0', runIds: ['run-seq'], status: 'error' });
    expect(model.programs[0]?.expectations[0]?.sequential?.decision).toBe('undecided');
    expect(model.programs[0]?.sequential).toContain('the cap reached');
  });
});
