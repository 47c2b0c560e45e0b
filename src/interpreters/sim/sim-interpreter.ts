import type { Interpreter } from '../../contracts/interpreter.js';
import { valueToText } from '../../lang/render-template.js';
import { getOrCreate } from '../../util/get-or-create.js';
import { hashToUint31, mixToUnit } from '../../util/stable-hash.js';
import { answerWithoutReference } from './answer-without-reference.js';
import { caseProbability } from './case-probability.js';
import { simJudgeAnswer } from './sim-judge.js';
import type { SimProfile } from './sim-profile.js';
import { wrongAnswer } from './wrong-answer.js';

const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

/**
 * The simulator: an offline, seeded stand-in for a model. It answers a case right with that case's probability
 * (see `caseProbability`) and otherwise gives a plausibly wrong answer (see `wrongAnswer`); a case without a
 * reference value gets an on-topic reply or a failing one, with the same probability (`answerWithoutReference`). The same call and seed always give the
 * same text. At temperature 0 it is greedy: every seed gives the answer it gives most often.
 *
 * `worse` (0 by default, at most 1) lowers every case's success probability by that much (not below 0), for
 * testing regressions: such a simulator draws its own samples, as another model would, rather than the same
 * draws less often.
 */
export function createSimInterpreter(profile: SimProfile, id = `sim:${profile.name}`, worse = 0): Interpreter {
  // A case's probability is a pure function of its names; computing it (a Beta quantile) once per case is enough.
  const cases = new Map<string, { p: number; drawBase: number }>();
  const caseOf = (programName: string, caseId: string) =>
    getOrCreate(cases, `${programName}\u0000${caseId}`, () => ({
      p: Math.max(0, caseProbability(profile, programName, caseId) - worse),
      drawBase:
        worse > 0
          ? hashToUint31('sim-sample', programName, caseId, `worse=${worse}`)
          : hashToUint31('sim-sample', programName, caseId),
    }));
  return {
    id,
    instant: true,
    description: `simulator, profile ${profile.name}: p ~ Beta(${profile.alpha}, ${profile.beta}), ${profile.zeroMass * 100}% of cases unsolvable${worse > 0 ? `, every p lowered by ${worse}` : ''}`,
    async interpret(call, options) {
      options.signal?.throwIfAborted();
      if (call.origin.judge) {
        const verdict = simJudgeAnswer(profile, call, options.seed);
        options.onToken?.(verdict);
        return { text: verdict, finishReason: 'stop', warnings: [] };
      }
      const { programName, caseId, expected } = call.origin;
      const { p, drawBase } = caseOf(programName, caseId);
      const draw = call.settings.temperature === 0 ? 0.5 : mixToUnit(drawBase, options.seed);
      const prompt = call.messages.map((message) => message.content).join('\n');
      const succeeds = draw < p;
      const schema = call.responseFormat?.schema;
      const text =
        expected === undefined
          ? answerWithoutReference(succeeds, prompt, options.seed, schema)
          : succeeds
            ? valueToText(expected)
            : wrongAnswer(
                expected,
                { prompt, others: call.origin.otherAnswers ?? [], ...(schema ? { schema } : {}) },
                options.seed,
              );
      options.onToken?.(text);
      return {
        text,
        finishReason: 'stop',
        usage: { inputTokens: countWords(prompt), outputTokens: countWords(text) },
        warnings: [],
      };
    },
  };
}
