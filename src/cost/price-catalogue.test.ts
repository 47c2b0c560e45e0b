import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findProvider } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { catalogueEntry, priceCatalogue, priceCatalogueName } from './price-catalogue.js';

describe('the price catalogue', () => {
  it('is the installed version of the package, so that its date is the right one', () => {
    // The package exports no package.json: it is found beside the file its name resolves to (dist/).
    const entry = createRequire(import.meta.url).resolve(priceCatalogue.package);
    const installed = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
    expect(installed.name).toBe(priceCatalogue.package);
    // After an upgrade, set `version` and `published` (npm view @pydantic/genai-prices time) together.
    expect(installed.version).toBe(priceCatalogue.version);
    expect(priceCatalogueName).toBe('@pydantic/genai-prices 0.1.8 (2026-09-23)');
  });

  it("names our hosted providers by the catalogue's own ids", () => {
    expect(findProvider({ providerId: 'openai' })).toMatchObject({ id: 'openai', name: 'OpenAI' });
    expect(findProvider({ providerId: 'anthropic' })).toMatchObject({ id: 'anthropic', name: 'Anthropic' });
    expect(findProvider({ providerId: 'google' })).toMatchObject({ id: 'google', name: 'Google' });
  });

  it("gives a hosted model's prices per million tokens, with the catalogue's name and date", () => {
    expect(catalogueEntry('openai', 'gpt-4o-mini')).toEqual({
      input_mtok: 0.15,
      output_mtok: 0.6,
      cache_read_mtok: 0.075,
      label: '@pydantic/genai-prices 0.1.8 (2026-09-23): OpenAI gpt-4o-mini',
    });
    expect(catalogueEntry('anthropic', 'claude-haiku-4-5')).toEqual({
      input_mtok: 1,
      output_mtok: 5,
      cache_read_mtok: 0.1,
      cache_write_mtok: 1.25,
      label: '@pydantic/genai-prices 0.1.8 (2026-09-23): Anthropic claude-haiku-4-5',
    });
    expect(catalogueEntry('google', 'gemini-2.5-flash')).toEqual({
      input_mtok: 0.3,
      output_mtok: 2.5,
      cache_read_mtok: 0.03,
      label: '@pydantic/genai-prices 0.1.8 (2026-09-23): Google gemini-2.5-flash',
    });
  });

  it('finds the model of a dated id, and names the model it found', () => {
    expect(catalogueEntry('openai', 'gpt-4o-mini-2024-07-18')?.label).toBe(
      '@pydantic/genai-prices 0.1.8 (2026-09-23): OpenAI gpt-4o-mini',
    );
    expect(catalogueEntry('anthropic', 'claude-haiku-4-5-20251001')?.input_mtok).toBe(1);
  });

  it('takes the base of a tiered price and says so', () => {
    expect(catalogueEntry('google', 'gemini-2.5-pro')).toEqual({
      input_mtok: 1.25,
      output_mtok: 10,
      cache_read_mtok: 0.125,
      label:
        '@pydantic/genai-prices 0.1.8 (2026-09-23): Google gemini-2.5-pro (tiered: the base price, for prompts up to 200000 input tokens; dearer above)',
    });
  });

  it('gives the price in force at the time asked', () => {
    expect(catalogueEntry('openai', 'o3', new Date('2025-06-01T00:00:00Z'))).toMatchObject({
      input_mtok: 10,
      output_mtok: 40,
    });
    expect(catalogueEntry('openai', 'o3', new Date('2025-06-11T00:00:00Z'))).toMatchObject({
      input_mtok: 2,
      output_mtok: 8,
    });
  });

  it('knows nothing of other providers and of models it does not list', () => {
    expect(catalogueEntry('openai', 'no-such-model')).toBeUndefined();
    expect(catalogueEntry('openai', '')).toBeUndefined();
    expect(catalogueEntry('sim', 'small')).toBeUndefined();
    expect(catalogueEntry('llama', 'gpt-4o-mini')).toBeUndefined();
    expect(catalogueEntry('constructor', 'gpt-4o-mini')).toBeUndefined();
  });
});
