import type { InterpreterProvider } from '../../contracts/interpreter-provider.js';
import { anthropicProvider } from './anthropic-provider.js';
import { googleProvider } from './google-provider.js';
import { openaiProvider } from './openai-provider.js';

export { type AiSdkInterpreterOptions, createAiSdkInterpreter } from './ai-sdk-interpreter.js';
export { type AiSdkProviderOptions, aiSdkProvider } from './ai-sdk-provider.js';
export { anthropicProvider } from './anthropic-provider.js';
export { googleProvider } from './google-provider.js';
export { openaiProvider } from './openai-provider.js';
export { parseRetryAfter } from './parse-retry-after.js';

/**
 * The providers built on the AI SDK: `openai:`, `anthropic:` and `google:` (`openai-compatible:` has a client of its
 * own, in `../openai-compatible/`). Importing this module does not load the SDK: each provider loads it when it
 * creates an interpreter.
 */
export const aiSdkProviders: readonly InterpreterProvider[] = [openaiProvider, anthropicProvider, googleProvider];
