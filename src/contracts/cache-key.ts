import { createHash } from 'node:crypto';
import type { Message, ResponseFormat, SamplingSettings } from './interpreter-call.js';
import type { ToolChoice, ToolDefinition } from './tool.js';

// The keys of the sample cache are a protocol, not an engine detail: the engine computes them to look up and save
// samples, the store relies on their form (`<prefix>.<seed>`) to read one prompt's samples as a range, and `replay:`
// computes them to find what a recorded run's interpreter answered.

/**
 * SHA-256 of a step's rendered messages, response format and tools: what the prompt is, apart from settings. Tools
 * enter only when there are some, so the keys of calls without tools are those they always were.
 */
export function promptHash(
  messages: readonly Message[],
  responseFormat?: ResponseFormat,
  tools?: ToolsOffered,
): string {
  const offered = tools && tools.tools.length > 0 ? { tools } : {};
  return createHash('sha256')
    .update(JSON.stringify({ messages, responseFormat: responseFormat ?? null, ...offered }))
    .digest('hex');
}

/** The tools a call offers, and how it lets them be called: part of what the prompt is. */
export interface ToolsOffered {
  readonly tools: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  readonly parallelToolCalls?: boolean;
}

/**
 * The part of a cache key shared by every sample of one prompt: the interpreter, its settings and the prompt.
 * Computed once per case.
 */
export function cacheKeyPrefix(interpreterId: string, settings: SamplingSettings, prompt: string): string {
  const canonicalSettings = JSON.stringify([
    settings.temperature ?? null,
    settings.topP ?? null,
    settings.maxTokens ?? null,
  ]);
  return createHash('sha256')
    .update(`${interpreterId}\n${canonicalSettings}\n${prompt}`)
    .digest('base64url')
    .slice(0, 32);
}

/**
 * The cache key of one interpreter call: the prefix of its prompt and its seed. A call with the same key is never
 * made twice; keys of one prompt sort together, which keeps the store's writes local.
 */
export function cacheKey(prefix: string, seed: number): string {
  return `${prefix}.${seed.toString(36)}`;
}
