import { describe, expect, it } from 'vitest';
import type { TurnTrace } from '../contracts/trace.js';
import { runSpend } from '../runner/run-spend.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { agentSummary, agentTurns, hostileText } from '../runner/testing/agent-run.js';
import { createConsoleReporter } from './console-reporter.js';
import { buildJsonReport } from './json-report.js';
import { jsonReportSchema } from './json-report-schema.js';
import { buildJunitReport } from './junit-report.js';
import { buildMarkdownReport } from './markdown-report.js';
import { trajectoryLines } from './trajectory-lines.js';
import { createVerboseReporter } from './verbose-reporter.js';

const summary = agentSummary(4);
const result: SuiteResult = {
  status: 'passed',
  runId: 'run-agent',
  loaded: [],
  errors: [],
  programs: [summary],
  interpreterComparisons: [],
  spend: runSpend([summary]),
  startedAt: 0,
  durationMs: 10,
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

async function consoleText(verbose: boolean): Promise<string> {
  let text = '';
  const options = { write: (chunk: string) => (text += chunk), writeError: () => {}, colors: false };
  const reporter = verbose ? createVerboseReporter(options) : createConsoleReporter(options);
  await reporter.onProgramEnd?.(summary);
  await reporter.onSuiteEnd?.(result);
  return text;
}

describe('reports of an agent program', () => {
  it('the console shows pass^1 to pass^4 with intervals, and the agent figures', async () => {
    const text = await consoleText(false);
    expect(text).toMatch(/pass\^1 {2}0\.875 {2}\[0\.\d{3}, 1\.000\]/);
    expect(text).toMatch(/pass\^4 {2}0\.500 {2}\[/);
    expect(text).toContain(
      'agent   3.0 turns · 2.0 tool calls · 1.0 user turns per sample · tool errors 50.0% · ended answer 7, max-turns 1',
    );
  });

  it('the verbose console prints the failing trajectory turn by turn, its control characters escaped', async () => {
    const text = await consoleText(true);
    const lines = text.split('\n');
    const start = lines.findIndex((line) => line.includes('trajectory: 3 turns, ended max-turns'));
    expect(start).toBeGreaterThan(0);
    const trajectory = lines.slice(start, start + 8).map((line) => line.trim());
    expect(trajectory).toEqual([
      'trajectory: 3 turns, ended max-turns',
      'model: «Looking up. </script><script>alert(1)</script> javascript:alert(2) \\u001b[31mred\\u0007 \\u2028end»',
      'model calls lookup_order({"order_id":"</script><script>alert(1)</script> javascript:alert(2) \\u001b[31mred\\u0007 \\u2028end"})',
      'lookup_order → {"status":"pending","note":"</script><script>alert(1)</script> javascript:alert(2) \\u001b[31mred\\u0007 \\u2028end"}',
      'model calls cancel_order({"order_id":"W1")',
      'cancel_order ✗ arguments are not JSON: </script><script>alert(1)</script> javascript:alert(2) \\u001b[31mred\\u0007 \\u2028end',
      'user: «No, cancel it. </script><script>alert(1)</script> javascript:alert(2) \\u001b[31mred\\u0007 \\u2028end»',
      'model: «I cannot. </script><script>alert(1)</script> javascript:alert(2) \\u001b[31mred\\u0007 \\u2028end»',
    ]);
    expect(text).not.toMatch(controlCharacters);
  });

  it('the verbose console shows the first 40 turns of a long trajectory and counts the rest', () => {
    const turns = Array.from({ length: 45 }, () => agentTurns(true)[4] as TurnTrace);
    const lines = trajectoryLines({ turns, ended: 'user-max-turns', modelTurns: 0 });
    expect(lines).toHaveLength(1 + 40 + 1);
    expect(lines.at(-1)).toBe('  … and 5 more turns');
  });

  it('the JSON report carries the figures and the failing trajectory, and its schema accepts it', () => {
    const report = buildJsonReport(result, '0.0.0');
    const parsed = jsonReportSchema.safeParse(JSON.parse(JSON.stringify(report)));
    expect(parsed.error).toBeUndefined();
    const program = parsed.data?.programs[0];
    expect(Object.keys(program?.metrics ?? {})).toEqual(['pass^1', 'pass^2', 'pass^3', 'pass^4', 'suite_k@0.5']);
    expect(program?.agent).toEqual(summary.agent);
    const failing = program?.cases.find((entry) => entry.id === 'cancel-2')?.trace;
    expect(failing?.sampleIndex).toBe(0);
    const agent = failing?.steps[0]?.agent;
    expect(agent?.ended).toBe('max-turns');
    expect(agent?.turns.map((turn) => turn.kind)).toEqual(['model', 'tool', 'model', 'tool', 'user', 'model']);
    expect(agent?.turns[3]).toMatchObject({
      kind: 'tool',
      name: 'cancel_order',
      error: expect.stringContaining(hostileText),
    });
    expect(agent?.state).toEqual({ orders: { W1: { status: 'pending' } } });
  });

  it('JUnit has the figures as properties and the trajectory in the failure details, as valid XML text', () => {
    const xml = buildJunitReport({ ...result, status: 'failed' }, { hostname: 'h' });
    expect(xml).toContain('<property name="pass^4" value="0.5"/>');
    expect(xml).toContain('<property name="agent.turnsPerSample" value="3"/>');
    expect(xml).toContain('<property name="agent.toolErrorRate" value="0.5"/>');
    expect(xml).toContain('<property name="agent.ended.max-turns" value="1"/>');
    expect(xml).toContain('<failure type="expectation" message="pass^4 &gt;= 0.9: observed 0.500');
    expect(xml).toContain('  trajectory: 3 turns, ended max-turns\n');
    expect(xml).toContain('      cancel_order ✗ arguments are not JSON: &lt;/script&gt;&lt;script&gt;alert(1)');
    expect(xml).not.toContain('<script>');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what it looks for.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('Markdown shows pass^1 as the headline and a row of agent figures', () => {
    const markdown = buildMarkdownReport(result);
    expect(markdown).toContain('| ❌ | support | sim:large | 2 × 4 | 0.875 | 0 / 1 |');
    expect(markdown).toContain('| pass^4 | 0.500 |');
    expect(markdown).toContain('| 3.0 | 2.0 | 50.0% | answer 7, max-turns 1 |');
  });
});
