import type { Interpreter } from '../../contracts/interpreter.js';
import type { ResponseFormat } from '../../contracts/interpreter-call.js';
import { InterpreterError } from '../../contracts/interpreter-error.js';
import type { FinishReason, InterpreterWarning } from '../../contracts/step-result.js';
import { ChatPool, type PooledChat } from './chat-pool.js';
import type {
  LlamaContextLike,
  LlamaGrammarLike,
  LlamaLike,
  LlamaModelLike,
  LlamaStopReason,
  LlamaToken,
} from './node-llama-cpp-api.js';
import { toChatHistory } from './to-chat-history.js';
import { toGrammarSchema } from './to-grammar-schema.js';
import { readToolAnswer, toolAnswerFormat } from './tool-answer.js';

/** A loaded model and what samples share on it. */
export interface LlamaInterpreterParts {
  /** The id users typed, such as `llama:./models/yes.gguf`. */
  readonly id: string;
  readonly description: string;
  readonly llama: LlamaLike;
  readonly model: LlamaModelLike;
  readonly context: LlamaContextLike;
  /** One chat per sequence of `context`. */
  readonly chats: readonly PooledChat[];
  /** The clock in milliseconds, for the time to the first token; `performance.now` by default. */
  readonly clock?: () => number;
}

/** The default temperature: 1 samples the model's own distribution (node-llama-cpp's own default, 0, is greedy). */
export const llamaDefaultTemperature = 1;

const finishReasons: Readonly<Record<LlamaStopReason, FinishReason>> = {
  eogToken: 'stop',
  stopGenerationTrigger: 'stop',
  customStopTrigger: 'stop',
  maxTokens: 'length',
  functionCalls: 'other',
  abort: 'other',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * An interpreter on one loaded GGUF model. Calls share the model and take turns on the context's sequences; each
 * call starts from an empty sequence and samples with its own seed, so the same call and seed give the same text
 * whatever ran before. Sampling is the model's plain distribution: temperature (default 1) and top-p (default 1)
 * as the call asks, no top-k, no min-p, no repeat penalty. A JSON response format becomes a grammar, so the text
 * follows the schema. A turn with tools answers in JSON under a grammar too (see `toolAnswerFormat`): tool calls,
 * or an answer, read back into the step's tool calls or text. Every result says how long the first generated token
 * took from the call (`firstTokenMs`), waiting for a free sequence included.
 */
export function createLlamaInterpreter(parts: LlamaInterpreterParts): Interpreter {
  const pool = new ChatPool(parts.chats);
  const clock = parts.clock ?? (() => performance.now());
  const grammars = new Map<string, Promise<LlamaGrammarLike>>();
  let closing: Promise<void> | undefined;

  const grammarFor = async (
    format: Pick<ResponseFormat, 'schema'>,
    what: 'responseFormat' | 'tools' = 'responseFormat',
  ): Promise<{ grammar?: LlamaGrammarLike; warning?: InterpreterWarning }> => {
    const { schema, unenforced } =
      what === 'tools' ? { schema: format.schema, unenforced: [] } : toGrammarSchema(format.schema);
    const key = JSON.stringify(schema);
    let grammar = grammars.get(key);
    if (!grammar) {
      grammar = parts.llama.createGrammarForJsonSchema(schema);
      grammars.set(key, grammar);
    }
    try {
      const compiled = await grammar;
      if (unenforced.length === 0) return { grammar: compiled };
      return {
        grammar: compiled,
        warning: {
          type: 'unsupported-setting',
          setting: what,
          message: `llama.cpp's JSON grammar does not enforce ${unenforced.map((keyword) => `\`${keyword}\``).join(', ')}; the output is validated afterwards`,
        },
      };
    } catch (error) {
      return {
        warning: {
          type: 'unsupported-setting',
          setting: what,
          message: `llama.cpp cannot constrain output to this JSON schema (${messageOf(error)}); the output is not constrained`,
        },
      };
    }
  };

  return {
    id: parts.id,
    description: parts.description,
    maxConcurrentCalls: parts.chats.length,
    async interpret(call, options) {
      const { signal, onToken } = options;
      const started = clock();
      let firstTokenAt: number | undefined;
      // The engine's time limit aborts the signal with a TimeoutError: that one is worth retrying, a cancel is not.
      const aborted = (cause: unknown) =>
        (signal?.reason as Error | undefined)?.name === 'TimeoutError'
          ? new InterpreterError(`${parts.id}: no answer in the time allowed`, { kind: 'timeout', cause })
          : new InterpreterError(`${parts.id}: the call was aborted`, { kind: 'aborted', isRetryable: false, cause });
      if (closing) throw new InterpreterError(`${parts.id} is closed`, { kind: 'config', isRetryable: false });
      if (signal?.aborted) throw aborted(signal.reason);
      const warnings: InterpreterWarning[] = [];
      const tools = toolAnswerFormat(call);
      const constraint = tools
        ? await grammarFor(tools, 'tools')
        : call.responseFormat
          ? await grammarFor(call.responseFormat)
          : {};
      if (constraint.warning) warnings.push(constraint.warning);
      if (tools && tools.unenforced.length > 0) {
        warnings.push({
          type: 'unsupported-setting',
          setting: 'tools',
          message: `llama.cpp's JSON grammar does not enforce ${tools.unenforced.map((keyword) => `\`${keyword}\``).join(', ')} in the tools' schemas; the engine checks the arguments`,
        });
      }
      const history = toChatHistory(call.messages, tools);
      const { temperature = llamaDefaultTemperature, topP = 1, maxTokens } = call.settings;
      try {
        return await pool.use(async ({ sequence, chat }) => {
          // A fresh sequence each time: the prompt is evaluated the same way whatever the previous call was.
          await sequence.clearHistory();
          const inputBefore = sequence.tokenMeter.usedInputTokens;
          const outputBefore = sequence.tokenMeter.usedOutputTokens;
          const result = await chat.generateResponse(history, {
            temperature,
            topP,
            topK: 0,
            minP: 0,
            repeatPenalty: false,
            seed: options.seed >>> 0,
            ...(maxTokens === undefined ? {} : { maxTokens }),
            ...(constraint.grammar ? { grammar: constraint.grammar } : {}),
            ...(signal ? { signal } : {}),
            // In a turn with tools the text is JSON: the answer inside it is passed on once it is read.
            ...(onToken && !tools ? { onTextChunk: (text: string) => text !== '' && onToken(text) } : {}),
            // The first generated token, text or JSON of a tool call alike, whoever listens.
            onToken: (tokens: readonly LlamaToken[]) => {
              if (firstTokenAt === undefined && tokens.length > 0) firstTokenAt = clock();
            },
          });
          const finishReason = finishReasons[result.metadata.stopReason];
          // In a turn with tools the model answered in JSON: its calls, or its answer (kept as written if cut short).
          const answer = tools ? readToolAnswer(result.response, call.responseFormat !== undefined) : undefined;
          if (tools && onToken && answer?.type !== 'calls') {
            const text = answer?.type === 'answer' ? answer.text : result.response;
            if (text !== '') onToken(text);
          }
          return {
            ...(answer?.type === 'calls'
              ? { text: '', toolCalls: answer.toolCalls, finishReason: 'tool-calls' as const }
              : { text: answer?.type === 'answer' ? answer.text : result.response, finishReason }),
            usage: {
              inputTokens: sequence.tokenMeter.usedInputTokens - inputBefore,
              outputTokens: sequence.tokenMeter.usedOutputTokens - outputBefore,
            },
            ...(firstTokenAt === undefined ? {} : { firstTokenMs: Math.max(0, firstTokenAt - started) }),
            warnings,
          };
        }, signal);
      } catch (error) {
        if (signal?.aborted) throw aborted(error);
        if (error instanceof InterpreterError) throw error;
        throw new InterpreterError(`${parts.id}: llama.cpp failed: ${messageOf(error)}`, {
          kind: 'server',
          isRetryable: false,
          cause: error,
        });
      }
    },
    close() {
      closing ??= (async () => {
        await pool.close(new InterpreterError(`${parts.id} was closed`, { kind: 'config', isRetryable: false }));
        for (const { chat } of parts.chats) chat.dispose({ disposeSequence: true });
        await parts.context.dispose();
        await parts.model.dispose();
      })();
      return closing;
    },
  };
}
