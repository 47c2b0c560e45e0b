import { describe, expect, it } from 'vitest';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { priceOfInterpreter } from './price-of-interpreter.js';

describe('the price of an interpreter', () => {
  it('is the one the config sets, whatever the interpreter', () => {
    expect(priceOfInterpreter('openai:gpt-4o-mini', { input: 1, output: 2 })).toEqual({
      inputPerMillion: 1,
      outputPerMillion: 2,
      source: 'config',
      label: 'set in the config: $1 input, $2 output per million tokens',
    });
    expect(
      priceOfInterpreter('llama:./m.gguf', { input: 0, output: 0, cachedInput: 0, cacheWrite: 0.5, perHour: 1.2 }),
    ).toEqual({
      inputPerMillion: 0,
      outputPerMillion: 0,
      cachedInputPerMillion: 0,
      cacheWritePerMillion: 0.5,
      perHour: 1.2,
      source: 'config',
      label:
        'set in the config: $0 input, $0 cached input, $0.5 cache write, $0 output per million tokens, $1.2 per hour',
    });
    const free = { inputPerMillion: 0, outputPerMillion: 0, source: 'config', label: 'free (set in the config)' };
    expect(priceOfInterpreter('anthropic:claude-haiku-4-5', 0)).toEqual(free);
    expect(priceOfInterpreter('sim:large', 'free')).toEqual(free);
    expect(priceOfInterpreter('replay:./runs.jsonl', { input: 3, output: 15 })?.inputPerMillion).toBe(3);
  });

  it("is the catalogue's for a hosted model", () => {
    expect(priceOfInterpreter('openai:gpt-4o-mini')).toEqual({
      inputPerMillion: 0.15,
      outputPerMillion: 0.6,
      cachedInputPerMillion: 0.075,
      source: 'catalogue',
      label: '@pydantic/genai-prices 0.1.8 (2026-09-23): OpenAI gpt-4o-mini',
    });
    expect(priceOfInterpreter('anthropic:claude-haiku-4-5')).toEqual({
      inputPerMillion: 1,
      outputPerMillion: 5,
      cachedInputPerMillion: 0.1,
      cacheWritePerMillion: 1.25,
      source: 'catalogue',
      label: '@pydantic/genai-prices 0.1.8 (2026-09-23): Anthropic claude-haiku-4-5',
    });
    expect(priceOfInterpreter('google:gemini-2.5-flash')?.outputPerMillion).toBe(2.5);
    expect(priceOfInterpreter('openai:o3', undefined, new Date('2025-06-01T00:00:00Z'))?.inputPerMillion).toBe(10);
  });

  it("is the simulator's made-up price for each profile: small cheap, large dear", () => {
    expect(priceOfInterpreter('sim:small')).toEqual({
      inputPerMillion: 0.15,
      outputPerMillion: 0.6,
      cachedInputPerMillion: 0.075,
      source: 'simulated',
      label: "made up: the simulator's prices for sim:small",
    });
    expect(priceOfInterpreter('sim:large')).toEqual({
      inputPerMillion: 2.5,
      outputPerMillion: 10,
      cachedInputPerMillion: 1.25,
      source: 'simulated',
      label: "made up: the simulator's prices for sim:large",
    });
    // `sim` alone is `sim:medium`; a worse model costs what its profile costs.
    expect(priceOfInterpreter('sim')?.label).toBe("made up: the simulator's prices for sim:medium");
    expect(priceOfInterpreter('sim:')?.inputPerMillion).toBe(1);
    expect(priceOfInterpreter('sim:small,worse=0.1')?.inputPerMillion).toBe(0.15);
    for (const profile of Object.keys(simProfiles)) {
      expect(priceOfInterpreter(`sim:${profile}`)?.source, profile).toBe('simulated');
    }
  });

  it('is free for local models', () => {
    expect(priceOfInterpreter('llama:./models/qwen.gguf')).toEqual({
      inputPerMillion: 0,
      outputPerMillion: 0,
      source: 'free',
      label: 'free: a local model (llama:); set `price` in the config for paid hardware or a paid server',
    });
    expect(priceOfInterpreter('openai-compatible:qwen2.5')?.source).toBe('free');
  });

  it('is unknown, not zero, where nothing says what it is', () => {
    expect(priceOfInterpreter('replay:./runs.jsonl')).toBeUndefined();
    expect(priceOfInterpreter('openai:no-such-model')).toBeUndefined();
    expect(priceOfInterpreter('myllm:model-a')).toBeUndefined();
    expect(priceOfInterpreter('sim:huge')).toBeUndefined();
    expect(priceOfInterpreter('sim:constructor')).toBeUndefined();
  });
});
