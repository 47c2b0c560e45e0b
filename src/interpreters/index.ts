// The public names of src/interpreters: the backends, and resolving `provider:model` ids.
export { aiSdkProvider, createAiSdkInterpreter } from './ai-sdk/index.js';
export { createOpenAICompatibleInterpreter, openaiCompatibleProvider } from './openai-compatible/index.js';
export { builtinProviders, resolveInterpreter } from './resolve-interpreter.js';
export { createSimInterpreter } from './sim/sim-interpreter.js';
export { type SimProfile, simProfiles } from './sim/sim-profile.js';
