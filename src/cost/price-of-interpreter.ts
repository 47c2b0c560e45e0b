import { providerOfId } from '../config/interpreter-entry.js';
import type { InterpreterPriceSetting } from '../config/interpreter-price-setting.js';
import type { InterpreterPrice } from './interpreter-price.js';
import { catalogueEntry } from './price-catalogue.js';

/**
 * The simulator's prices by profile, in dollars per million tokens: made up, in the ratio of a real small model
 * to a real large one (about 1 to 17), so that comparing simulated models shows the trade of cost for success.
 */
const simulatedPrices: Readonly<Record<string, Omit<InterpreterPrice, 'source' | 'label'>>> = {
  small: { inputPerMillion: 0.15, outputPerMillion: 0.6, cachedInputPerMillion: 0.075 },
  medium: { inputPerMillion: 1, outputPerMillion: 4, cachedInputPerMillion: 0.5 },
  'medium-rl': { inputPerMillion: 1, outputPerMillion: 4, cachedInputPerMillion: 0.5 },
  large: { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 },
  perfect: { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 },
};

/** Providers of local servers and in-process models: free unless the config sets a price. */
const localProviders: readonly string[] = ['llama', 'openai-compatible'];

/** A price of the config as the cost functions read it. */
function configuredPrice(setting: InterpreterPriceSetting): InterpreterPrice {
  if (setting === 0 || setting === 'free') {
    return { inputPerMillion: 0, outputPerMillion: 0, source: 'config', label: 'free (set in the config)' };
  }
  const { input, output, cachedInput, cacheWrite, perHour } = setting;
  const parts = [
    `$${input} input`,
    ...(cachedInput === undefined ? [] : [`$${cachedInput} cached input`]),
    ...(cacheWrite === undefined ? [] : [`$${cacheWrite} cache write`]),
    `$${output} output per million tokens`,
  ];
  return {
    inputPerMillion: input,
    outputPerMillion: output,
    ...(cachedInput === undefined ? {} : { cachedInputPerMillion: cachedInput }),
    ...(cacheWrite === undefined ? {} : { cacheWritePerMillion: cacheWrite }),
    ...(perHour === undefined ? {} : { perHour }),
    source: 'config',
    label: `set in the config: ${parts.join(', ')}${perHour === undefined ? '' : `, $${perHour} per hour`}`,
  };
}

/**
 * What the calls of the interpreter `id` cost. A price set in the config wins; otherwise `sim:` has made-up prices
 * by profile, `llama:` and `openai-compatible:` (local servers) are free, and `openai:`, `anthropic:` and `google:`
 * take the catalogue's price (`@pydantic/genai-prices`, bundled) at the time `at`. Undefined when none is known
 * (`replay:`, the config's own providers, a model the catalogue lacks): its cost is then unknown, never zero.
 */
export function priceOfInterpreter(
  id: string,
  configured?: InterpreterPriceSetting,
  at: Date = new Date(),
): InterpreterPrice | undefined {
  if (configured !== undefined) return configuredPrice(configured);
  const provider = providerOfId(id);
  const model = id.slice(provider.length + 1);
  if (provider === 'sim') {
    const profile = model.split(',')[0] || 'medium';
    const prices = Object.hasOwn(simulatedPrices, profile) ? simulatedPrices[profile] : undefined;
    return prices && { ...prices, source: 'simulated', label: `made up: the simulator's prices for sim:${profile}` };
  }
  if (localProviders.includes(provider)) {
    return {
      inputPerMillion: 0,
      outputPerMillion: 0,
      source: 'free',
      label: `free: a local model (${provider}:); set \`price\` in the config for paid hardware or a paid server`,
    };
  }
  const entry = catalogueEntry(provider, model, at);
  if (entry === undefined) return undefined;
  return {
    inputPerMillion: entry.input_mtok,
    outputPerMillion: entry.output_mtok,
    ...(entry.cache_read_mtok === undefined ? {} : { cachedInputPerMillion: entry.cache_read_mtok }),
    ...(entry.cache_write_mtok === undefined ? {} : { cacheWritePerMillion: entry.cache_write_mtok }),
    source: 'catalogue',
    label: entry.label,
  };
}
