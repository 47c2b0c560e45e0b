import type { Message } from '../../contracts/interpreter-call.js';
import type { TurnTrace } from '../../contracts/trace.js';
import type { SimulatedUserDeclaration } from '../../program/program.js';
import { mixToUint31 } from '../../util/stable-hash.js';
import { type CallCache, cachedCall, cachedPrompt } from '../cached-call.js';
import { estimateTokens, interpretStep, type StepCallSetup } from '../interpret-step.js';

/** The interpreter that plays a program's simulated user in a run, and where its answers are cached. */
export interface SimulatedUserRuntime {
  /** The user's interpreter (its own, or the run's), with its rate limits, the run's retries and signal. */
  readonly setup: StepCallSetup;
  readonly cache: CallCache;
}

/** What one turn of the simulated user needs to know. */
export interface UserTurnRequest {
  readonly declaration: SimulatedUserDeclaration;
  /** The user's system prompt: the declaration's instructions rendered over the case's inputs. */
  readonly instructions: string;
  /** The agent's conversation so far, from the user's first message on (no system or history messages). */
  readonly conversation: readonly Message[];
  /** The user's turn, 0 first. */
  readonly turn: number;
  readonly programName: string;
  readonly caseId: string;
  readonly sampleIndex: number;
  /** The agent step's seed; each user turn's seed is derived from it. */
  readonly stepSeed: number;
}

/** What the user said: its turn for the trajectory, and whether it failed. */
export type UserTurn = Extract<TurnTrace, { kind: 'user' }>;

/** Salt of the user's seeds, so that they differ from the agent's turns' seeds. */
const userSeedSalt = 0x75736572;

/** The seed of the user's turn `turn` in the agent step at `stepSeed`. */
export function userTurnSeed(stepSeed: number, turn: number): number {
  return mixToUint31(mixToUint31(stepSeed, userSeedSalt), turn);
}

/**
 * The conversation as the simulated user sees it: its instructions as the system message, then the texts of the
 * conversation with roles flipped (the agent's texts are its `user` messages, its own are `assistant`). Tool calls
 * and results are the agent's business and are left out.
 */
export function userMessages(instructions: string, conversation: readonly Message[]): Message[] {
  const messages: Message[] = [{ role: 'system', content: instructions }];
  for (const message of conversation) {
    if (message.role === 'assistant' && message.content !== '')
      messages.push({ role: 'user', content: message.content });
    else if (message.role === 'user') messages.push({ role: 'assistant', content: message.content });
  }
  return messages;
}

/**
 * One turn of the simulated user, through the cache protocol on the user's interpreter (like a judge's call): a
 * stored answer is read back, any other is asked for and stored. A failure after retries is the turn's `error`.
 */
export async function askSimulatedUser(runtime: SimulatedUserRuntime, request: UserTurnRequest): Promise<UserTurn> {
  const { declaration } = request;
  const messages = userMessages(request.instructions, request.conversation);
  const settings = declaration.settings;
  const seed = userTurnSeed(request.stepSeed, request.turn);
  const interpret = () =>
    interpretStep(runtime.setup, {
      stepName: 'user',
      caseId: request.caseId,
      sampleIndex: request.sampleIndex,
      seed,
      messages,
      estimate: estimateTokens(messages, settings.maxTokens),
      call: {
        messages,
        settings,
        origin: {
          programName: request.programName,
          caseId: request.caseId,
          simulatedUser: { turn: request.turn, instructions: request.instructions, stop: declaration.stop },
        },
      },
    });
  const made = runtime.cache.store
    ? await cachedCall(
        runtime.cache,
        cachedPrompt(runtime.setup.interpreter.id, settings, messages),
        seed,
        'user',
        interpret,
      )
    : { step: await interpret(), cached: false };
  const step = made.step;
  return {
    kind: 'user',
    text: step.text,
    ...(step.usage ? { usage: step.usage } : {}),
    latencyMs: step.latencyMs,
    ...(step.error ? { error: step.error } : {}),
    ...(made.cached ? { cached: true } : {}),
  };
}
