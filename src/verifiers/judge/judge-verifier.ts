import { cacheKey, cacheKeyPrefix, promptHash } from '../../contracts/cache-key.js';
import type { Interpreter } from '../../contracts/interpreter.js';
import type { InterpreterCall, Message, ResponseFormat } from '../../contracts/interpreter-call.js';
import type { SampleStore } from '../../contracts/sample-store.js';
import { type Score, scored, scoreError } from '../../contracts/score.js';
import type { StepResult } from '../../contracts/step-result.js';
import type { StepTrace } from '../../contracts/trace.js';
import { renderTemplate } from '../../lang/render-template.js';
import type { JudgeDeclaration } from '../../program/program.js';
import { hashToUint31, mixToUint31 } from '../../util/stable-hash.js';
import type { Verifier, VerifierContext } from '../verifier.js';
import { summarizeVerdicts } from './judge-verdicts.js';
import { parseVerdict } from './parse-verdict.js';

/** What a judge needs to run: its interpreter, a way to call it, and the store that caches its answers. */
export interface JudgeRuntime {
  readonly interpreter: Interpreter;
  /** Calls the interpreter once at a seed, with the run's retries, rate limits and signal. */
  readonly call: (call: InterpreterCall, seed: number) => Promise<StepResult>;
  /** Caches each answer like any sample, so a rerun asks the judge nothing it was asked before. */
  readonly store?: SampleStore;
  /** False to ignore cached answers (new ones are still stored). */
  readonly readCache?: boolean;
  /** The clock in milliseconds, for latencies; injected for tests. */
  readonly clock?: () => number;
}

/** The structured output a judge is asked for. Interpreters without structured output still get the rubric. */
export const judgeResponseFormat: ResponseFormat = {
  type: 'json',
  name: 'verdict',
  schema: {
    type: 'object',
    properties: {
      score: { type: 'number', minimum: 0, maximum: 1 },
      reason: { type: 'string' },
    },
    required: ['score', 'reason'],
    additionalProperties: false,
  },
};

/** The values a judge's rubric can name: the inputs by name, `output`, `steps` and `expected`. */
export function judgeScope(context: VerifierContext): Record<string, unknown> {
  return {
    ...context.inputs,
    output: context.output,
    steps: context.steps,
    ...(context.expected !== undefined ? { expected: context.expected } : {}),
  };
}

/** The seed of a judge's `index`-th sample for one program sample: distinct per judge, fixed per sample. */
export function judgeSeed(judge: string, sampleSeed: number, index: number): number {
  return mixToUint31(mixToUint31(hashToUint31('judge', judge), sampleSeed), index);
}

/**
 * A named judge as a verifier: renders its rubric for the sample, asks its interpreter `samples` times at seeds
 * derived from the sample's seed, reads each answer as a score, and returns the mean with every sample as a part
 * and the spread and agreement in `judge`. Answers are cached by interpreter, settings, rubric and seed, as
 * samples are. An answer without a score counts as missing; when every answer is missing, or a call fails, the
 * score is an `error` naming the judge.
 */
export function createJudgeVerifier(declaration: JudgeDeclaration, runtime: JudgeRuntime): Verifier {
  const { interpreter } = runtime;
  const clock = runtime.clock ?? Date.now;
  return async (context) => {
    const scope = judgeScope(context);
    const messages: Message[] = declaration.messages.map((message) => ({
      role: message.role,
      content: renderTemplate(message.parts, scope),
    }));
    const hash = promptHash(messages, judgeResponseFormat);
    const prefix = cacheKeyPrefix(interpreter.id, declaration.settings, hash);
    const cached = runtime.store && runtime.readCache !== false ? runtime.store.lookupSteps(prefix) : undefined;
    const call: InterpreterCall = {
      messages,
      settings: declaration.settings,
      responseFormat: judgeResponseFormat,
      origin: {
        programName: context.trace.programName,
        caseId: context.trace.caseId,
        ...(context.expected !== undefined ? { expected: context.expected } : {}),
        judge: { name: declaration.name, output: context.output },
      },
    };
    const answers = await Promise.all(
      Array.from({ length: declaration.samples }, async (_, index) => {
        const seed = judgeSeed(declaration.name, context.trace.seed, index);
        const key = cacheKey(prefix, seed);
        const hit = cached?.get(key);
        if (hit) return { text: hit.text };
        const started = clock();
        try {
          const result = await runtime.call(call, seed);
          const step: StepTrace = {
            name: `judge ${declaration.name}`,
            messages,
            text: result.text,
            output: result.text,
            finishReason: result.finishReason,
            ...(result.usage ? { usage: result.usage } : {}),
            latencyMs: clock() - started,
            warnings: result.warnings,
          };
          runtime.store?.saveStep({ key, interpreterId: interpreter.id, seed, promptHash: hash, messages, step });
          return { text: result.text };
        } catch (error) {
          return { failure: (error as Error).message ?? String(error) };
        }
      }),
    );
    const details = { name: declaration.name };
    const failure = answers.find((answer) => answer.failure !== undefined)?.failure;
    if (failure !== undefined) return scoreError(`judge ${declaration.name} could not be asked: ${failure}`, details);
    const parts: Score[] = answers.map((answer, index) => {
      const verdict = parseVerdict(answer.text ?? '');
      const name = `${declaration.name}#${index + 1}`;
      return verdict.ok
        ? scored(verdict.value, { name, ...(verdict.reason ? { explanation: verdict.reason } : {}) })
        : { value: null, status: 'unscored', name, explanation: verdict.problem };
    });
    const judge = summarizeVerdicts(
      declaration.name,
      interpreter.id,
      parts.map((part) => part.value),
    );
    if (judge.mean === null) {
      const problem = parts[0]?.explanation ?? 'no answer';
      return scoreError(`judge ${declaration.name} gave no score in ${parts.length} answers: ${problem}`, {
        ...details,
        parts,
        judge,
      });
    }
    const read = parts.filter((part) => part.status === 'scored').length;
    const explanation =
      declaration.samples === 1
        ? (parts[0]?.explanation ?? `judge ${declaration.name} scored ${judge.mean}`)
        : `mean of ${read} of ${parts.length} verdicts, spread ${judge.spread?.toFixed(2)}, agreement ${judge.agreement === null ? 'n/a' : judge.agreement.toFixed(2)}`;
    return scored(judge.mean, { ...details, explanation, parts, judge });
  };
}
