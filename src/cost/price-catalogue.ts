import { createRequire } from 'node:module';
import type { ModelPrice } from '@pydantic/genai-prices';

/**
 * The catalogue, loaded on first use: its bundle is 0.8 MB of JavaScript, about 50 ms at start-up, which runs on
 * the simulator or local models never need.
 */
let catalogue: typeof import('@pydantic/genai-prices') | undefined;
const load = () => {
  catalogue ??= createRequire(import.meta.url)('@pydantic/genai-prices') as typeof import('@pydantic/genai-prices');
  return catalogue;
};

/**
 * The catalogue of hosted models' prices: `@pydantic/genai-prices`, whose data is bundled in the package and read
 * offline. Its publish date says how old its prices are; a test fails when the installed version is another one.
 */
export const priceCatalogue = {
  package: '@pydantic/genai-prices',
  version: '0.1.8',
  /** The day this version was published: its prices are those known then. */
  published: '2026-09-23',
} as const;

/** The catalogue as reports name it: `@pydantic/genai-prices 0.1.8 (2026-09-23)`. */
export const priceCatalogueName = `${priceCatalogue.package} ${priceCatalogue.version} (${priceCatalogue.published})`;

/** One model's prices in the catalogue, flat (the base of a tiered price), in dollars per million tokens. */
export interface CatalogueEntry {
  /** Dollars per million input tokens. */
  readonly input_mtok: number;
  /** Dollars per million output tokens. */
  readonly output_mtok: number;
  /** Dollars per million cached input tokens read, when the catalogue prices them apart. */
  readonly cache_read_mtok?: number;
  /** Dollars per million input tokens written to the cache, when the catalogue prices them apart. */
  readonly cache_write_mtok?: number;
  /** The catalogue, the provider and the model, e.g. `@pydantic/genai-prices 0.1.8 (2026-09-23): OpenAI gpt-4o-mini`. */
  readonly label: string;
}

/** Our providers of hosted APIs, and the catalogue's id of each. */
const catalogueProviderIds: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
};

/** The price keys read, each flat: a tiered price gives its base (the price of prompts below the first tier). */
const priceKeys = ['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok'] as const;

/**
 * The catalogue's prices of `model` (as written after the colon of `openai:`, `anthropic:` or `google:`; dated
 * versions such as `gpt-4o-mini-2024-07-18` find their model) at the time `at`; undefined for another provider or a
 * model the catalogue does not know or prices without input and output tokens.
 */
export function catalogueEntry(provider: string, model: string, at: Date = new Date()): CatalogueEntry | undefined {
  const providerId = Object.hasOwn(catalogueProviderIds, provider) ? catalogueProviderIds[provider] : undefined;
  if (providerId === undefined || model.trim() === '') return undefined;
  const found = load().calcPrice({}, model, { providerId, timestamp: at });
  if (found === null) return undefined;
  const prices: Partial<Record<(typeof priceKeys)[number], number>> = {};
  const tierStarts: number[] = [];
  for (const key of priceKeys) {
    const price: ModelPrice[string] = found.model_price[key];
    if (typeof price === 'number') prices[key] = price;
    else if (price !== undefined) {
      prices[key] = price.base;
      tierStarts.push(...price.tiers.map((tier) => tier.start));
    }
  }
  const { input_mtok, output_mtok, cache_read_mtok, cache_write_mtok } = prices;
  if (input_mtok === undefined || output_mtok === undefined) return undefined;
  const tiered =
    tierStarts.length > 0
      ? ` (tiered: the base price, for prompts up to ${Math.min(...tierStarts)} input tokens; dearer above)`
      : '';
  return {
    input_mtok,
    output_mtok,
    ...(cache_read_mtok === undefined ? {} : { cache_read_mtok }),
    ...(cache_write_mtok === undefined ? {} : { cache_write_mtok }),
    label: `${priceCatalogueName}: ${found.provider.name} ${found.model.id}${tiered}`,
  };
}
