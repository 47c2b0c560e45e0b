import { hostname as osHostname } from 'node:os';
import type { UsageTally } from '../cost/sample-spend.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import type { InterpreterComparison } from '../runner/compare-interpreters.js';
import type { ProgramSpend } from '../runner/program-spend.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { type AgentFigures, agentEnds } from '../stats/agent-figures.js';
import type { MetricValue } from '../stats/metric-value.js';
import type { SuiteKComparison } from '../stats/suite-k/suite-k-comparison.js';
import type { JudgeNoise } from '../verifiers/meta-evaluate.js';
import { describeJudge } from './describe-judge.js';
import { describeSequentialDecision, describeSequentialRun } from './describe-sequential.js';
import { describeFailure, describeInterpreterComparison } from './describe-significance.js';
import { describeOtherCalls, describeProgramSpend, tallyTokens } from './describe-spend.js';
import { describeSuiteKMean, formatAttempts } from './describe-suite-k.js';
import { representativeSample } from './failing-sample.js';
import { formatMetricValue } from './format-metric-value.js';
import { excerpt, outputText } from './output-text.js';
import { scoreTreeLines } from './score-tree-lines.js';
import { trajectoryLines } from './trajectory-lines.js';
import { xmlText } from './xml-text.js';

/** Options of `buildJunitReport`. */
export interface JunitReportOptions {
  /** The `hostname` attribute; the machine's name by default. */
  readonly hostname?: string;
}

const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(3);
/** The schema's timestamp: ISO 8601 without fractions or zone (UTC). */
const timestamp = (milliseconds: number) => new Date(milliseconds).toISOString().slice(0, 19);

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly time: string;
  readonly outcome?: {
    readonly element: 'failure' | 'error' | 'skipped';
    /** The `type` attribute of a failure or an error: `expectation` and `undefined-metric` by default. */
    readonly type?: string;
    readonly message?: string;
    readonly body?: string;
  };
}

function testSuite(
  id: number,
  name: string,
  packageName: string,
  startedAt: number,
  durationMs: number,
  properties: readonly (readonly [string, string])[],
  cases: readonly TestCase[],
  hostname: string,
  systemOut = '',
): string {
  const count = (element: string) => cases.filter((testCase) => testCase.outcome?.element === element).length;
  const lines = [
    `  <testsuite id="${id}" package="${xmlText(packageName)}" name="${xmlText(name)}" timestamp="${timestamp(startedAt)}" hostname="${xmlText(hostname)}" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${seconds(durationMs)}">`,
    '    <properties>',
    ...properties.map(([key, value]) => `      <property name="${xmlText(key)}" value="${xmlText(value)}"/>`),
    '    </properties>',
  ];
  for (const testCase of cases) {
    const open = `    <testcase name="${xmlText(testCase.name)}" classname="${xmlText(testCase.classname)}" time="${testCase.time}"`;
    const { outcome } = testCase;
    if (!outcome) {
      lines.push(`${open}/>`);
    } else if (outcome.element === 'skipped') {
      lines.push(`${open}>`, '      <skipped/>', '    </testcase>');
    } else {
      lines.push(
        `${open}>`,
        `      <${outcome.element} type="${outcome.type ?? (outcome.element === 'failure' ? 'expectation' : 'undefined-metric')}" message="${xmlText(outcome.message ?? '')}">${xmlText(outcome.body ?? '')}</${outcome.element}>`,
        '    </testcase>',
      );
    }
  }
  lines.push(`    <system-out>${xmlText(systemOut)}</system-out>`, '    <system-err></system-err>', '  </testsuite>');
  return lines.join('\n');
}

/** The cases a failed expectation is most likely about: each failing case's first failing output and its score tree. */
function failureDetails(summary: ProgramSummary): string[] {
  const lines: string[] = [];
  for (const caseSummary of summary.cases) {
    if (caseSummary.n > 0 && caseSummary.c === caseSummary.n && caseSummary.errors === 0) continue;
    const sample = representativeSample(summary.run.cases.find((run) => run.caseId === caseSummary.caseId));
    lines.push(`case ${caseSummary.caseId}: ${caseSummary.c}/${caseSummary.n} passed, ${caseSummary.errors} errors`);
    if (sample) {
      lines.push(`  sample ${sample.index} (seed ${sample.seed}) output: ${excerpt(outputText(sample.output))}`);
      lines.push(...scoreTreeLines(sample.score, '    '));
      for (const step of sample.trace.steps) if (step.agent) lines.push(...trajectoryLines(step.agent, '  '));
    }
  }
  return lines;
}

/** How an interval was obtained, in words. */
const intervalSource = {
  cases: 'over cases',
  case: 'of the case',
  extrapolation: 'extrapolated',
  posterior: "from each case's posterior",
} as const;

const figure = (value: number | null) => (value === null ? 'n/a' : String(value));

/**
 * An agent program's figures as testsuite properties: `agent.turnsPerSample`, `agent.toolCallsPerSample`,
 * `agent.toolErrorRate`, `agent.userTurnsPerSample` and `agent.ended.<end>` for every way a trajectory can end.
 */
function agentProperties(figures: AgentFigures): (readonly [string, string])[] {
  return [
    ['agent.samples', String(figures.samples)],
    ['agent.turnsPerSample', String(figures.turnsPerSample)],
    ['agent.toolCallsPerSample', String(figures.toolCallsPerSample)],
    ['agent.toolErrorRate', figure(figures.toolErrorRate)],
    ['agent.userTurnsPerSample', String(figures.userTurnsPerSample)],
    ...agentEnds.map((end) => [`agent.ended.${end}`, String(figures.ended[end])] as const),
  ];
}

/** A judge's figures as testsuite properties, each named `judge.<name>.<figure>`. */
function judgeProperties(judge: JudgeNoise): (readonly [string, string])[] {
  const prefix = `judge.${judge.judge}`;
  return [
    [`${prefix}.interpreter`, judge.interpreterId],
    [`${prefix}.verdicts`, String(judge.verdicts)],
    [`${prefix}.samplesPerVerdict`, String(judge.samplesPerVerdict)],
    [`${prefix}.meanSpread`, figure(judge.meanSpread)],
    [`${prefix}.meanAgreement`, figure(judge.meanAgreement)],
  ];
}

/**
 * The comparison of this interpreter against the program's first as testsuite properties, each named
 * `compared.<reference>.pass@1.<figure>`.
 */
function comparisonProperties(comparison: InterpreterComparison): (readonly [string, string])[] {
  const prefix = `compared.${comparison.reference}.pass@1`;
  const { difference, significant, reason } = comparison.pass1;
  return [
    [`${prefix}.cases`, String(comparison.cases)],
    ...(difference
      ? ([
          [`${prefix}.difference`, String(difference.estimate)],
          [`${prefix}.lower`, String(difference.lower)],
          [`${prefix}.upper`, String(difference.upper)],
          [`${prefix}.level`, String(difference.level)],
          [`${prefix}.pValue`, String(difference.pValue)],
        ] as const)
      : []),
    [`${prefix}.verdict`, difference ? (significant ? 'significant' : 'could be noise') : `not compared: ${reason}`],
    ...(comparison.suiteK ? suiteKProperties(comparison.reference, comparison.suiteK) : []),
  ];
}

/**
 * The headline of the comparison as properties `compared.<reference>.suite_k@<q>.<figure>`: each side's estimate,
 * the ratio with its ends, and which needs fewer attempts (`reference`, `interpreter` or `neither`); `∞` where a
 * suite may never be solved.
 */
function suiteKProperties(reference: string, suiteK: SuiteKComparison): (readonly [string, string])[] {
  const prefix = `compared.${reference}.suite_k@${suiteK.q}`;
  return [
    [`${prefix}.reference`, formatAttempts(suiteK.a.estimate)],
    [`${prefix}.interpreter`, formatAttempts(suiteK.b.estimate)],
    [`${prefix}.ratio`, Number.isFinite(suiteK.ratio.estimate) ? String(suiteK.ratio.estimate) : '∞'],
    [`${prefix}.ratio.lower`, Number.isFinite(suiteK.ratio.lower) ? String(suiteK.ratio.lower) : '∞'],
    [`${prefix}.ratio.upper`, Number.isFinite(suiteK.ratio.upper) ? String(suiteK.ratio.upper) : '∞'],
    [`${prefix}.fewer`, suiteK.fewer === 'a' ? 'reference' : suiteK.fewer === 'b' ? 'interpreter' : 'neither'],
  ];
}

/**
 * What the program's run used and cost as testsuite properties: `spend.tokens` (in and out, of the program's own
 * calls), `spend.cost` (dollars; `unknown` without a price), `spend.costPerSuccess` with `.lower` and `.upper`,
 * `spend.p95Latency` (seconds), `spend.priceSource` and `spend.price`; and `spend.user.*` and `spend.judges.*`
 * (`calls`, `tokens`, `cost`) when a simulated user or judges made calls.
 */
function spendProperties(spend: ProgramSpend): (readonly [string, string])[] {
  const figureOf = (value: MetricValue) => (value.defined ? String(value.value) : 'undefined');
  const costOf = (tally: UsageTally) =>
    tally.calls > 0 && tally.unpricedCalls === tally.calls ? 'unknown' : String(tally.cost);
  const others = (
    [
      ['user', spend.user],
      ['judges', spend.judges],
    ] as const
  ).flatMap(([name, tally]) =>
    tally.calls === 0
      ? []
      : ([
          [`spend.${name}.calls`, String(tally.calls)],
          [`spend.${name}.tokens`, String(tallyTokens(tally))],
          [`spend.${name}.cost`, costOf(tally)],
        ] as const),
  );
  const perSuccess = spend.costPerSuccess;
  return [
    ['spend.tokens', String(tallyTokens(spend.program))],
    ['spend.inputTokens', String(spend.program.inputTokens)],
    ['spend.outputTokens', String(spend.program.outputTokens)],
    ['spend.cost', spend.price ? costOf(spend.program) : 'unknown'],
    ['spend.costPerSuccess', figureOf(perSuccess)],
    ...(perSuccess.defined && perSuccess.interval
      ? ([
          ['spend.costPerSuccess.lower', String(perSuccess.interval.lower)],
          ['spend.costPerSuccess.upper', String(perSuccess.interval.upper)],
        ] as const)
      : []),
    ['spend.p95Latency', figureOf(spend.latency.p95)],
    ['spend.priceSource', spend.price?.source ?? 'none'],
    ...(spend.price ? ([['spend.price', spend.price.label]] as const) : []),
    ...others,
  ];
}

function programSuite(
  summary: ProgramSummary,
  id: number,
  hostname: string,
  comparison: InterpreterComparison | undefined,
): string {
  const { run } = summary;
  const classname = `${summary.programName}.${run.interpreterId}`;
  const time = seconds(run.durationMs / Math.max(1, summary.expectations.length));
  const partial = run.shard !== undefined || run.interrupted;
  const details = failureDetails(summary);
  const cases: TestCase[] = summary.expectations.map((expectation): TestCase => {
    const name = `expect ${expectation.text}`;
    if (partial) return { name, classname, time, outcome: { element: 'skipped' } };
    if (expectation.met) return { name, classname, time };
    // Undecided at the cap is not a pass, and not a failure shown: an error, as for an expectation not judged.
    if (expectation.sequential?.decision === 'undecided') {
      return {
        name,
        classname,
        time,
        outcome: {
          element: 'error',
          type: 'undecided',
          message: `${expectation.text}: undecided at the cap of a sequential run: ${describeSequentialDecision(expectation)}`,
          body: `at ${expectation.location}${summary.sequential ? `\n${describeSequentialRun(summary.sequential)}` : ''}`,
        },
      };
    }
    if (!expectation.observed.defined) {
      return {
        name,
        classname,
        time,
        outcome: {
          element: 'error',
          message: `${expectation.text}: undefined: ${expectation.observed.reason}`,
          body: `at ${expectation.location}`,
        },
      };
    }
    const interval = expectation.observed.defined ? expectation.observed.interval : undefined;
    const verdict = describeFailure(expectation);
    const format = (value: number) => formatMetricValue(expectation.metric, value);
    const observed = `observed ${format(expectation.observed.value)}${interval ? ` (${Math.round(interval.level * 100)}% interval ${format(interval.lower)}–${format(interval.upper)})` : ''}`;
    return {
      name,
      classname,
      time,
      outcome: {
        element: 'failure',
        message: `${expectation.text}: ${observed}, threshold ${expectation.operator} ${expectation.threshold}`,
        body: [
          `expect ${expectation.text}`,
          `  observed:  ${format(expectation.observed.value)}`,
          ...(interval
            ? [
                `  interval:  ${format(interval.lower)} to ${format(interval.upper)} (${Math.round(interval.level * 100)}%, ${intervalSource[interval.method]})`,
              ]
            : []),
          `  threshold: ${expectation.operator} ${expectation.threshold}`,
          ...(expectation.caseId !== undefined ? [`  case:      ${expectation.caseId}`] : []),
          ...(verdict ? [`  verdict:   ${verdict}`] : []),
          `  at ${expectation.location}`,
          '',
          ...details,
        ].join('\n'),
      },
    };
  });
  const metrics = [
    ...summary.metrics.map(
      (metric) =>
        `${metric.name} ${metric.value.defined ? formatMetricValue(metric.metric, metric.value.value) : `undefined: ${metric.value.reason}`}`,
    ),
    ...(summary.suiteK ? [describeSuiteKMean(summary.suiteK)] : []),
    `spend ${describeProgramSpend(summary.spend)}`,
    ...(['user', 'judges'] as const).flatMap((name) => {
      const calls = describeOtherCalls(summary.spend[name]);
      return calls ? [`${name} ${calls}`] : [];
    }),
    ...summary.judges.map(describeJudge),
    ...(comparison
      ? [`${comparison.interpreter} − ${comparison.reference}: ${describeInterpreterComparison(comparison)}`]
      : []),
  ];
  return testSuite(
    id,
    `${summary.programName} on ${run.interpreterId}`,
    summary.file,
    run.startedAt,
    run.durationMs,
    [
      ['file', summary.file],
      ['interpreter', run.interpreterId],
      ['samplesPerCase', String(run.samplesPerCase)],
      ['seed', String(run.baseSeed)],
      ['samples', String(summary.samples)],
      ['errors', String(summary.errors)],
      ...summary.metrics.map(
        (metric) => [metric.name, metric.value.defined ? String(metric.value.value) : 'undefined'] as const,
      ),
      ...summary.judges.flatMap((judge) => judgeProperties(judge)),
      ...(summary.agent ? agentProperties(summary.agent) : []),
      ...spendProperties(summary.spend),
      ...(comparison ? comparisonProperties(comparison) : []),
    ],
    cases,
    hostname,
    metrics.join('\n'),
  );
}

/**
 * The suite as JUnit XML (the Ant schema CI systems read): one `testsuite` per program on each interpreter, one
 * `testcase` per expectation. A failed expectation is a `failure` carrying the observed value, its interval, the
 * threshold and whether the failure is significant or could be noise, with the failing cases' outputs and score trees; an expectation whose metric is undefined is an
 * `error`; a shard's or an interrupted run's expectations are `skipped`. A suite that could not run gives one
 * `informal` testsuite with an `error` per problem. Each named judge's figures are properties of its program's
 * testsuite (`judge.<name>.verdicts`, `.samplesPerVerdict`, `.meanSpread`, `.meanAgreement`, `.interpreter`). A
 * program run on several interpreters has, in the testsuite of each further interpreter, its comparison with the
 * first: properties `compared.<first>.pass@1.difference`, `.lower`, `.upper`, `.level`, `.pValue`, `.cases` and
 * `.verdict`, and the console's line in `system-out`. What each program's run used and cost are `spend.*` properties
 * (see `spendProperties`), and the console's spend lines in `system-out`.
 */
export function buildJunitReport(result: SuiteResult, options: JunitReportOptions = {}): string {
  const hostname = options.hostname ?? (osHostname() || 'localhost');
  const comparisonOf = (summary: ProgramSummary) =>
    result.interpreterComparisons.find(
      (comparison) =>
        comparison.file === summary.file &&
        comparison.programName === summary.programName &&
        comparison.interpreter === summary.interpreter,
    );
  const suites = result.programs.map((summary, index) => programSuite(summary, index, hostname, comparisonOf(summary)));
  const problems: TestCase[] = [
    ...result.errors.map((error) => ({
      name: error.message,
      classname: 'informal',
      time: '0',
      outcome: { element: 'error' as const, message: error.message, body: error.hint ?? '' },
    })),
    ...result.loaded.flatMap((file) =>
      file.diagnostics
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((diagnostic) => ({
          name: `${file.file}: ${diagnostic.message}`,
          classname: 'informal',
          time: '0',
          outcome: {
            element: 'error' as const,
            message: diagnostic.message,
            body: renderDiagnostic(diagnostic, file.source),
          },
        })),
    ),
  ];
  if (problems.length > 0) {
    suites.push(
      testSuite(suites.length, 'informal', 'informal', result.startedAt, result.durationMs, [], problems, hostname),
    );
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>', ...suites, '</testsuites>', ''].join('\n');
}
