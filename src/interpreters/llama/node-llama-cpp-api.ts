/**
 * The part of node-llama-cpp 3.21 this project uses, described structurally, so that the project type-checks,
 * builds and publishes declarations without the optional package installed. `node-llama-cpp-api.test.ts` checks
 * that the real module fits these types.
 */

/** One item of a chat, as node-llama-cpp's chat wrappers take it. */
export type LlamaChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: string[] };

/** Why node-llama-cpp stopped generating. */
export type LlamaStopReason =
  | 'eogToken'
  | 'stopGenerationTrigger'
  | 'functionCalls'
  | 'maxTokens'
  | 'abort'
  | 'customStopTrigger';

/** A token id, branded as node-llama-cpp brands it. */
export type LlamaToken = number & { __token: never };

export interface LlamaGenerateOptions {
  onTextChunk?: (text: string) => void;
  /** Called with the tokens of the main response as they are generated (also under a grammar). */
  onToken?: (tokens: LlamaToken[]) => void;
  signal?: AbortSignal;
  stopOnAbortSignal?: boolean;
  maxTokens?: number;
  temperature?: number;
  minP?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  // Wider than what this project passes (`false`), so that node-llama-cpp's options type fits.
  repeatPenalty?: false | object;
  grammar?: LlamaGrammarLike;
}

/** A compiled grammar (`LlamaJsonSchemaGrammar`). */
export interface LlamaGrammarLike {
  readonly grammar: string;
}

export interface LlamaChatLike {
  generateResponse(
    history: LlamaChatHistoryItem[],
    options?: LlamaGenerateOptions,
  ): Promise<{ response: string; metadata: { stopReason: LlamaStopReason } }>;
  dispose(options?: { disposeSequence?: boolean }): void;
}

export interface LlamaSequenceLike {
  clearHistory(): Promise<void>;
  readonly tokenMeter: { readonly usedInputTokens: number; readonly usedOutputTokens: number };
  dispose(): void;
}

export interface LlamaContextLike {
  getSequence(): LlamaSequenceLike;
  readonly contextSize: number;
  dispose(): Promise<void>;
}

export interface LlamaModelLike {
  readonly trainContextSize: number;
  createContext(options?: {
    contextSize?: number;
    sequences?: number;
    threads?: number;
    ignoreMemorySafetyChecks?: boolean;
  }): Promise<LlamaContextLike>;
  dispose(): Promise<void>;
}

export interface LlamaLike {
  loadModel(options: { modelPath: string; gpuLayers?: number | 'auto' }): Promise<LlamaModelLike>;
  // biome-ignore lint/suspicious/noExplicitAny: node-llama-cpp types the schema as its own GbnfJsonSchema.
  createGrammarForJsonSchema(schema: any): Promise<LlamaGrammarLike>;
}

/** The module's entry points. */
export interface NodeLlamaCppModule {
  getLlama(options?: {
    gpu?: false | 'auto' | 'cuda' | 'vulkan' | 'metal';
    build?: 'never';
    /** Receives llama.cpp's log at the default level (`warn` and above) instead of the console. */
    logger?: (level: string, message: string) => void;
  }): Promise<LlamaLike>;
  LlamaChat: new (options: {
    // biome-ignore lint/suspicious/noExplicitAny: a constructor's parameter is contravariant; pass a `getSequence()` result.
    contextSequence: any;
    autoDisposeSequence?: boolean;
  }) => LlamaChatLike;
}
