export { checkGgufFile, checkGgufMetadata } from './gguf/check-gguf-metadata.js';
export { exampleModels, writeExampleModels } from './gguf/example-models.js';
export type { GgufProblem, GgufProblemCode } from './gguf/gguf-problem.js';
export type { GgufScalar, GgufValue, GgufValueTypeName } from './gguf/gguf-value.js';
export {
  type GgufHeader,
  type GgufTensorInfo,
  readGgufHeader,
  readGgufHeaderFromBytes,
} from './gguf/read-gguf-header.js';
export { buildTinyModel, pleaseModel, type TinyModelDesign, writeTinyModel, yesModel } from './gguf/tiny-models.js';
export { type GgufFileSpec, type GgufTensorSpec, writeGguf } from './gguf/write-gguf.js';
export { createLlamaProvider, type LlamaProviderOptions, llamaProvider } from './llama-provider.js';
export type { LlamaSettings } from './llama-settings.js';
export { nodeLlamaCppInstallCommand, nodeLlamaCppVersion } from './load-node-llama-cpp.js';
