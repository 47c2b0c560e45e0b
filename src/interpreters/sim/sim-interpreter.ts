import type { Interpreter } from '../../contracts/interpreter.js';
import type { Message } from '../../contracts/interpreter-call.js';
import { valueToText } from '../../lang/render-template.js';
import { getOrCreate } from '../../util/get-or-create.js';
import { hashToUint31, mixToUnit } from '../../util/stable-hash.js';
import { answerWithoutReference } from './answer-without-reference.js';
import { caseProbability } from './case-probability.js';
import { simAgentTurn } from './sim-agent-turn.js';
import { simJudgeAnswer } from './sim-judge.js';
import type { SimProfile } from './sim-profile.js';
import { toolSkillOf } from './sim-tool-skill.js';
import { simUserTurn } from './sim-user-turn.js';
import { wrongAnswer } from './wrong-answer.js';

const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

// An agent's conversation grows by a few messages a turn: each message's count is kept, not recounted every turn.
const messageWords = new WeakMap<Message, number>();
function wordsOf(message: Message): number {
  let words = messageWords.get(message);
  if (words === undefined) {
    words = countWords(message.content);
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) words += 1 + Math.ceil(call.arguments.length / 4);
    }
    messageWords.set(message, words);
  }
  return words;
}

/**
 * The simulator: an offline, seeded stand-in for a model. It answers a case right with that case's probability
 * (see `caseProbability`) and otherwise gives a plausibly wrong answer (see `wrongAnswer`); a case without a
 * reference value gets an on-topic reply or a failing one, with the same probability (`answerWithoutReference`). The same call and seed always give the
 * same text. At temperature 0 it is greedy: every seed gives the answer it gives most often.
 *
 * Given tools and `origin.agent`, it acts as an agent (`simAgentTurn`): it follows the case's reference actions and
 * errs from them as agents do. Given `origin.simulatedUser`, it plays the user of a conversation (`simUserTurn`).
 * Given `origin.judge`, it judges (`simJudgeAnswer`). Every answer reports usage: a token is a word (a tool call,
 * one plus a quarter of its arguments' characters), so that offline runs have tokens everywhere.
 *
 * `worse` (0 by default, at most 1) lowers every case's success probability by that much (not below 0), for
 * testing regressions: such a simulator draws its own samples, as another model would, rather than the same
 * draws less often.
 */
export function createSimInterpreter(profile: SimProfile, id = `sim:${profile.name}`, worse = 0): Interpreter {
  // A case's probability is a pure function of its names; computing it (a Beta quantile) once per case is enough.
  const cases = new Map<string, { p: number; drawBase: number; agentBase: number; userBase: number }>();
  const caseOf = (programName: string, caseId: string) =>
    getOrCreate(cases, `${programName}\u0000${caseId}`, () => {
      const salt = worse > 0 ? [`worse=${worse}`] : [];
      return {
        p: Math.max(0, caseProbability(profile, programName, caseId) - worse),
        drawBase: hashToUint31('sim-sample', programName, caseId, ...salt),
        agentBase: hashToUint31('sim-agent', programName, caseId, ...salt),
        userBase: hashToUint31('sim-user', programName, caseId),
      };
    });
  const skill = toolSkillOf(profile);
  return {
    id,
    instant: true,
    description: `simulator, profile ${profile.name}: p ~ Beta(${profile.alpha}, ${profile.beta}), ${profile.zeroMass * 100}% of cases unsolvable${worse > 0 ? `, every p lowered by ${worse}` : ''}`,
    async interpret(call, options) {
      options.signal?.throwIfAborted();
      if (call.origin.judge) {
        const verdict = simJudgeAnswer(profile, call, options.seed);
        options.onToken?.(verdict);
        const usage = {
          inputTokens: countWords(call.messages.map((message) => message.content).join('\n')),
          outputTokens: countWords(verdict),
        };
        return { text: verdict, finishReason: 'stop', usage, warnings: [] };
      }
      const { programName, caseId } = call.origin;
      const { p, drawBase, agentBase, userBase } = caseOf(programName, caseId);
      const greedy = call.settings.temperature === 0;
      const conversationTokens = () => call.messages.reduce((sum, message) => sum + wordsOf(message), 0);
      // The answer of a call without tools, for a reference value (the case's own, or an agent case's `answer`).
      let joined: string | undefined;
      const promptText = () => {
        joined ??= call.messages.map((message) => message.content).join('\n');
        return joined;
      };
      const answer = (expected: unknown) => {
        const draw = greedy ? 0.5 : mixToUnit(drawBase, options.seed);
        const prompt = promptText();
        const succeeds = draw < p;
        const schema = call.responseFormat?.schema;
        return expected === undefined
          ? answerWithoutReference(succeeds, prompt, options.seed, schema)
          : succeeds
            ? valueToText(expected)
            : wrongAnswer(
                expected,
                { prompt, others: call.origin.otherAnswers ?? [], ...(schema ? { schema } : {}) },
                options.seed,
              );
      };
      if (call.origin.simulatedUser) {
        const text = simUserTurn(call, { base: userBase, seed: options.seed, greedy });
        options.onToken?.(text);
        const usage = { inputTokens: conversationTokens(), outputTokens: countWords(text) };
        return { text, finishReason: 'stop', usage, warnings: [] };
      }
      if (call.origin.agent) {
        const reply = simAgentTurn(call, { p, base: agentBase, skill, seed: options.seed, greedy, answer });
        if (reply.text !== '') options.onToken?.(reply.text);
        const outputTokens =
          countWords(reply.text) +
          reply.toolCalls.reduce((sum, toolCall) => sum + 1 + Math.ceil(toolCall.arguments.length / 4), 0);
        return {
          text: reply.text,
          ...(reply.toolCalls.length > 0 ? { toolCalls: reply.toolCalls } : {}),
          finishReason: reply.toolCalls.length > 0 ? 'tool-calls' : 'stop',
          usage: { inputTokens: conversationTokens(), outputTokens },
          warnings: [],
        };
      }
      const text = answer(call.origin.expected);
      options.onToken?.(text);
      return {
        text,
        finishReason: 'stop',
        usage: { inputTokens: countWords(promptText()), outputTokens: countWords(text) },
        warnings: [],
      };
    },
  };
}
