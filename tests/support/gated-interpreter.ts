import {
  type ChatCompletionRequest,
  type OpenAICompatibleServer,
  type ServerReply,
  startOpenAICompatibleServer,
} from './openai-compatible-server.js';
import { type InformalChild, latestRunId, resultCount, startInformal, waitForStore } from './stored-results.js';

/**
 * A loopback OpenAI-compatible interpreter whose answers a test hands out by count, so that a run's progress is
 * chosen by the test and not by the machine's speed: it answers as many chat requests as it was allowed, and holds
 * every other one unanswered until its client goes away.
 */
export interface GatedInterpreter {
  readonly server: OpenAICompatibleServer;
  /** The `informal test` flags that sample on this server with `models`, in order. */
  readonly flags: readonly string[];
  /** From now on, answers `count` more chat requests and holds the rest. */
  answerOnly(count: number): void;
  /** From now on, answers every chat request. */
  answerAll(): void;
  /** Answers every request it holds now, and returns how many there were; it holds those that come later. */
  release(): number;
  /** How many chat requests it holds unanswered now. */
  readonly holding: number;
}

/**
 * The answer of the gated interpreter: the word the prompt asks to repeat when the seed is a multiple of 3, else a
 * wrong one, so that a program of `generatedProgram` has samples that pass and samples that fail, each fixed by
 * its seed and case.
 */
export function answerBySeed(request: ChatCompletionRequest): string {
  const prompt = String(request.messages?.at(-1)?.content ?? '');
  const word = /Repeat (\S+)\./.exec(prompt)?.[1] ?? '';
  return (request.seed ?? 0) % 3 === 0 ? word : `not ${word}`;
}

/**
 * Starts a gated interpreter serving `models` (the first by default), answering every request until told not to.
 * An answered request gets `reply`'s answer when it gives one (a scripted agent's tool calls), else `answerBySeed`.
 */
export async function startGatedInterpreter(
  models: readonly string[] = ['test-model'],
  reply?: (request: ChatCompletionRequest) => ServerReply | undefined,
): Promise<GatedInterpreter> {
  let answerable = Number.POSITIVE_INFINITY;
  let holding = 0;
  let releaseHeld: () => void = () => {};
  let held = new Promise<void>((resolve) => {
    releaseHeld = resolve;
  });
  const server = await startOpenAICompatibleServer({
    models,
    answer: answerBySeed,
    // A held request waits for its release or for its client to go away; the test's time limit bounds both.
    reply: (request, callIndex) => {
      if (callIndex < answerable) return reply?.(request);
      holding++;
      return { type: 'wait', until: held };
    },
    lifetimeMs: 900_000,
  });
  return {
    server,
    flags: [...models.flatMap((model) => ['--interpreter', `openai-compatible:${model}`]), '--base-url', server.url],
    answerOnly(count) {
      answerable = server.chatCount + count;
      holding = 0;
    },
    answerAll() {
      answerable = Number.POSITIVE_INFINITY;
      holding = 0;
    },
    release() {
      const released = holding;
      releaseHeld();
      held = new Promise<void>((resolve) => {
        releaseHeld = resolve;
      });
      holding = 0;
      return released;
    },
    get holding() {
      return holding;
    },
  };
}

/**
 * Starts `informal <args>` on the gated interpreter (its flags among `args`) and resolves once `stored` samples were
 * answered and the store shows every one of them, while the run waits for more: a moment chosen by progress.
 */
export async function runUntilStored(
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly store: string;
    readonly interpreter: GatedInterpreter;
    readonly stored: number;
  },
): Promise<InformalChild> {
  const { interpreter, store, stored } = options;
  interpreter.answerOnly(stored);
  const run = startInformal(args, options.cwd);
  await waitForStore(
    store,
    run.child,
    () => interpreter.holding > 0 && latestRunId(store) !== undefined && resultCount(store) >= stored,
    () =>
      `waiting for ${stored} stored samples: the store holds ${resultCount(store)}, the interpreter holds ` +
      `${interpreter.holding} requests; the run wrote: ${run.stderr()}`,
  );
  return run;
}

/** How a run killed by `killWhenStored` ended. */
export interface KilledRun {
  /** The samples the store held once the process was gone. */
  readonly stored: number;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Runs `informal <args>` until `stored` samples are stored (see `runUntilStored`), then SIGKILLs it: no handler
 * runs, so the run is left as the process last wrote it.
 */
export async function killWhenStored(
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly store: string;
    readonly interpreter: GatedInterpreter;
    readonly stored: number;
  },
): Promise<KilledRun> {
  const run = await runUntilStored(args, options);
  run.child.kill('SIGKILL');
  const { signal } = await run.exited;
  return { stored: resultCount(options.store), signal };
}
