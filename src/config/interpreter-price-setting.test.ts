import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpreterEntry } from './interpreter-entry.js';
import { loadConfig, validateConfig } from './load-config.js';

/** The problems of a config whose `local` interpreter has the price `price`; none when it is valid. */
function problemsOf(price: unknown): readonly string[] {
  const result = validateConfig({ interpreters: { local: { id: 'llama:./m.gguf', price } } }, 'informal.config.ts');
  return result.ok ? [] : result.error.problems;
}

const allowed =
  'expected 0, "free", or { input, output, cachedInput?, cacheWrite?, perHour? } (dollars per million tokens; perHour in dollars per hour of call time)';

describe('the price of an interpreter entry', () => {
  it('is 0, "free", or dollars per million tokens and per hour', () => {
    expect(problemsOf(0)).toEqual([]);
    expect(problemsOf('free')).toEqual([]);
    expect(problemsOf({ input: 0.15, output: 0.6 })).toEqual([]);
    expect(problemsOf({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, perHour: 0 })).toEqual([]);
  });

  it('is carried on the entry a run uses, with its other settings', () => {
    const config = {
      interpreters: {
        local: { id: 'llama:./m.gguf', price: { input: 0, output: 0, perHour: 1.2 } },
        free: { id: 'openai-compatible:qwen', price: 'free' as const },
        plain: { id: 'openai:gpt-4o-mini', concurrency: 4 },
      },
    };
    expect(interpreterEntry('local', config)).toEqual({
      name: 'local',
      id: 'llama:./m.gguf',
      price: { input: 0, output: 0, perHour: 1.2 },
    });
    expect(interpreterEntry('free', config).price).toBe('free');
    expect(interpreterEntry('plain', config).price).toBeUndefined();
  });

  it('names the setting and its allowed values when it is none of them', () => {
    expect(problemsOf(1)).toEqual([`\`interpreters.local.price\`: ${allowed}`]);
    expect(problemsOf('cheap')).toEqual([`\`interpreters.local.price\`: ${allowed}`]);
    expect(problemsOf(null)).toEqual([`\`interpreters.local.price\`: ${allowed}`]);
    expect(problemsOf([0.15, 0.6])).toEqual([`\`interpreters.local.price\`: ${allowed}`]);
  });

  it('names the field of a price object that is wrong', () => {
    expect(problemsOf({ input: 0.15 })).toEqual([
      '`interpreters.local.price.output`: is missing: a number of dollars, 0 or more',
    ]);
    expect(problemsOf({ input: '0.15', output: Number.POSITIVE_INFINITY })).toEqual([
      '`interpreters.local.price.input`: expected a number of dollars, 0 or more',
      '`interpreters.local.price.output`: expected a number of dollars, 0 or more',
    ]);
    expect(problemsOf({ input: -1, output: 0.6, perHour: -0.5 })).toEqual([
      '`interpreters.local.price.input`: expected a number of dollars, 0 or more',
      '`interpreters.local.price.perHour`: expected a number of dollars, 0 or more',
    ]);
  });

  it('refuses an unknown field and suggests the one meant', () => {
    expect(problemsOf({ input: 0.15, output: 0.6, cachedinput: 0.075 })).toEqual([
      '`interpreters.local.price.cachedinput` is not a setting; did you mean `interpreters.local.price.cachedInput`? (allowed here: input, output, cachedInput, cacheWrite, perHour)',
    ]);
  });

  it('is set as docs/interpreters.md shows', async () => {
    const docs = readFileSync(join(import.meta.dirname, '../../docs/interpreters.md'), 'utf8');
    const section = docs.slice(docs.indexOf('\n## Prices\n'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    // The example imports `defineConfig` from the package, which only checks types: the config is its argument.
    const config = example.replace(
      "import { defineConfig } from 'informal';\n",
      'const defineConfig = (config) => config;\n',
    );
    expect(config).toContain('price:');
    const folder = mkdtempSync(join(tmpdir(), 'informal-price-'));
    try {
      writeFileSync(join(folder, 'informal.config.mjs'), config);
      const loaded = await loadConfig(folder);
      expect(loaded.ok).toBe(true);
      expect(loaded.ok && interpreterEntry('gpu', loaded.config).price).toEqual({ input: 0, output: 0, perHour: 1.2 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
