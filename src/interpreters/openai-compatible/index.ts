export { checkReachable, type ReachabilityOptions } from './check-reachable.js';
export {
  createOpenAICompatibleInterpreter,
  type OpenAICompatibleInterpreterOptions,
} from './openai-compatible-interpreter.js';
export { openaiCompatibleProvider } from './openai-compatible-provider.js';
