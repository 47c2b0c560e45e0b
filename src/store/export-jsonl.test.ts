import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SampleRecord } from '../contracts/program-run.js';
import { agentTrace } from '../runner/testing/agent-run.js';
import { exportRunJsonl } from './export-jsonl.js';
import { SqliteStore } from './sqlite-store.js';

describe('exportRunJsonl', () => {
  it('keeps an agent step’s trajectory: every turn, how it ended, and the states', () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'informal-export-test-')), 'store.sqlite'));
    store.startRun({ id: 'r1', command: { argv: ['test'], cwd: '/' } });
    const run = { runId: 'r1', programName: 'support', interpreterId: 'sim:large' };
    store.startProgramRun({
      ...run,
      programFile: 'support.prog',
      programHash: 'h-agent',
      baseSeed: 0,
      samplesPerCase: 1,
      planned: 1,
    });
    const trace = agentTrace('cancel-2', 0, false, 'max-turns');
    const step = trace.steps[0];
    if (!step?.agent) throw new Error('the fixture has no trajectory');
    store.saveStep({
      key: 'k.100',
      interpreterId: 'sim:large',
      seed: 100,
      promptHash: 'ph',
      messages: step.messages,
      step,
    });
    const record: SampleRecord = {
      caseId: 'cancel-2',
      index: 0,
      seed: 100,
      output: step.output,
      score: { value: 0, status: 'scored' },
      success: false,
      cached: false,
      trace,
    };
    store.saveResult(run, record, 'k.100');
    const lines: string[] = [];
    expect(exportRunJsonl(store, 'r1', (line) => lines.push(line))).toBe(1);
    const exported = JSON.parse(lines[0] as string);
    expect(exported.step.agent).toEqual(JSON.parse(JSON.stringify(step.agent)));
    expect(exported.steps[0].agent.turns.map((turn: { kind: string }) => turn.kind)).toEqual([
      'model',
      'tool',
      'model',
      'tool',
      'user',
      'model',
    ]);
    expect(exported.step.agent.ended).toBe('max-turns');
    store.close();
  });
});
