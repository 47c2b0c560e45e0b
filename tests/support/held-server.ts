import {
  type ChatCompletionRequest,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from './openai-compatible-server.js';

/** One chat request the held server has received, by the word its prompt asks to repeat. */
export interface HeldRequest {
  readonly word: string;
  /** The model the request asked for. */
  readonly model: string;
  /** True once the test let it be answered. */
  readonly released: boolean;
}

/**
 * A loopback OpenAI-compatible server that holds every chat request until the test releases it, so that which
 * calls are in flight at a moment is chosen by the test, not by the machine's speed.
 */
export interface HeldServer {
  readonly server: OpenAICompatibleServer;
  /** Every chat request received, in arrival order. */
  readonly requests: readonly HeldRequest[];
  /** Resolves once `condition` holds of the requests received (checked now and at each arrival). */
  arrived(condition: (requests: readonly HeldRequest[]) => boolean): Promise<void>;
  /** Answers the requests held now that match `which` (all by default); returns how many. */
  release(which?: (request: HeldRequest) => boolean): number;
  /** Answers every request held now and every later one at once. */
  releaseAll(): void;
}

/** The word a prompt `Repeat <word>.` asks for. */
export function wordOf(request: ChatCompletionRequest): string {
  const prompt = String(request.messages?.at(-1)?.content ?? '');
  return /Repeat (\S+)\./.exec(prompt)?.[1] ?? '';
}

/**
 * Starts a held server serving `models`; it answers a released request with `answer` (by default the word asked
 * for).
 */
export async function startHeldServer(
  answer: (word: string) => string = (word) => word,
  models: readonly string[] = ['test-model'],
): Promise<HeldServer> {
  const requests: { word: string; model: string; released: boolean; release: () => void }[] = [];
  const waiters: { condition: (requests: readonly HeldRequest[]) => boolean; resolve: () => void }[] = [];
  let holding = true;
  const check = () => {
    for (const waiter of [...waiters]) {
      if (!waiter.condition(requests)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const server = await startOpenAICompatibleServer({
    models,
    answer: (request) => answer(wordOf(request)),
    reply: (request) => {
      const word = wordOf(request);
      const model = String(request.model);
      if (!holding) {
        requests.push({ word, model, released: true, release: () => {} });
        check();
        return undefined;
      }
      let release: () => void = () => {};
      const until = new Promise<void>((resolve) => {
        release = resolve;
      });
      requests.push({ word, model, released: false, release });
      check();
      return { type: 'wait', until };
    },
    lifetimeMs: 900_000,
  });
  const release = (which: (request: HeldRequest) => boolean = () => true) => {
    let count = 0;
    for (const request of requests) {
      if (request.released || !which(request)) continue;
      request.released = true;
      request.release();
      count++;
    }
    return count;
  };
  return {
    server,
    requests,
    arrived: (condition) =>
      new Promise<void>((resolve) => {
        waiters.push({ condition, resolve });
        check();
      }),
    release,
    releaseAll() {
      holding = false;
      release();
    },
  };
}
