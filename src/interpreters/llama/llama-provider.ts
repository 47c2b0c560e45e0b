import { isAbsolute, resolve } from 'node:path';
import type { InterpreterProvider, ResolveInterpreterResult } from '../../contracts/interpreter-provider.js';
import { checkGgufFile } from './gguf/check-gguf-metadata.js';
import { readGgufHeader } from './gguf/read-gguf-header.js';
import { createLlamaInterpreter } from './llama-interpreter.js';
import { parseLlamaSettings } from './llama-settings.js';
import {
  type ImportNodeLlamaCpp,
  importNodeLlamaCpp,
  llamaErrorSince,
  llamaLogMark,
  loadLlama,
} from './load-node-llama-cpp.js';
import type { LlamaContextLike, LlamaModelLike } from './node-llama-cpp-api.js';

/** What went wrong: llama.cpp's own logged error when there is one, else the exception's message. */
const describeFailure = (error: unknown, mark: number) =>
  llamaErrorSince(mark) ?? (error instanceof Error ? error.message : String(error));

/** Tokens of context when the settings name none and the model was trained on more. */
const defaultContextSize = 4096;

/** What a provider can be given in place of the real node-llama-cpp, for tests. */
export interface LlamaProviderOptions {
  readonly importModule?: ImportNodeLlamaCpp;
}

/**
 * `llama:<path to a .gguf file>`: llama.cpp in-process through the optional node-llama-cpp package. `create` checks
 * the settings, the file and its metadata (llama.cpp aborts the whole process on some missing keys), imports the
 * package, loads the model and creates its context, so every problem shows before any sample runs.
 */
export function createLlamaProvider(providerOptions: LlamaProviderOptions = {}): InterpreterProvider {
  return {
    name: 'llama',
    summary: 'GGUF models run in-process by llama.cpp (needs the optional package node-llama-cpp)',
    async create(model, options): Promise<ResolveInterpreterResult> {
      const id = `llama:${model}`;
      if (model === '') {
        return {
          ok: false,
          error: {
            message: '`llama:` needs the path of a GGUF model file',
            hint: 'write it as `llama:./models/model.gguf`',
          },
        };
      }
      const parsed = parseLlamaSettings(options.settings);
      if (!parsed.ok) return parsed;
      const { settings } = parsed;
      const path = resolve(options.cwd, model);
      const problem = checkGgufFile(path, model);
      if (problem) {
        const hint =
          problem.code === 'unreadable' && !isAbsolute(model)
            ? `${problem.hint}; relative paths are read from ${options.cwd}`
            : problem.hint;
        return { ok: false, error: { message: problem.message, hint } };
      }
      const loaded = await loadLlama(settings, providerOptions.importModule ?? importNodeLlamaCpp);
      if (!loaded.ok) return loaded;
      const { llama, module } = loaded;

      let llamaModel: LlamaModelLike;
      const loadMark = llamaLogMark();
      try {
        llamaModel = await llama.loadModel({ modelPath: path, ...(settings.gpu === false ? { gpuLayers: 0 } : {}) });
      } catch (error) {
        return {
          ok: false,
          error: {
            message: `llama.cpp could not load ${model}: ${describeFailure(error, loadMark)}`,
            hint: 'check that the file is a complete GGUF model',
          },
        };
      }
      const contextSize = settings.contextSize ?? Math.min(defaultContextSize, llamaModel.trainContextSize);
      let context: LlamaContextLike;
      const contextMark = llamaLogMark();
      try {
        context = await llamaModel.createContext({
          contextSize,
          sequences: settings.sequences,
          threads: settings.threads,
        });
      } catch (error) {
        await llamaModel.dispose();
        return {
          ok: false,
          error: {
            message: `llama.cpp could not create a ${contextSize}-token context for ${model}: ${describeFailure(error, contextMark)}`,
            hint: 'lower the llama settings `contextSize` or `sequences`',
          },
        };
      }
      const chats = Array.from({ length: settings.sequences }, () => {
        const sequence = context.getSequence();
        return { sequence, chat: new module.LlamaChat({ contextSequence: sequence, autoDisposeSequence: false }) };
      });
      const header = readGgufHeader(path, model);
      const nameValue = header.ok ? header.header.metadata.get('general.name') : undefined;
      const modelName = nameValue?.type === 'string' ? `${nameValue.value} (${model})` : model;
      return {
        ok: true,
        interpreter: createLlamaInterpreter({
          id,
          description: `llama.cpp in-process: ${modelName}, ${settings.threads} thread${settings.threads === 1 ? '' : 's'}, context ${context.contextSize}${settings.gpu === false ? ', CPU' : `, gpu ${settings.gpu}`}`,
          llama,
          model: llamaModel,
          context,
          chats,
        }),
      };
    },
  };
}

/** The `llama` provider, with the real node-llama-cpp. */
export const llamaProvider: InterpreterProvider = createLlamaProvider();
