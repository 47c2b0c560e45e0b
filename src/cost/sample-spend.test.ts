import { describe, expect, it } from 'vitest';
import type { SampleRecord } from '../contracts/program-run.js';
import type { Score } from '../contracts/score.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import type { InterpreterPrice } from './interpreter-price.js';
import { sampleNewCost, sampleSeconds, sampleSpend } from './sample-spend.js';

const price = (inputPerMillion: number, outputPerMillion: number): InterpreterPrice => ({
  inputPerMillion,
  outputPerMillion,
  source: 'config',
  label: 'test',
});

const prices: Record<string, InterpreterPrice> = {
  'p:model': price(1, 10),
  'p:user': price(2, 20),
  'p:judge': price(3, 30),
  'p:child': price(4, 40),
};
const priceOf = (id: string) => prices[id];

const step = (fields: Partial<StepTrace>): StepTrace => ({
  name: 'main',
  messages: [],
  text: '',
  output: '',
  finishReason: 'stop',
  latencyMs: 0,
  warnings: [],
  ...fields,
});

const trace = (interpreterId: string, steps: StepTrace[]): Trace => ({
  programName: 'p',
  programHash: 'h',
  interpreterId,
  caseId: 'a',
  sampleIndex: 0,
  seed: 1,
  settings: {},
  steps,
});

const record = (steps: StepTrace[], score: Score = { value: 1, status: 'scored' }): SampleRecord => ({
  caseId: 'a',
  index: 0,
  seed: 1,
  output: '',
  score,
  success: true,
  cached: false,
  trace: trace('p:model', steps),
});

describe('sampleSpend', () => {
  it('prices every call of a step program by its interpreter, and a cached one as drawn but not paid', () => {
    const spend = sampleSpend(
      record([
        step({ usage: { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 10 }, latencyMs: 500 }),
        step({ usage: { inputTokens: 2000, outputTokens: 200, reasoningTokens: 50 }, latencyMs: 1500, cached: true }),
      ]),
      priceOf,
    );
    // (1000 + 2000) × $1 + (100 + 200) × $10 per million.
    expect(spend.program).toMatchObject({
      calls: 2,
      inputTokens: 3000,
      outputTokens: 300,
      cachedInputTokens: 10,
      reasoningTokens: 50,
      seconds: 2,
      unpricedCalls: 0,
    });
    expect(spend.program.cost).toBeCloseTo(0.006, 15);
    expect(spend.program.newCost).toBeCloseTo(0.002, 15);
    expect(
      sampleNewCost(
        record([
          step({ usage: { inputTokens: 1000, outputTokens: 100 }, latencyMs: 500 }),
          step({ usage: { inputTokens: 2000, outputTokens: 200 }, cached: true }),
        ]),
        priceOf,
      ),
    ).toBeCloseTo(0.002, 15);
    expect(spend.user.calls).toBe(0);
    expect(spend.judges.calls).toBe(0);
  });

  it('keeps an agent’s turns, its simulated user and the programs its tools ran apart from its judges', () => {
    const child = trace('p:child', [step({ usage: { inputTokens: 100, outputTokens: 10 }, latencyMs: 10 })]);
    const agentStep = step({
      // The step's own sum of its model turns is not counted twice.
      usage: { inputTokens: 300, outputTokens: 30 },
      latencyMs: 900,
      agent: {
        ended: 'answer',
        modelTurns: 2,
        turns: [
          {
            kind: 'model',
            text: '',
            toolCalls: [],
            finishReason: 'tool-calls',
            usage: { inputTokens: 100, outputTokens: 10 },
            latencyMs: 100,
            warnings: [],
          },
          { kind: 'tool', callId: '1', name: 'lookup', arguments: {}, result: 1, latencyMs: 50, child },
          { kind: 'user', text: 'thanks', usage: { inputTokens: 50, outputTokens: 5 }, latencyMs: 40 },
          {
            kind: 'model',
            text: 'done',
            toolCalls: [],
            finishReason: 'stop',
            usage: { inputTokens: 200, outputTokens: 20 },
            latencyMs: 200,
            warnings: [],
          },
        ],
      },
    });
    const judged: Score = {
      value: 1,
      status: 'scored',
      name: 'and',
      parts: [
        {
          value: 1,
          status: 'scored',
          judge: {
            judge: 'polite',
            interpreterId: 'p:judge',
            values: [1, 1],
            mean: 1,
            spread: 0,
            agreement: 1,
            usage: { inputTokens: 1000, outputTokens: 100 },
            latencyMs: 300,
          },
        },
      ],
    };
    const spend = sampleSpend(record([agentStep], judged), priceOf, 'p:user');
    expect(spend.program).toMatchObject({ calls: 3, inputTokens: 400, outputTokens: 40 });
    // Model turns at $1/$10, the tool's program at $4/$40.
    expect(spend.program.cost).toBeCloseTo((300 * 1 + 30 * 10 + 100 * 4 + 10 * 40) / 1e6, 15);
    expect(spend.user).toMatchObject({ calls: 1, inputTokens: 50, outputTokens: 5 });
    expect(spend.user.cost).toBeCloseTo((50 * 2 + 5 * 20) / 1e6, 15);
    expect(spend.judges).toMatchObject({ calls: 1, inputTokens: 1000, outputTokens: 100, seconds: 0.3 });
    expect(spend.judges.cost).toBeCloseTo((1000 * 3 + 100 * 30) / 1e6, 15);
    // What a budget is charged: every new call, the user's and the judges' included.
    expect(sampleNewCost(record([agentStep], judged), priceOf, 'p:user')).toBeCloseTo(
      spend.program.newCost + spend.user.newCost + spend.judges.newCost,
      15,
    );
    expect(sampleSeconds(record([agentStep]))).toBe(0.9);
  });

  it('reads a latency that is not a finite count of milliseconds, as a store edited by hand may hold, as none', () => {
    const odd = [
      step({ latencyMs: -5 }),
      step({ latencyMs: Number.NaN }),
      step({ latencyMs: '9' as unknown as number }),
    ];
    expect(sampleSeconds(record(odd))).toBe(0);
    expect(sampleSpend(record(odd), priceOf).program.seconds).toBe(0);
    // Token counts that are not counts are none, too: never concatenated, never negative.
    const usage = { inputTokens: '7', outputTokens: -3, cachedInputTokens: 99 } as unknown as StepTrace['usage'];
    const spend = sampleSpend(record([step({ usage })]), priceOf).program;
    expect(spend).toMatchObject({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cost: 0 });
  });

  it('counts calls of an interpreter without a price, and prices nothing for them', () => {
    const spend = sampleSpend(record([step({ usage: { inputTokens: 10, outputTokens: 1 } })]), () => undefined);
    expect(spend.program).toMatchObject({ calls: 1, inputTokens: 10, cost: 0, unpricedCalls: 1 });
  });
});
