import { existsSync } from 'node:fs';
import { cacheKey, cacheKeyPrefix, promptHash, type ToolsOffered } from '../../contracts/cache-key.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { InterpreterError } from '../../contracts/interpreter-error.js';
import type { InterpreterProvider } from '../../contracts/interpreter-provider.js';
import type { CachedStep } from '../../contracts/sample-store.js';

/**
 * The tools a call offers, as its cache key holds them: the tools, with the tool choice and the parallel setting
 * when the call sets them; undefined for a call without tools (whose key holds none).
 */
function toolsOffered(call: InterpreterCall): ToolsOffered | undefined {
  if (!call.tools || call.tools.length === 0) return undefined;
  return {
    tools: call.tools,
    ...(call.toolChoice === undefined ? {} : { toolChoice: call.toolChoice }),
    ...(call.parallelToolCalls === undefined ? {} : { parallelToolCalls: call.parallelToolCalls }),
  };
}

/**
 * `replay:<run>` (or `replay:latest`): answers each call with what the recorded run's interpreter answered to the same
 * call (messages, response format, settings and seed), from the store: every step of a composed program, and the
 * answers of judges that ran on the run's interpreter, and each turn of an agent, its tool calls with it (the key
 * holds the tools offered). Re-verifies a suite with new verifiers at no cost; a call the
 * run did not record is an error, never a new sample. Each answer carries the recorded usage (every count of it) and
 * time to the first token. Seeds match when the prompts and the base seed are unchanged.
 * A run of several interpreters is replayed one at a time: `replay:<run>@<interpreter id>`.
 */
export const replayProvider: InterpreterProvider = {
  name: 'replay',
  summary:
    'recorded samples of an earlier run in the store (replay:<run id> or replay:latest; replay:<run>@<interpreter> for one of several)',
  async create(modelAndInterpreter, options) {
    const at = modelAndInterpreter.indexOf('@');
    const model = at === -1 ? modelAndInterpreter : modelAndInterpreter.slice(0, at);
    const chosen = at === -1 ? undefined : modelAndInterpreter.slice(at + 1);
    const storePath = options.storePath;
    if (!storePath || !existsSync(storePath)) {
      return {
        ok: false,
        error: {
          message: `no store to replay from${storePath ? ` at ${storePath}` : ''}`,
          hint: 'run `informal test` first, or name the store with --store',
        },
      };
    }
    if (!options.openRecordedRuns) {
      return {
        ok: false,
        error: {
          message: `replay:${modelAndInterpreter} cannot read the store ${storePath}: no reader of recorded runs was given`,
          hint: 'set interpreters up with setUpInterpreter or runSuite, or pass openRecordedRuns in the provider options',
        },
      };
    }
    const opened = options.openRecordedRuns(storePath);
    if (!opened.ok) return { ok: false, error: opened.error };
    const recorded = opened.runs;
    const runs = recorded.listRuns();
    const runId =
      model === '' || model === 'latest'
        ? runs.filter((run) => run.status === 'complete').at(-1)?.id
        : runs.find((run) => run.id === model)?.id;
    if (!runId) {
      const recent = runs.slice(-3).reverse();
      recorded.close();
      return {
        ok: false,
        error: {
          message: model && model !== 'latest' ? `no run ${model} in ${storePath}` : `no finished run in ${storePath}`,
          hint:
            recent.length > 0
              ? `recent runs: ${recent.map((run) => run.id).join(', ')}`
              : 'the store holds no runs yet',
        },
      };
    }
    // The interpreters the run used: a call is answered with what one of them answered to the same call (same
    // messages, response format, settings and seed), found by its cache key. So every step of a composed program,
    // and every answer of a judge that ran on the run's interpreter, replays too.
    const runInterpreters = recorded.runInterpreters(runId);
    // Which interpreter answers is the user's to say when the run had several: a silent pick would mix them up.
    if (chosen !== undefined ? !runInterpreters.includes(chosen) : runInterpreters.length > 1) {
      recorded.close();
      const listed = runInterpreters.join(', ');
      return {
        ok: false,
        error: {
          message:
            chosen === ''
              ? `\`replay:${modelAndInterpreter}\` names no interpreter after \`@\`; run ${runId} ran on ${listed}`
              : chosen !== undefined
                ? `run ${runId} did not run on ${chosen}; it ran on ${listed}`
                : `run ${runId} ran on ${runInterpreters.length} interpreters (${listed}): replay one at a time`,
          hint: runInterpreters.map((id) => `replay:${runId}@${id}`).join(' or '),
        },
      };
    }
    const recordedInterpreters = chosen === undefined ? runInterpreters : [chosen];
    const recordedStep = (call: InterpreterCall, seed: number): CachedStep | undefined => {
      // Program steps are keyed by their messages alone, judge answers by their messages and response format, and an
      // agent's turns by their messages and the tools offered (with the response format of a typed answer).
      const tools = toolsOffered(call);
      const prompts = new Set([
        promptHash(call.messages, undefined, tools),
        promptHash(call.messages, call.responseFormat, tools),
      ]);
      for (const interpreterId of recordedInterpreters) {
        for (const prompt of prompts) {
          const step = recorded.findStep(cacheKey(cacheKeyPrefix(interpreterId, call.settings, prompt), seed));
          if (step) return step;
        }
      }
      return undefined;
    };
    let closed = false;
    return {
      ok: true,
      interpreter: {
        id: `replay:${runId}${chosen === undefined ? '' : `@${chosen}`}`,
        description: `replay of run ${runId}${chosen === undefined ? '' : ` on ${chosen}`}`,
        instant: true,
        async interpret(call, callOptions) {
          callOptions.signal?.throwIfAborted();
          const step = recordedStep(call, callOptions.seed);
          if (!step) {
            throw new InterpreterError(
              `run ${runId} recorded no sample of ${call.origin.programName}, case "${call.origin.caseId}", seed ${callOptions.seed}`,
              {
                kind: 'config',
                isRetryable: false,
                hint: 'replay with the same prompts, cases, sample count and --seed as the recorded run',
              },
            );
          }
          if (step.text !== '') callOptions.onToken?.(step.text);
          return {
            text: step.text,
            ...(step.toolCalls && step.toolCalls.length > 0 ? { toolCalls: step.toolCalls } : {}),
            finishReason: step.finishReason,
            ...(step.usage ? { usage: step.usage } : {}),
            ...(step.firstTokenMs === undefined ? {} : { firstTokenMs: step.firstTokenMs }),
            warnings: step.warnings,
          };
        },
        async close() {
          if (!closed) recorded.close();
          closed = true;
        },
      },
    };
  },
};
