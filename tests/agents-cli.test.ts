import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

interface ExportLine {
  readonly program: string;
  readonly caseId: string;
  readonly step: { readonly agent?: { readonly ended: string; readonly turns: readonly Record<string, unknown>[] } };
}

/** The lines `informal export` writes for the latest run of a store. */
function exported(folder: string, store: string): ExportLine[] {
  const result = runCli(['export', 'latest', '--store', store], { cwd: folder });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportLine);
}

/** Processes whose command line holds `marker`, read from /proc. */
function processesWith(marker: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    });
}

describe('agent programs from the command line', () => {
  it('run the retail example offline on the simulator, with pass^1..pass^4 and their intervals, and a trajectory per sample', () => {
    const folder = tempFolder();
    const store = join(folder, 's.sqlite');
    const result = runCli(['test', 'examples/agents', '--store', store, '--reporter', 'json'], { cwd: repoRoot });
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    const support = report.programs.find((program: { name: string }) => program.name === 'support');
    expect(Object.keys(support.metrics)).toEqual(['pass^1', 'pass^2', 'pass^3', 'pass^4', 'suite_k@0.5']);
    const values = ['pass^1', 'pass^2', 'pass^3', 'pass^4'].map((metric) => support.metrics[metric] as number);
    // pass^k falls with k: an agent that succeeds once does not always succeed four times.
    for (let k = 1; k < 4; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1] as number);
    expect(values[3]).toBeLessThan(values[0] as number);
    for (const metric of ['pass^1', 'pass^4']) {
      const interval = support.intervals[metric];
      expect(interval.lower).toBeLessThanOrEqual(support.metrics[metric]);
      expect(interval.upper).toBeGreaterThanOrEqual(support.metrics[metric]);
      expect(interval.upper - interval.lower).toBeGreaterThan(0);
    }
    expect(support.agent.samples).toBe(18 * 8);
    expect(support.agent.turnsPerSample).toBeGreaterThan(1);
    for (const program of report.programs) expect(program.warnings).toEqual([]);
    const lines = exported(folder, store).filter((line) => line.program === 'support');
    expect(lines).toHaveLength(18 * 8);
    for (const line of lines) {
      expect(line.step.agent?.ended).toBe('answer');
      expect(line.step.agent?.turns.some((turn) => turn.kind === 'user')).toBe(true);
    }

    // `replay:` answers each model turn as the run's interpreter did: the same trajectories, with no model called.
    const replay = runCli(
      ['test', 'examples/agents/support.prog', '--store', store, '--interpreter', `replay:${report.runId}`],
      { cwd: repoRoot },
    );
    expect(replay.status, replay.stderr).toBe(0);
    const replayed = exported(folder, store);
    const comparable = (line: ExportLine) =>
      JSON.stringify({
        caseId: line.caseId,
        turns: line.step.agent?.turns.map(({ latencyMs: _latency, cached: _cached, ...turn }) => turn),
      });
    expect(replayed.map(comparable).sort()).toEqual(lines.map(comparable).sort());
  });

  it('call the tools of a real MCP server over stdio, verify the calls, and leave no server running', () => {
    const marker = `informal-mcp-${process.pid}-${Date.now()}`;
    const server = join(repoRoot, 'src/tools/testing/mcp-fixture-server.mjs');
    const folder = tempFolder({
      'adder.prog': [
        'prog 1',
        'program adder',
        'model "sim:perfect"',
        'input a: number',
        'input b: number',
        `mcp calculator { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(server)}, "serve", ${JSON.stringify(`--marker=${marker}`)}], tools: ["add"] }`,
        'prompt "Add {{ a }} and {{ b }}."',
        'verify called("add", { a: 2, b: 3 }) and contains("5")',
        'case "two-three" { a: 2, b: 3 } -> { actions: [{ tool: "add", arguments: { a: 2, b: 3 } }], answer: "5" }',
        'sample 3',
        'expect pass^3 >= 1',
      ].join('\n'),
    });
    const result = runCli(['test', 'adder.prog', '--store', 's.sqlite'], { cwd: folder });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain('✓ expect pass^3 >= 1');
    const lines = exported(folder, 's.sqlite');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      // The server added the numbers: its answer is the tool turn's result.
      expect(line.step.agent?.turns.find((turn) => turn.kind === 'tool')).toMatchObject({
        name: 'add',
        arguments: { a: 2, b: 3 },
        result: '5',
      });
    }
    expect(processesWith(marker)).toEqual([]);
  });
});
