import type { InterpreterCall, Message } from '../../contracts/interpreter-call.js';
import { mixToUint31, mixToUnit } from '../../util/stable-hash.js';

/** What the simulated user needs besides the call: its draws and whether it is greedy. */
export interface SimUserContext {
  /** The case's base for the user's draws, mixed with the seed and the turn. */
  readonly base: number;
  readonly seed: number;
  /** Temperature 0: no off-topic replies, every seed the same. */
  readonly greedy: boolean;
}

/** How often a simulated user, asked something, replies off topic or unhelpfully. */
export const offTopicRate = 0.1;

/** How many times the agent may speak before the simulated user ends the conversation anyway. */
export const patience = 4;

/** Sentences about the role, not the request: who the user is, and how to play or end the conversation. */
const roleSentence =
  /^(?:you are|you're|act as|play|pretend|imagine|never|do not|don't|only|always|when|once|if|reply|respond|answer|say|end|stay|keep|be)\b/i;

const firstPerson: Readonly<Record<string, string>> = {
  'you are': 'I am',
  "you're": "I'm",
  your: 'my',
  yours: 'mine',
  yourself: 'myself',
};

/** The instructions turned into the user's own words: "You want to cancel your order" → "I want to cancel my order". */
function inFirstPerson(sentence: string): string {
  return sentence.replace(/\b(you are|you're|yourself|yours|your|you)\b/gi, (word, _group, offset: number) => {
    const lower = word.toLowerCase();
    const mapped =
      firstPerson[lower] ??
      (/\b(?:to|for|with|at|from|tell|ask|give|help|send|let)\s+$/i.test(
        sentence.slice(Math.max(0, offset - 12), offset),
      )
        ? 'me'
        : 'I');
    return offset === 0 ? mapped.charAt(0).toUpperCase() + mapped.slice(1) : mapped;
  });
}

/**
 * The user's first message: the sentences of its instructions that state the request, in the first person, or
 * (when every sentence is about the role) the instructions quoted.
 */
export function firstRequest(instructions: string, stop: string): string {
  const sentences = instructions
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '' && !(stop !== '' && sentence.includes(stop)) && !roleSentence.test(sentence));
  if (instructions.trim() === '') return 'Hi. I need some help, please.';
  if (sentences.length === 0) return `Hi. Here is what I need: ${instructions.trim()}`;
  return `Hi. ${sentences.map(inFirstPerson).join(' ')}`;
}

/** Whether the agent's message asks the user something: a question mark, or a request for confirmation. */
export function asksSomething(text: string): boolean {
  return (
    text.trimEnd().endsWith('?') ||
    /\b(?:shall i|should i|do you want|would you like|can you confirm|could you confirm|please confirm)\b/i.test(text)
  );
}

const confirmations = ['Yes, please go ahead.', 'Yes, go ahead.', 'Yes, that is right. Please go ahead.'];
const offTopic = ['By the way, what are your opening hours?', "I'm not sure. Whatever you think is best.", 'Hmm.'];

/**
 * One turn of the simulated user. The conversation comes with roles flipped: the agent's texts are `user` messages.
 * At turn 0 (the agent has not spoken) it states its request from the instructions; when the agent asks something
 * it confirms ("Yes, please go ahead."), now and then replying off topic instead, as users do; once the agent has
 * answered without a question, or has spoken `patience` times, it ends with the stop text. The same case, seed and
 * turn always give the same reply.
 */
export function simUserTurn(call: InterpreterCall, context: SimUserContext): string {
  const user = call.origin.simulatedUser ?? { turn: 0, instructions: '', stop: '###STOP###' };
  const agentTexts = call.messages.filter((message: Message) => message.role === 'user');
  const last = agentTexts.at(-1)?.content;
  if (user.turn === 0 || last === undefined) return firstRequest(user.instructions, user.stop);
  const draws = mixToUint31(mixToUint31(context.base, context.greedy ? 0 : context.seed), user.turn);
  if (asksSomething(last) && agentTexts.length < patience) {
    if (!context.greedy && mixToUnit(draws, 0) < offTopicRate) {
      return offTopic[Math.floor(mixToUnit(draws, 1) * offTopic.length)] as string;
    }
    const index = context.greedy ? 0 : Math.floor(mixToUnit(draws, 2) * confirmations.length);
    return confirmations[index] as string;
  }
  return `Thank you, that is all. ${user.stop}`;
}
