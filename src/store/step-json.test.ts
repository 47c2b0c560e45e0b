import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { StepTrace } from '../contracts/trace.js';
import { registerKnownSecrets } from '../util/redact-secrets.js';
import { SqliteStore } from './sqlite-store.js';
import { stepFromJson, stepToJson } from './step-json.js';
import { rebuildSteps, stepReader, storedTraceJson } from './stored-trace.js';

const step = (text: string, output: unknown = text): StepTrace => ({
  name: 'main',
  messages: [{ role: 'user', content: 'Say something long.' }],
  text,
  output,
  finishReason: 'stop',
  latencyMs: 3,
  warnings: [],
});

describe('steps as the store keeps them', () => {
  it('stores a text answer once, and reads it back with its output', () => {
    const text = 'x'.repeat(100_000);
    const json = stepToJson(step(text));
    expect(json.length).toBeLessThan(text.length + 500);
    expect(stepFromJson(json)).toMatchObject({ text, output: text });
    // A typed output stays as it was; an output stored by an older version reads as before.
    const typed = stepToJson(step('{"a":1}', { a: 1 }));
    expect(stepFromJson(typed).output).toEqual({ a: 1 });
    expect(stepFromJson(JSON.stringify(step('old'))).output).toBe('old');
  });

  it('keeps known secrets out of the file: prompts, answers and scores', () => {
    const secret = 'registered-secret-0a9b8c7d';
    registerKnownSecrets([secret]);
    const path = join(mkdtempSync(join(tmpdir(), 'informal-step-json-')), 'store.sqlite');
    const store = new SqliteStore(path, Date.now, { writerThread: false });
    const leaked = { ...step(`the key is ${secret}`), messages: [{ role: 'user' as const, content: `use ${secret}` }] };
    store.saveStep({
      key: 'p.1',
      interpreterId: 'sim',
      seed: 1,
      promptHash: 'h',
      messages: leaked.messages,
      step: leaked,
    });
    store.flush();
    store.close();
    const database = new Database(path, { readonly: true });
    const read = stepReader(database)('p.1');
    expect(read?.text).toBe('the key is ***');
    expect(read?.output).toBe('the key is ***');
    expect(read?.messages).toEqual([{ role: 'user', content: 'use ***' }]);
    database.close();
    const bytes = readdirSync(dirname(path))
      .map((name) => readFileSync(join(dirname(path), name), 'latin1'))
      .join('');
    expect(bytes).not.toContain(secret);
  });

  it('keeps every count of the usage and the time to the first token in real SQLite, and reads older steps without them', () => {
    const usage = {
      inputTokens: 120,
      outputTokens: 30,
      cachedInputTokens: 100,
      cacheWriteTokens: 20,
      reasoningTokens: 12,
    };
    const timed: StepTrace = { ...step('Paris'), usage, firstTokenMs: 85 };
    expect(stepFromJson(stepToJson(timed))).toMatchObject({ usage, firstTokenMs: 85 });
    const path = join(mkdtempSync(join(tmpdir(), 'informal-step-json-')), 'store.sqlite');
    const store = new SqliteStore(path, Date.now, { writerThread: false });
    store.saveStep({
      key: 'p.1',
      interpreterId: 'sim',
      seed: 1,
      promptHash: 'h',
      messages: timed.messages,
      step: timed,
    });
    store.flush();
    store.close();
    const database = new Database(path, { readonly: true });
    const read = stepReader(database)('p.1');
    database.close();
    expect(read).toMatchObject({ usage, firstTokenMs: 85, latencyMs: 3 });
    // A step written before these fields existed reads as it was: usage of two counts, no time to the first token.
    const old = stepFromJson(
      '{"name":"main","text":"Paris","outputIsText":true,"finishReason":"stop","usage":{"inputTokens":4,"outputTokens":1},"latencyMs":9,"warnings":[]}',
    );
    expect(old).toEqual({
      name: 'main',
      text: 'Paris',
      output: 'Paris',
      finishReason: 'stop',
      usage: { inputTokens: 4, outputTokens: 1 },
      latencyMs: 9,
      warnings: [],
    });
  });

  it("sums every count of a called program's usage when it rebuilds the calling step", () => {
    const keyed = new Map<string, StepTrace>([
      ['d.1', { ...step('draft'), usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 8 } }],
      ['m.1', { ...step('final'), usage: { inputTokens: 20, outputTokens: 6, reasoningTokens: 4 } }],
    ]);
    const called: StepTrace = {
      ...step('final'),
      name: 'notes',
      children: [
        {
          programName: 'summarize',
          programHash: 'h2',
          interpreterId: 'sim',
          caseId: 'c',
          sampleIndex: 0,
          seed: 3,
          settings: {},
          steps: [
            { ...step('draft'), name: 'draft' },
            { ...step('final'), name: 'main' },
          ],
        },
      ],
    };
    const json = storedTraceJson([called, step('reply')], [['d.1', 'm.1'], 'r.1']);
    const rebuilt = rebuildSteps(json, 'r.1', (key) => keyed.get(key), {
      interpreterId: 'sim',
      caseId: 'c',
      sampleIndex: 0,
      settings: {},
    });
    expect(rebuilt.steps[0]?.usage).toEqual({
      inputTokens: 30,
      outputTokens: 11,
      cachedInputTokens: 8,
      reasoningTokens: 4,
    });
  });

  it('keeps the tool calls of a model turn, also when its text is its output', () => {
    const toolCalls = [{ id: 'c1', name: 'lookup_order', arguments: '{"order_id":"W1"}' }];
    const turn: StepTrace = { ...step(''), toolCalls, finishReason: 'tool-calls' };
    expect(stepFromJson(stepToJson(turn))).toMatchObject({ text: '', output: '', toolCalls });
  });

  it("keeps an agent step's trajectory in the result's trace, known secrets masked", () => {
    const secret = 'registered-secret-77aa11bb';
    registerKnownSecrets([secret]);
    const agentStep: StepTrace = {
      ...step('done'),
      agent: {
        turns: [
          { kind: 'model', text: '', toolCalls: [], finishReason: 'tool-calls', latencyMs: 1, warnings: [] },
          { kind: 'tool', callId: 'c1', name: 'read', arguments: {}, result: { token: secret }, latencyMs: 0 },
        ],
        ended: 'answer',
        modelTurns: 1,
        state: { token: secret },
      },
    };
    const json = storedTraceJson([agentStep], [['k.1', 'k.2']]);
    expect(json).not.toContain(secret);
    const rebuilt = rebuildSteps(json, 'k.2', () => undefined, {
      interpreterId: 'sim',
      caseId: 'c',
      sampleIndex: 0,
      settings: {},
    });
    expect(rebuilt.complete).toBe(true);
    expect(rebuilt.steps[0]?.agent?.turns[1]).toMatchObject({ kind: 'tool', result: { token: '***' } });
    expect(rebuilt.steps[0]?.agent?.ended).toBe('answer');
  });
});
