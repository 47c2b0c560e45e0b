import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interpreter } from '../../contracts/interpreter.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { InterpreterError } from '../../contracts/interpreter-error.js';
import type { ProviderOptions } from '../../contracts/interpreter-provider.js';
import { runSuite } from '../../runner/run-suite.js';
import { builtinProviders, resolveInterpreter } from '../resolve-interpreter.js';
import { writeExampleModels } from './gguf/example-models.js';
import { llamaProvider } from './llama-provider.js';

// Real llama.cpp runs on the tiny models, one thread each. These tests need node-llama-cpp: without it they fail.
const folder = mkdtempSync(join(tmpdir(), 'informal-llama-'));
const open: Interpreter[] = [];
const create = async (model: string, settings: ProviderOptions['settings'] = { threads: 1 }) => {
  const result = await resolveInterpreter(`llama:${model}`, { cwd: folder, env: {}, settings }, [llamaProvider]);
  if (!result.ok) throw new Error(`${result.error.message} (${result.error.hint})`);
  open.push(result.interpreter);
  return result.interpreter;
};

let yes: Interpreter;
let please: Interpreter;
beforeAll(async () => {
  writeExampleModels(folder);
  yes = await create('./yes.gguf');
  please = await create('please.gguf');
  // Loading llama.cpp's binding takes a second or more on a busy machine: more than a hook's default 10 s is allowed.
}, 60_000);
afterAll(async () => {
  await Promise.all(open.map((interpreter) => interpreter.close?.()));
  rmSync(folder, { recursive: true, force: true });
});

const call = (content: string, settings: InterpreterCall['settings'] = {}): InterpreterCall => ({
  messages: [
    { role: 'system', content: 'Answer yes or no.' },
    { role: 'user', content },
  ],
  settings,
  origin: { programName: 'test', caseId: 'case' },
});

/** The share of `seeds` seeds whose text says yes. */
const yesRate = async (interpreter: Interpreter, request: InterpreterCall, seeds = 400) => {
  let count = 0;
  for (let seed = 0; seed < seeds; seed++) {
    if ((await interpreter.interpret(request, { seed: seed * 7919 + 1 })).text.includes('yes')) count++;
  }
  return count / seeds;
};
/** Within 4 binomial standard errors of p. */
const expectRate = (rate: number, p: number, seeds = 400) => {
  expect(Math.abs(rate - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / seeds));
};

describe('llama: on the tiny models', () => {
  it('answers " yes." or " no." and reports the finish reason, token usage and time to the first token', async () => {
    const before = performance.now();
    const result = await yes.interpret(call('Is it?'), { seed: 1 });
    const elapsed = performance.now() - before;
    // Measured whether or not anyone listens to tokens, within the call's own time.
    expect(result.firstTokenMs).toBeGreaterThanOrEqual(0);
    expect(result.firstTokenMs).toBeLessThanOrEqual(elapsed);
    expect(['yes.', 'no.']).toContain(result.text);
    expect(result.finishReason).toBe('stop');
    expect(result.warnings).toEqual([]);
    expect(result.usage?.inputTokens).toBeGreaterThan(5);
    expect(result.usage?.outputTokens).toBe(3);
    expect(yes.description).toBe('llama.cpp in-process: yes-0.75 (./yes.gguf), 1 thread, context 2048, CPU');
  });

  it('gives the same text for the same seed, twice and on a second instance', async () => {
    const again = await create('./yes.gguf');
    const texts = async (interpreter: Interpreter) => {
      const out: string[] = [];
      for (let seed = 0; seed < 40; seed++) out.push((await interpreter.interpret(call('Is it?'), { seed })).text);
      return out;
    };
    const first = await texts(yes);
    expect(await texts(yes)).toEqual(first);
    expect(await texts(again)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['yes.', 'no.']));
  });

  it('says yes at the designed rate, 0.75, within binomial error over 400 seeds', async () => {
    expectRate(await yesRate(yes, call('Is it?')), 0.75);
  });

  it('follows temperature (0.5 sharpens 0.75 to 0.9; 0 is greedy) and top-p', async () => {
    expectRate(await yesRate(yes, call('Is it?', { temperature: 0.5 })), 0.9);
    expect(await yesRate(yes, call('Is it?', { temperature: 0 }), 20)).toBe(1);
    // The nucleus of 0.7 holds "yes" (0.75) alone.
    expect(await yesRate(yes, call('Is it?', { topP: 0.7 }), 20)).toBe(1);
  });

  it('answers the keyword model right more often with the keyword than without (0.8 and 0.3 designed)', async () => {
    const withKeyword = await yesRate(please, call('Could you please open the door?'));
    const withoutKeyword = await yesRate(please, call('Open the door.'));
    expectRate(withKeyword, 0.8);
    expectRate(withoutKeyword, 0.3);
    expect(withKeyword).toBeGreaterThan(withoutKeyword);
    // The first word of a message is tokenized without ▁: the keyword counts there too.
    expectRate(await yesRate(please, call('Please open the door.')), 0.8);
  });

  it('stops at maxTokens with finish reason length', async () => {
    const result = await yes.interpret(call('Is it?', { maxTokens: 1 }), { seed: 3 });
    expect(['yes', 'no']).toContain(result.text);
    expect(result.finishReason).toBe('length');
    expect(result.usage?.outputTokens).toBe(1);
  });

  it('streams the text token by token', async () => {
    const pieces: string[] = [];
    const result = await yes.interpret(call('Is it?'), { seed: 5, onToken: (text) => pieces.push(text) });
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.join('')).toBe(result.text);
  });

  it('constrains a typed output to its JSON schema', async () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { answer: { type: 'string', enum: ['yes', 'no'] }, sure: { type: 'boolean' } },
      required: ['answer', 'sure'],
      additionalProperties: false,
    };
    const answers = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const result = await yes.interpret({ ...call('Is it?'), responseFormat: { type: 'json', schema } }, { seed });
      const parsed = JSON.parse(result.text);
      expect(Object.keys(parsed).sort()).toEqual(['answer', 'sure']);
      expect(['yes', 'no']).toContain(parsed.answer);
      expect(typeof parsed.sure).toBe('boolean');
      expect(result.warnings).toEqual([]);
      answers.add(parsed.answer);
    }
    expect(answers.size).toBe(2);
  });

  it('warns about schema keywords the grammar cannot enforce, and still constrains the rest', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 0 } }, required: ['n'] };
    const result = await yes.interpret(
      { ...call('How many?', { maxTokens: 40 }), responseFormat: { type: 'json', schema } },
      { seed: 2 },
    );
    expect(result.warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'responseFormat',
        message: "llama.cpp's JSON grammar does not enforce `minimum`; the output is validated afterwards",
      },
    ]);
    // node-llama-cpp's integer grammar also allows exponents (18e0): the engine's validation has the last word.
    expect(result.finishReason).toBe('stop');
    expect(typeof JSON.parse(result.text).n).toBe('number');
  });

  it('gives queued samples the same texts as serial ones, and batched samples nearly all the same', async () => {
    const requests = Array.from({ length: 48 }, (_, index) => ({
      request: call(index % 2 === 0 ? 'Please do it.' : 'Do it.'),
      seed: index * 31,
    }));
    const serial: string[] = [];
    for (const { request, seed } of requests) serial.push((await please.interpret(request, { seed })).text);
    const queued = await Promise.all(requests.map(({ request, seed }) => please.interpret(request, { seed })));
    expect(queued.map((result) => result.text)).toEqual(serial);
    const batched = await create('please.gguf', { threads: 1, sequences: 4 });
    // The engine runs no more calls at once than the context has sequences.
    expect(please.maxConcurrentCalls).toBe(1);
    expect(batched.maxConcurrentCalls).toBe(4);
    const parallel = await Promise.all(requests.map(({ request, seed }) => batched.interpret(request, { seed })));
    // Sequences decoded in one batch sum their logits in another order, so a sample whose draw falls right at a
    // token's edge can flip: 0–2 of 48 here, 4 of 48 on another machine's CPU. Seeds still decide: by chance alone, two
    // samples of these prompts (p = 0.8 and 0.3) agree about 63% of the time (30 of 48), and 40 or more agree by
    // chance with a probability below 0.2%.
    expect(parallel).toHaveLength(serial.length);
    const agreeing = parallel.filter((result, index) => result.text === serial[index]).length;
    expect(agreeing).toBeGreaterThanOrEqual(40);
  });

  it('honours the abort signal: before the call, while it waits its turn, and mid-generation', async () => {
    const expectAborted = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(InterpreterError);
      expect(error).toMatchObject({ kind: 'aborted', isRetryable: false });
    };
    await expectAborted(yes.interpret(call('Is it?'), { seed: 1, signal: AbortSignal.abort() }));

    const waiting = new AbortController();
    const running = yes.interpret(call('Is it?'), { seed: 1 });
    const queued = yes.interpret(call('Is it?'), { seed: 2, signal: waiting.signal });
    waiting.abort();
    await expectAborted(queued);
    await running;

    const midway = new AbortController();
    const pieces: string[] = [];
    await expectAborted(
      yes.interpret(call('Is it?'), {
        seed: 1,
        signal: midway.signal,
        onToken: (text) => {
          pieces.push(text);
          midway.abort();
        },
      }),
    );
    expect(pieces).toHaveLength(1);

    // The engine's time limit is an abort with a TimeoutError: a retryable timeout, not a cancel.
    const timedOut = await yes
      .interpret(call('Is it?'), { seed: 1, signal: AbortSignal.abort(new DOMException('late', 'TimeoutError')) })
      .catch((error: unknown) => error);
    expect(timedOut).toMatchObject({ kind: 'timeout', isRetryable: true });
    // The interpreter still works after an abort.
    expect(['yes.', 'no.']).toContain((await yes.interpret(call('Is it?'), { seed: 1 })).text);
  });

  it('releases the model on close, twice without harm, and refuses calls afterwards', async () => {
    const interpreter = await create('./yes.gguf');
    const running = interpreter.interpret(call('Is it?'), { seed: 1 });
    const closed = interpreter.close?.();
    expect(['yes.', 'no.']).toContain((await running).text);
    await closed;
    await interpreter.close?.();
    await expect(interpreter.interpret(call('Is it?'), { seed: 1 })).rejects.toMatchObject({ kind: 'config' });
  });
});

describe('examples/local-llama', () => {
  it('passes its expectations on the generated models, with pass@1 near the designed 0.75', async () => {
    // A copy of the example in a scratch folder laid out like the repository, so the test writes nothing there.
    const root = join(folder, 'repository');
    const example = join(root, 'examples', 'local-llama');
    mkdirSync(example, { recursive: true });
    cpSync(fileURLToPath(new URL('../../../examples/local-llama/', import.meta.url)), example, {
      recursive: true,
      filter: (source) => !source.endsWith('.gguf'),
    });
    writeExampleModels(join(example, 'models'));
    const result = await runSuite({
      paths: ['examples/local-llama'],
      cwd: root,
      providers: [...builtinProviders, llamaProvider],
      store: false,
    });
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('passed');
    const passAt1 = result.programs.map((program) => program.metrics.find((metric) => metric.name === 'pass@1')?.value);
    expect(passAt1).toHaveLength(2);
    for (const value of passAt1) {
      expect(value).toMatchObject({ defined: true });
      expect(Math.abs((value as { value: number }).value - 0.75)).toBeLessThan(0.1);
    }
  });
});
