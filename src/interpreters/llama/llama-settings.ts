import type { InterpreterSetupError } from '../../contracts/interpreter-provider.js';
import { suggest } from '../../lang/suggest.js';

/** How a `llama:` interpreter runs, from `ProviderOptions.settings`. */
export interface LlamaSettings {
  /**
   * CPU threads per evaluation. Defaults to 1: on small, busy machines (2 cores) one thread took about 3 ms a
   * token where two took 1–2 s.
   */
  readonly threads: number;
  /** Tokens of context per sequence; defaults to the model's training context, at most 4096. */
  readonly contextSize?: number;
  /**
   * Samples evaluated at once, each on its own sequence of one shared context. Defaults to 1: calls queue, and each
   * runs alone, so a seed gives the same tokens whatever the concurrency. More than 1 batches samples together,
   * which is faster but may change the last bits of a large model's logits.
   */
  readonly sequences: number;
  /** `false` (the default) runs on the CPU; `'auto'` or a backend name lets node-llama-cpp use a GPU. */
  readonly gpu: false | 'auto' | 'cuda' | 'vulkan' | 'metal';
}

/** The largest `contextSize` accepted: 2^24 tokens, more than any model is trained on. */
export const maxContextSize = 2 ** 24;

/** The settings keys, for messages. */
const settingNames = ['threads', 'contextSize', 'sequences', 'gpu'] as const;

export type ParseLlamaSettingsResult =
  | { readonly ok: true; readonly settings: LlamaSettings }
  | { readonly ok: false; readonly error: InterpreterSetupError };

const positiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/** Checks the provider settings of `llama`; an unknown key or a bad value is an error with a hint. */
export function parseLlamaSettings(settings: Readonly<Record<string, unknown>> = {}): ParseLlamaSettingsResult {
  const fail = (message: string, hint: string): ParseLlamaSettingsResult => ({ ok: false, error: { message, hint } });
  for (const key of Object.keys(settings)) {
    if ((settingNames as readonly string[]).includes(key)) continue;
    const guess = suggest(key, settingNames);
    return fail(
      `unknown setting \`${key}\` for llama: interpreters`,
      guess ? `did you mean \`${guess}\`?` : `the settings are ${settingNames.map((name) => `\`${name}\``).join(', ')}`,
    );
  }
  const { threads = 1, contextSize, sequences = 1, gpu = false } = settings;
  if (!positiveInteger(threads))
    return fail(`llama setting \`threads\` is ${String(threads)}`, 'use a positive integer, such as 1');
  // llama.cpp keeps sizes in 32-bit integers: a huge value overflows or spends a minute failing to allocate.
  if (contextSize !== undefined && (!positiveInteger(contextSize) || contextSize > maxContextSize)) {
    return fail(
      `llama setting \`contextSize\` is ${String(contextSize)}`,
      `use a positive integer up to ${maxContextSize}, such as 2048`,
    );
  }
  if (!positiveInteger(sequences)) {
    return fail(`llama setting \`sequences\` is ${String(sequences)}`, 'use a positive integer, such as 1');
  }
  const backends = [false, 'auto', 'cuda', 'vulkan', 'metal'] as const;
  if (!backends.includes(gpu as (typeof backends)[number])) {
    return fail(`llama setting \`gpu\` is ${JSON.stringify(gpu)}`, 'use false, "auto", "cuda", "vulkan" or "metal"');
  }
  return {
    ok: true,
    settings: {
      threads,
      sequences,
      gpu: gpu as LlamaSettings['gpu'],
      ...(contextSize === undefined ? {} : { contextSize: contextSize as number }),
    },
  };
}
