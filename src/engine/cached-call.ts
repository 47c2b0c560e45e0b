import { cacheKey, cacheKeyPrefix, promptHash, type ToolsOffered } from '../contracts/cache-key.js';
import type { Message, ResponseFormat, SamplingSettings } from '../contracts/interpreter-call.js';
import type { CachedStep, SampleStore } from '../contracts/sample-store.js';
import type { StepTrace } from '../contracts/trace.js';

/**
 * Where one interpreter's results are cached in a run. The engine's one cache protocol runs on it: a call whose key
 * is stored is answered from the store; any other is made and, when it did not fail, stored. Samples, steps of
 * composed programs and judge verdicts all go through it, under the same keys.
 */
export interface CallCache {
  readonly interpreterId: string;
  /** Without one, nothing is looked up or kept. */
  readonly store?: SampleStore;
  /** False to ignore stored results (new ones are still stored). */
  readonly readCache: boolean;
  /**
   * Stored results by key prefix, looked up once per prefix and kept for the run; without it, every lookup asks
   * the store (for prompts seen once, such as a judge's rubric rendered for one sample).
   */
  readonly byPrefix?: Map<string, ReadonlyMap<string, CachedStep>>;
}

/** A rendered prompt's place in the cache: every seed of it has a key starting with `keyPrefix`. */
export interface CachedPrompt {
  readonly messages: readonly Message[];
  /** The messages' hash (with the response format, for judges), as the store files the prompt. */
  readonly promptHash: string;
  readonly keyPrefix: string;
}

/** The result of one call through the cache. */
export interface CachedCallResult {
  /** The call's cache key: its prompt's prefix and its seed. */
  readonly key: string;
  /** The step: read from the store (marked `cached`) or just made. */
  readonly step: StepTrace;
  readonly cached: boolean;
}

const nothingStored: ReadonlyMap<string, CachedStep> = new Map();

/**
 * Where `messages` sit in the cache on an interpreter with `settings`. `responseFormat` is part of the prompt's hash
 * only when given: program steps leave it out (their keys predate it), judges pass theirs. `tools`, the tools an
 * agent's turn offers, enter the hash only when there are some.
 */
export function cachedPrompt(
  interpreterId: string,
  settings: SamplingSettings,
  messages: readonly Message[],
  responseFormat?: ResponseFormat,
  tools?: ToolsOffered,
): CachedPrompt {
  const hash = promptHash(messages, responseFormat, tools);
  return { messages, promptHash: hash, keyPrefix: cacheKeyPrefix(interpreterId, settings, hash) };
}

/** Every stored result of a prompt, by key: none without a store or when the cache is not read. */
export function lookupCached(cache: CallCache, prompt: CachedPrompt): ReadonlyMap<string, CachedStep> {
  const { store, byPrefix } = cache;
  if (!store || !cache.readCache) return nothingStored;
  if (!byPrefix) return store.lookupSteps(prompt.keyPrefix);
  let found = byPrefix.get(prompt.keyPrefix);
  if (!found) {
    found = store.lookupSteps(prompt.keyPrefix);
    byPrefix.set(prompt.keyPrefix, found);
  }
  return found;
}

/** A stored result as the trace of the step named `name` that sent `messages`. */
export function cachedTrace(hit: CachedStep, name: string, messages: readonly Message[]): StepTrace {
  return { ...hit, name, messages, cached: true };
}

/**
 * Stores the step of `prompt` at `seed`, whose key is `key`, unless it failed: failed calls are never stored, so they
 * are tried again.
 */
export function storeStep(cache: CallCache, prompt: CachedPrompt, key: string, seed: number, step: StepTrace): void {
  if (!step.error) {
    cache.store?.saveStep({
      key,
      interpreterId: cache.interpreterId,
      seed,
      promptHash: prompt.promptHash,
      messages: prompt.messages,
      step,
    });
  }
}

/**
 * The one cache protocol: the stored result of `prompt` at `seed` (among `found`, which defaults to a lookup), as
 * the step `name`; else `interpret`'s, stored when it did not fail. A throw of `interpret` passes through and stores
 * nothing.
 */
export async function cachedCall(
  cache: CallCache,
  prompt: CachedPrompt,
  seed: number,
  name: string,
  interpret: () => Promise<StepTrace>,
  found: ReadonlyMap<string, CachedStep> = lookupCached(cache, prompt),
): Promise<CachedCallResult> {
  const key = cacheKey(prompt.keyPrefix, seed);
  const hit = found.get(key);
  if (hit) return { key, step: cachedTrace(hit, name, prompt.messages), cached: true };
  const step = await interpret();
  storeStep(cache, prompt, key, seed, step);
  return { key, step, cached: false };
}
