import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { StepTrace } from '../src/contracts/trace.js';
import { readStoredRun } from '../src/report/stored-run.js';
import { migrations } from '../src/store/migrations.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { runCli } from './support/run-cli.js';

function freshFolder(): string {
  return mkdtempSync(join(tmpdir(), 'informal-trace-'));
}

/** Runs the composition example's two-step program (a call step, then a prompt step) into `store`. */
function runTriage(store: string, extra: readonly string[] = []): void {
  const result = runCli(['test', 'examples/composition/triage.prog', '--store', store, ...extra]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

interface ExportLine {
  readonly program: string;
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly step: StepTrace | null;
  readonly steps: StepTrace[];
}

/** The export of `run`, or of the latest run. */
function exportLines(store: string, run?: string): ExportLine[] {
  const result = runCli(['export', ...(run ? [run] : []), '--store', store]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportLine);
}

/** `[case, index, sample_key, trace_json]` of every result of a run, in order. */
function resultRows(store: string, runId: string): unknown[][] {
  const database = new Database(store, { readonly: true });
  try {
    return database
      .prepare(
        `SELECT pr.program_name, r.case_id, r.sample_index, r.sample_key, r.trace_json FROM results r
         JOIN program_runs pr ON pr.id = r.program_run_id WHERE pr.run_id = ?
         ORDER BY pr.program_name, r.case_id, r.sample_index`,
      )
      .raw()
      .all(runId) as unknown[][];
  } finally {
    database.close();
  }
}

describe('the whole trace of a sample of several steps in the store', () => {
  it('is exported and read back with every step, and the called program nested in its step', () => {
    const folder = freshFolder();
    const store = join(folder, 'store.sqlite');
    runTriage(store);

    const lines = exportLines(store).filter((line) => line.program === 'triage');
    expect(lines).toHaveLength(84);
    // `latest` names the same run, as it does for report, compare and --resume.
    expect(exportLines(store, 'latest')).toEqual(exportLines(store));
    const missing = runCli(['export', 'no-such-run', '--store', store]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: .*no-such-run/);
    for (const line of lines) {
      expect(line.steps.map((step) => step.name)).toEqual(['facts', 'urgency']);
      const [facts, urgency] = line.steps as [StepTrace, StepTrace];
      const child = facts.children?.[0];
      expect(child?.programName).toBe('extract_facts');
      expect(child?.steps).toHaveLength(1);
      expect(child?.steps[0]?.messages.some((message) => message.role === 'user')).toBe(true);
      expect(child?.steps[0]?.text).not.toBe('');
      expect(facts.text).toBe(child?.steps[0]?.text);
      expect(urgency.messages.length).toBeGreaterThan(0);
      // The second step's prompt holds the first step's output.
      expect(urgency.messages.map((message) => message.content).join('\n')).toContain(String(facts.text).slice(0, 20));
      expect(line.step).toEqual(urgency);
    }

    const reader = new SqliteStore(store);
    try {
      const runId = reader.listRuns().at(-1)?.id as string;
      const [stored] = readStoredRun(reader, runId);
      const sample = stored?.programRun.cases[0]?.samples[0];
      expect(sample?.trace.steps.map((step) => step.name)).toEqual(['facts', 'urgency']);
      expect(sample?.trace.steps[0]?.children?.[0]?.steps[0]?.messages.length).toBeGreaterThan(0);
      expect(sample?.output).toBe(sample?.trace.steps[1]?.output);
      // The stored trace names keys only: step bodies stay in `samples`.
      const rows = resultRows(store, runId);
      expect(rows).toHaveLength(84);
      for (const row of rows) {
        const shape = JSON.parse(String(row[4]));
        expect(shape[0]).toMatchObject({ name: 'facts', program: 'extract_facts' });
        expect(shape[0].steps[0].key).toMatch(/\./);
        expect(shape[1]).toEqual({ name: 'urgency', key: row[3] });
      }
    } finally {
      reader.close();
    }

    const html = join(folder, 'report.html');
    const report = runCli(['report', '--html', html, '--store', store]);
    expect(report.stderr).toContain(`Wrote ${html}`);
    expect(report.status).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('"name":"facts"');
    expect(page).toContain('"name":"urgency"');
    // The trace viewer lists the called program's steps after the call step, named by their path.
    expect(page).toContain('"name":"facts › extract_facts › main"');
  });

  it('stores nothing more for a program of one step', () => {
    const folder = freshFolder();
    const store = join(folder, 'store.sqlite');
    const result = runCli(['test', 'examples/composition/facts.prog', '--store', store]);
    expect(result.status).toBe(0);
    const database = new Database(store, { readonly: true });
    try {
      const counts = database.prepare('SELECT COUNT(*) AS total, COUNT(trace_json) AS traced FROM results').get() as {
        total: number;
        traced: number;
      };
      expect(counts).toEqual({ total: 24, traced: 0 });
    } finally {
      database.close();
    }
    const lines = exportLines(store);
    expect(lines).toHaveLength(24);
    for (const line of lines) {
      expect(line.steps).toHaveLength(1);
      expect(line.step).toEqual(line.steps[0]);
      expect(line.step?.messages.length).toBeGreaterThan(0);
    }
  });

  it('is carried by merge: shards joined equal the unsharded run', () => {
    const folder = freshFolder();
    const whole = join(folder, 'whole.sqlite');
    const first = join(folder, 'first.sqlite');
    const second = join(folder, 'second.sqlite');
    const merged = join(folder, 'merged.sqlite');
    runTriage(whole);
    runTriage(first, ['--shard', '1/2']);
    runTriage(second, ['--shard', '2/2']);
    const merge = runCli(['merge', first, second, '--into', merged]);
    expect(merge.stderr).toBe('');
    expect(merge.status).toBe(0);

    const runIds = (store: string) => {
      const database = new Database(store, { readonly: true });
      try {
        return (database.prepare('SELECT id FROM runs ORDER BY created_at, id').all() as { id: string }[]).map(
          (row) => row.id,
        );
      } finally {
        database.close();
      }
    };
    const mergedId = runIds(merged).find((id) => id.startsWith('merged-')) as string;
    expect(mergedId).toBeDefined();
    const wholeRows = resultRows(whole, runIds(whole)[0] as string);
    expect(wholeRows.filter((row) => row[4] !== null)).toHaveLength(84);
    expect(resultRows(merged, mergedId)).toEqual(wholeRows);

    const names = (lines: ExportLine[]) =>
      lines.map((line) => [line.program, line.caseId, line.sampleIndex, line.steps.map((step) => step.name)]);
    expect(names(exportLines(merged, mergedId))).toEqual(names(exportLines(whole)));
  });
});

describe('a store written by schema v1', () => {
  it('is migrated on open, and its results read with their final step', () => {
    const folder = freshFolder();
    const store = join(folder, 'v1.sqlite');
    const database = new Database(store);
    database.exec(migrations[0] as string);
    database.pragma('user_version = 1');
    database.exec(`
      INSERT INTO runs VALUES ('run-1', 1000, 2000, 'complete', '{"argv":[],"cwd":"/"}', NULL);
      INSERT INTO program_runs VALUES (1, 'run-1', 'old', 'old.prog', 'hash', 'sim:large', 7, 1, 1, 'complete');
      INSERT INTO prompts VALUES ('p', '[{"role":"user","content":"Say hi"}]');
      INSERT INTO key_prefixes VALUES ('abc', 'sim:large', 'p');
      INSERT INTO samples VALUES ('abc.1', '{"name":"main","text":"hi","output":"hi","finishReason":"stop","latencyMs":3,"warnings":[]}', 1500);
      INSERT INTO results VALUES (1, 'c', 0, 1, 'abc.1', '{"value":1,"status":"scored"}', 1);
    `);
    database.close();

    const lines = exportLines(store, 'run-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.steps).toEqual([
      {
        name: 'main',
        text: 'hi',
        output: 'hi',
        finishReason: 'stop',
        latencyMs: 3,
        warnings: [],
        messages: [{ role: 'user', content: 'Say hi' }],
      },
    ]);
    expect(lines[0]?.step).toEqual(lines[0]?.steps[0]);

    const raw = new Database(store, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
      const columns = (raw.pragma('table_info(results)') as { name: string }[]).map((column) => column.name);
      expect(columns).toContain('trace_json');
    } finally {
      raw.close();
    }
    const reader = new SqliteStore(store);
    try {
      const [stored] = readStoredRun(reader, 'run-1');
      expect(stored?.programRun.cases[0]?.samples[0]?.trace.steps.map((step) => step.text)).toEqual(['hi']);
      expect(stored?.programRun.cases[0]?.samples[0]?.output).toBe('hi');
    } finally {
      reader.close();
    }
  });
});
