import type { InterpreterCall, Message, ResponseFormat } from '../../contracts/interpreter-call.js';
import { type Score, scored, scoreError } from '../../contracts/score.js';
import type { TokenUsage } from '../../contracts/step-result.js';
import { renderTemplate } from '../../lang/render-template.js';
import { hashToUint31, mixToUint31 } from '../../util/stable-hash.js';
import { sumTokenUsage } from '../../util/token-usage.js';
import type { Verifier, VerifierContext } from '../verifier.js';
import type { JudgeDefinition } from './judge-definition.js';
import { summarizeVerdicts } from './judge-verdicts.js';
import { parseVerdict } from './parse-verdict.js';

/**
 * One answer of a judge: its text with the tokens and wall time it took (for an answer from the cache, those of the
 * call that made it), or why it could not be asked.
 */
export type JudgeAnswer =
  | { readonly text: string; readonly usage?: TokenUsage; readonly latencyMs?: number }
  | { readonly failure: string };

/**
 * How a judge verifier asks its judge. The engine supplies it (`createJudgeRuntime`: retries, rate limits, and the
 * run's cache, so that a rerun asks nothing it asked before); the verifier itself does no I/O.
 */
export interface JudgeRuntime {
  /** The id of the judge's interpreter, as verdict summaries name it. */
  readonly interpreterId: string;
  /**
   * Asks `call` once at each seed: one answer per seed, in order, each with its usage and latency when known. Never
   * rejects: a failure is an answer.
   */
  readonly ask: (call: InterpreterCall, seeds: readonly number[]) => Promise<readonly JudgeAnswer[]>;
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

/** The usage and latency of a judge's answers summed, each left out when no answer has it. */
function judgeCost(answers: readonly JudgeAnswer[]): { usage?: TokenUsage; latencyMs?: number } {
  const read = answers.flatMap((answer) => ('text' in answer ? [answer] : []));
  const usage = sumTokenUsage(read.map((answer) => answer.usage));
  const latencies = read.flatMap((answer) => (answer.latencyMs === undefined ? [] : [answer.latencyMs]));
  return {
    ...(usage ? { usage } : {}),
    ...(latencies.length > 0 ? { latencyMs: latencies.reduce((sum, latency) => sum + latency, 0) } : {}),
  };
}

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
 * A named judge as a verifier: renders its rubric for the sample, asks its judge `samples` times at seeds derived
 * from the sample's seed, reads each answer as a score, and returns the mean with every sample as a part and the
 * spread and agreement in `judge`, with the usage and latency of its answers summed (counted apart from the
 * program's). An answer without a score counts as missing; when every answer is missing, or
 * one could not be asked, the score is an `error` naming the judge.
 */
export function createJudgeVerifier(declaration: JudgeDefinition, runtime: JudgeRuntime): Verifier {
  return async (context) => {
    const scope = judgeScope(context);
    const messages: Message[] = declaration.messages.map((message) => ({
      role: message.role,
      content: renderTemplate(message.parts, scope),
    }));
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
    const seeds = Array.from({ length: declaration.samples }, (_, index) =>
      judgeSeed(declaration.name, context.trace.seed, index),
    );
    const answers = await runtime.ask(call, seeds);
    const details = { name: declaration.name };
    const failed = answers.find((answer) => 'failure' in answer);
    if (failed && 'failure' in failed)
      return scoreError(`judge ${declaration.name} could not be asked: ${failed.failure}`, details);
    const parts: Score[] = answers.map((answer, index) => {
      const verdict = parseVerdict('text' in answer ? answer.text : '');
      const name = `${declaration.name}#${index + 1}`;
      return verdict.ok
        ? scored(verdict.value, { name, ...(verdict.reason ? { explanation: verdict.reason } : {}) })
        : { value: null, status: 'unscored', name, explanation: verdict.problem };
    });
    const judge = {
      ...summarizeVerdicts(
        declaration.name,
        runtime.interpreterId,
        parts.map((part) => part.value),
      ),
      ...judgeCost(answers),
    };
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
