import { describe, expect, it } from 'vitest';
import type { CaseRun, ProgramRun, SampleRecord } from '../contracts/program-run.js';
import type { TokenUsage } from '../contracts/step-result.js';
import { priceOfInterpreter } from '../cost/price-of-interpreter.js';
import { compileProgram } from '../program/load-program.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { runSpend } from '../runner/run-spend.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { summarizeRun } from '../runner/summarize-run.js';
import { createConsoleReporter } from './console-reporter.js';
import { formatBudget, formatDollars, formatSeconds, formatTokens } from './format-number.js';
import { buildReportModel } from './html/build-report-model.js';
import { buildJsonReport } from './json-report.js';
import { jsonReportSchema } from './json-report-schema.js';
import { buildJunitReport } from './junit-report.js';
import { buildMarkdownReport } from './markdown-report.js';

/*
 * A run of `priced` on sim:medium ($1 input, $0.50 cached input, $4 output per million tokens) with usage figures
 * set by hand, each sample judged once on sim:small ($0.15 input, $0.60 output): 100 tokens in and 10 out, 200 ms.
 *
 * sample  tokens in (cached)  out    dollars                                   seconds  success
 * a#0     1000                500    0.001 + 0.002            = 0.003         1.0      yes
 * a#1     1000                1000   0.001 + 0.004            = 0.005         2.0      no
 * b#0     2000                600    0.002 + 0.0024           = 0.0044        1.5      yes
 * b#1     2000 (1000)         1155   0.001 + 0.0005 + 0.00462 = 0.00612       2.5      yes, from the store
 *
 * Program: 6,000 + 3,255 = 9,255 tokens, $0.01852 (of which $0.0124 new), 3 successes: $0.0061733 per success;
 * mean latency 1.75 s. Judges: 4 calls, 440 tokens, 4 × (100 × 0.15 + 10 × 0.6) / 10⁶ = $0.000084.
 * Cost of pass@k (mean cost per sample $0.004 in a, $0.00526 in b): k = 1: pass@1 0.75 for $0.00463, 161.99 solved
 * per dollar (the best); k = 2: pass@2 1 for $0.00926, 107.99 per dollar.
 * Run: $0.018604, $0.012484 new, $0.00612 from the store; 9,695 tokens.
 */
const source = `prog 1
program priced "A program whose usage is set by hand"
input question: string
prompt """{{ question }}"""
verify exact("yes")
case "a" { question: "A?" }
case "b" { question: "B?" }
sample 2
expect cost <= 0.01
expect cost_per_success <= 0.01
`;

function sample(
  caseId: string,
  index: number,
  usage: TokenUsage,
  latencyMs: number,
  success: boolean,
  cached = false,
): SampleRecord {
  const text = success ? 'yes' : 'no';
  return {
    caseId,
    index,
    seed: index,
    output: text,
    score: {
      value: success ? 1 : 0,
      status: 'scored',
      name: 'exact',
      judge: {
        judge: 'check',
        interpreterId: 'sim:small',
        values: [success ? 1 : 0],
        mean: success ? 1 : 0,
        spread: 0,
        agreement: null,
        usage: { inputTokens: 100, outputTokens: 10 },
        latencyMs: 200,
      },
    },
    success,
    cached,
    trace: {
      programName: 'priced',
      programHash: 'h-priced',
      interpreterId: 'sim:medium',
      caseId,
      sampleIndex: index,
      seed: index,
      settings: {},
      steps: [
        {
          name: 'main',
          messages: [{ role: 'user', content: `${caseId}?` }],
          text,
          output: text,
          finishReason: 'stop',
          usage,
          latencyMs,
          warnings: [],
          ...(cached ? { cached: true } : {}),
        },
      ],
    },
  };
}

const cases: CaseRun[] = [
  {
    caseId: 'a',
    samples: [
      sample('a', 0, { inputTokens: 1000, outputTokens: 500 }, 1000, true),
      sample('a', 1, { inputTokens: 1000, outputTokens: 1000 }, 2000, false),
    ],
  },
  {
    caseId: 'b',
    samples: [
      sample('b', 0, { inputTokens: 2000, outputTokens: 600 }, 1500, true),
      sample('b', 1, { inputTokens: 2000, outputTokens: 1155, cachedInputTokens: 1000 }, 2500, true, true),
    ],
  },
];

const run: ProgramRun = {
  runId: 'run-priced',
  programName: 'priced',
  file: 'priced.prog',
  programHash: 'h-priced',
  interpreterId: 'sim:medium',
  interpreterDescription: 'the simulator',
  baseSeed: 1,
  settings: {},
  samplesPerCase: 2,
  planned: 4,
  interrupted: false,
  cacheHits: 1,
  cases,
  warnings: [],
  startedAt: 0,
  durationMs: 7000,
};

function pricedSummary(): ProgramSummary {
  const loaded = compileProgram(source, 'priced.prog');
  if (!loaded.program) throw new Error(JSON.stringify(loaded.diagnostics));
  return summarizeRun(loaded.program, run, 'sim:medium', (id) => priceOfInterpreter(id));
}

const summary = pricedSummary();
const result: SuiteResult = {
  status: 'failed',
  runId: 'run-priced',
  loaded: [],
  errors: [],
  programs: [summary],
  interpreterComparisons: [],
  spend: runSpend([summary]),
  budget: { dollars: 0.02, spent: 0.012484, reached: false },
  startedAt: 0,
  durationMs: 7000,
};

describe('what every reporter shows about tokens, cost and latency, on usage set by hand', () => {
  it('the summary holds the sums computed by hand', () => {
    const { spend } = summary;
    expect(spend.price?.source).toBe('simulated');
    expect(spend.program).toMatchObject({ calls: 4, inputTokens: 6000, outputTokens: 3255, cachedInputTokens: 1000 });
    expect(spend.program.cost).toBeCloseTo(0.01852, 12);
    expect(spend.program.newCost).toBeCloseTo(0.0124, 12);
    expect(spend.program.seconds).toBeCloseTo(7, 12);
    expect(spend.judges).toMatchObject({ calls: 4, inputTokens: 400, outputTokens: 40 });
    expect(spend.judges.cost).toBeCloseTo(0.000084, 12);
    expect(spend.costPerSuccess.defined && spend.costPerSuccess.value).toBeCloseTo(0.01852 / 3, 12);
    expect(spend.latency.mean.defined && spend.latency.mean.value).toBeCloseTo(1.75, 12);
  });

  it('console: the program line, the judges line and the run total with its budget', async () => {
    let out = '';
    const reporter = createConsoleReporter({ write: (text) => (out += text), writeError: () => {}, colors: false });
    await reporter.onProgramEnd?.(summary);
    await reporter.onSuiteEnd?.(result);
    const perSuccess = summary.spend.costPerSuccess;
    if (!perSuccess.defined || !perSuccess.interval) throw new Error('cost per success has no interval');
    const interval = `[${formatDollars(perSuccess.interval.lower)}, ${formatDollars(perSuccess.interval.upper)}]`;
    // Labels are padded to the longest metric name, cost_per_success.
    const row = (label: string) => `\n    ${label.padEnd('cost_per_success'.length)}  `;
    expect(out).toContain(
      `${row('spend')}9,255 tokens · $0.019 (sim prices) · $0.0062 per success ${interval} · latency mean 1.75 s\n`,
    );
    expect(out).toContain(`${row('judges')}4 calls · 440 tokens · $0.000084\n`);
    expect(out).toContain(`${row('cost')}$0.019\n`);
    expect(out).toContain(`${row('cost_per_success')}$0.0062  ${interval}\n`);
    expect(out).not.toContain('    user ');
    // Expectations on dollars show dollars.
    expect(out).toMatch(/✗ expect cost <= 0\.01 {2}observed \$0\.019 {2}priced\.prog:9:1/);
    expect(out).toContain('✓ expect cost_per_success <= 0.01  observed $0.0062');
    expect(out).toContain(
      '\nSpent         9,695 tokens · $0.019 (program $0.019, judges $0.000084) · $0.012 new, $0.0061 from the store\n',
    );
    expect(out).toContain('\nBudget $0.02: $0.012 spent\n');
  });

  it('console: a program on several interpreters has a cost per success column beside its metrics', async () => {
    let out = '';
    const reporter = createConsoleReporter({ write: (text) => (out += text), writeError: () => {}, colors: false });
    const unpriced = { ...summary, interpreter: 'replay:x', spend: { ...summary.spend, price: undefined } };
    await reporter.onSuiteEnd?.({ ...result, programs: [summary, unpriced], budget: undefined });
    const perSuccess = summary.spend.costPerSuccess;
    if (!perSuccess.defined || !perSuccess.interval) throw new Error('cost per success has no interval');
    const lines = out.split('\n');
    const header = lines.find((line) => line.includes('cost per success')) ?? '';
    const row = lines.find((line) => line.startsWith('  sim:medium ')) ?? '';
    expect(row.slice(header.indexOf('cost per success'))).toBe(
      `$0.0062 [${formatDollars(perSuccess.interval.lower)}, ${formatDollars(perSuccess.interval.upper)}]  ▆█`,
    );
    // Without a price there is no cost to show.
    expect(lines.find((line) => line.startsWith('  replay:x '))?.slice(header.indexOf('cost per success'))).toMatch(
      /^— +▆█$/,
    );
  });

  it('console: a budget that stopped the run says so and how to finish it', async () => {
    let out = '';
    const reporter = createConsoleReporter({ write: (text) => (out += text), writeError: () => {}, colors: false });
    await reporter.onSuiteEnd?.({ ...result, budget: { dollars: 0.01, spent: 0.0103, reached: true } });
    expect(out).toContain(
      '\nBudget $0.01: $0.010 spent · reached: the run stopped there; --resume run-priced finishes it\n',
    );
  });

  it('JSON: the spend of the program and of the run, valid against the schema', () => {
    const report = jsonReportSchema.parse(JSON.parse(JSON.stringify(buildJsonReport(result, '0.0.0'))));
    const spend = report.programs[0]?.spend;
    expect(spend?.price).toEqual({
      source: 'simulated',
      label: "made up: the simulator's prices for sim:medium",
      inputPerMillion: 1,
      outputPerMillion: 4,
      cachedInputPerMillion: 0.5,
    });
    expect(spend?.program).toMatchObject({ calls: 4, inputTokens: 6000, outputTokens: 3255, cachedInputTokens: 1000 });
    expect(spend?.program.cost).toBeCloseTo(0.01852, 12);
    expect(spend?.user).toMatchObject({ calls: 0, cost: 0 });
    expect(spend?.judges.cost).toBeCloseTo(0.000084, 12);
    expect(spend?.costPerSuccess.value).toBeCloseTo(0.01852 / 3, 12);
    expect(spend?.costPerSuccess.interval?.level).toBe(0.95);
    expect(spend?.latency.mean.value).toBeCloseTo(1.75, 12);
    expect(spend?.latency.p99).toEqual({ value: null, reason: expect.stringMatching(/^the 99th percentile needs/) });
    const points = spend?.passAtKCost.points ?? [];
    expect(points.map((point) => point.k)).toEqual([1, 2]);
    expect(points[0]?.passAtK).toBeCloseTo(0.75, 12);
    expect(points[0]?.cost).toBeCloseTo(0.00463, 12);
    expect(points[0]?.solvedPerDollar.value).toBeCloseTo(0.75 / 0.00463, 9);
    expect(points[1]?.passAtK).toBeCloseTo(1, 12);
    expect(points[1]?.cost).toBeCloseTo(0.00926, 12);
    expect(spend?.passAtKCost.best?.k).toBe(1);
    expect(report.spend?.total).toMatchObject({ calls: 8, inputTokens: 6400, outputTokens: 3295 });
    expect(report.spend?.total.cost).toBeCloseTo(0.018604, 12);
    expect(report.spend?.total.newCost).toBeCloseTo(0.012484, 12);
    expect(report.budget).toEqual({ dollars: 0.02, spent: 0.012484, reached: false });
    // The expectation on dollars keeps its value in dollars.
    expect(report.programs[0]?.expectations[0]).toMatchObject({ text: 'cost <= 0.01', met: false });
    expect(report.programs[0]?.expectations[0]?.observed).toBeCloseTo(0.01852, 12);
  });

  it('JSON: dollars are null, not 0, for calls on an interpreter without a price', () => {
    const unpriced = summarizeRun(
      compileProgram(source, 'priced.prog').program as NonNullable<ReturnType<typeof compileProgram>['program']>,
      run,
    );
    const report = jsonReportSchema.parse(
      JSON.parse(JSON.stringify(buildJsonReport({ ...result, programs: [unpriced] }, '0.0.0'))),
    );
    expect(report.programs[0]?.spend?.price).toBeNull();
    expect(report.programs[0]?.spend?.program).toMatchObject({ calls: 4, unpricedCalls: 4, cost: null, newCost: null });
    expect(report.programs[0]?.spend?.passAtKCost).toEqual({ points: [], reason: 'the interpreter has no price' });
  });

  it('JUnit: spend properties of the testsuite and the spend lines in system-out', () => {
    const xml = buildJunitReport(result, { hostname: 'test' });
    const property = (name: string) => new RegExp(`<property name="${name.replaceAll('.', '\\.')}" value="([^"]*)"/>`);
    expect(xml).toMatch(property('spend.tokens'));
    expect(property('spend.tokens').exec(xml)?.[1]).toBe('9255');
    expect(property('spend.inputTokens').exec(xml)?.[1]).toBe('6000');
    expect(property('spend.outputTokens').exec(xml)?.[1]).toBe('3255');
    expect(Number(property('spend.cost').exec(xml)?.[1])).toBeCloseTo(0.01852, 12);
    expect(Number(property('spend.costPerSuccess').exec(xml)?.[1])).toBeCloseTo(0.01852 / 3, 12);
    expect(property('spend.costPerSuccess.lower').exec(xml)).not.toBeNull();
    expect(property('spend.p95Latency').exec(xml)?.[1]).toBe('undefined');
    expect(property('spend.priceSource').exec(xml)?.[1]).toBe('simulated');
    expect(property('spend.judges.calls').exec(xml)?.[1]).toBe('4');
    expect(property('spend.judges.tokens').exec(xml)?.[1]).toBe('440');
    expect(Number(property('spend.judges.cost').exec(xml)?.[1])).toBeCloseTo(0.000084, 12);
    expect(xml).not.toContain('spend.user.');
    expect(xml).toContain('\nspend 9,255 tokens · $0.019 (sim prices) · $0.0062 per success [');
    expect(xml).toContain('\njudges 4 calls · 440 tokens · $0.000084');
    // A failure on dollars reads in dollars.
    expect(xml).toContain('message="cost &lt;= 0.01: observed $0.019, threshold &lt;= 0.01"');
  });

  it('Markdown: tokens and cost per program, the run total, the figures and the cost curve of pass@k', () => {
    const markdown = buildMarkdownReport(result);
    expect(markdown).toContain('| ❌ | priced | sim:medium | 2 × 2 | 0.750 | 1 / 2 | 0 | 9,255 | \\$0.019 |');
    expect(markdown).toContain(
      'Spent: 9,695 tokens · \\$0.019 \\(program \\$0.019, judges \\$0.000084\\) · \\$0.012 new, \\$0.0061 from the store',
    );
    expect(markdown).toContain('Budget \\$0.02: \\$0.012 spent');
    expect(markdown).toContain('| program | 4 | 6,000 | 3,255 | \\$0.019 | 7.00 s |');
    expect(markdown).toContain('| judges | 4 | 400 | 40 | \\$0.000084 | 800 ms |');
    expect(markdown).toMatch(/\n\| cost per success \| \\\$0\.0062 \| \\\[\\\$0\.\d+, \\\$0\.\d+\\\] \|\n/);
    expect(markdown).toContain('| mean latency | 1.75 s |');
    expect(markdown).toMatch(/\n\| 1 \(best\) \| 0\.750 \| \\\$0\.0046 \| 162\.0 \| /);
    expect(markdown).toMatch(/\n\| 2 \| 1\.000 \| \\\$0\.0093 \| 108\.0 \| /);
    expect(markdown).toContain('`expect cost <= 0.01` observed **\\$0.019**');
  });

  it('HTML: the spend line, the figures in their units and the cost curve', () => {
    const model = buildReportModel([summary], {
      title: 't',
      toolVersion: '0',
      runIds: ['run-priced'],
      status: 'failed',
    });
    const spend = model.programs[0]?.spend;
    expect(spend?.text).toMatch(/^9,255 tokens · \$0\.019 \(sim prices\) · \$0\.0062 per success \[/);
    expect(spend?.judges).toBe('4 calls · 440 tokens · $0.000084');
    expect(spend?.user).toBeUndefined();
    expect(spend?.priceSource).toBe('sim prices');
    expect(spend?.figures.find((figure) => figure.name === 'mean latency')?.text).toBe('1.75 s');
    expect(spend?.figures.find((figure) => figure.name === 'cost per success')?.interval).toMatch(
      /^95% \[\$0\.\d+, \$0\.\d+\]$/,
    );
    expect(spend?.costCurve?.bestK).toBe(1);
    expect(spend?.costCurve?.points.map((point) => point.text)).toEqual([
      'k = 1: pass@k 0.750 for $0.0046 per case, 162.0 cases per dollar',
      'k = 2: pass@k 1.000 for $0.0093 per case, 108.0 cases per dollar',
    ]);
    expect(model.programs[0]?.expectations[0]?.observedText).toBe('$0.019');
  });
});

describe('numbers in their units', () => {
  it('dollars, tokens and seconds', () => {
    expect([0, 0.0033, 0.5, 0.05, 0.000012345, 1.2e-9, 12.3456, 1234.5].map(formatDollars)).toEqual([
      '$0',
      '$0.0033',
      '$0.50',
      '$0.050',
      '$0.000012',
      '$0.0000000012',
      '$12.35',
      '$1234.50',
    ]);
    expect([12345, 41.25, 0].map(formatTokens)).toEqual(['12,345', '41.3', '0']);
    expect([0, 0.0004, 0.85, 1.2].map(formatSeconds)).toEqual(['0 ms', '0.4 ms', '850 ms', '1.20 s']);
    expect([0.5, 0.001, 0.15, 2, 0.0125].map(formatBudget)).toEqual(['$0.50', '$0.001', '$0.15', '$2.00', '$0.0125']);
  });
});
