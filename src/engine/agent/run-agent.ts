import type { Message, SamplingSettings } from '../../contracts/interpreter-call.js';
import type { TokenUsage } from '../../contracts/step-result.js';
import type { ToolCall } from '../../contracts/tool.js';
import type { ToolRuntime } from '../../contracts/tool-runtime.js';
import type { AgentEnd, StepTrace, TraceError, TurnTrace } from '../../contracts/trace.js';
import { renderTemplate } from '../../lang/render-template.js';
import { parseOutput } from '../../program/parse-output.js';
import type { AgentDeclaration, Program } from '../../program/program.js';
import { mixToUint31 } from '../../util/stable-hash.js';
import { addTokenUsage } from '../../util/token-usage.js';
import { type CallCache, cachedCall, cachedPrompt } from '../cached-call.js';
import { estimateTokens, interpretStep, type StepCallSetup } from '../interpret-step.js';
import { otherAnswers } from '../other-answers.js';
import { agentLimits, totalTokens } from './agent-limits.js';
import type { AgentSample } from './agent-sample.js';
import { offeredTools } from './agent-tools.js';
import { type AgentTool, callTool, type ToolCallAnswer, type ToolCallOptions } from './call-tool.js';
import { askSimulatedUser, type SimulatedUserRuntime } from './simulated-user.js';

/** What a run lends its agent steps besides the interpreter setup. */
export interface AgentRunSupport {
  /** The tools of the program's MCP servers, started for the run. */
  readonly tools?: ToolRuntime;
  /** The simulated user's interpreter, when the program has one and it could be set up. */
  readonly simulatedUser?: SimulatedUserRuntime;
  /** Why the simulated user's interpreter could not be set up (it names one the run lacks). */
  readonly simulatedUserProblem?: string;
  /** Why the program's MCP servers could not be started: every sample fails with it. */
  readonly toolsProblem?: string;
}

/** The setup an agent step runs with: the run's interpreter calls, settings and cache. */
export interface AgentStepSetup extends StepCallSetup {
  readonly settings: SamplingSettings;
  readonly cache: CallCache;
  readonly agent?: AgentRunSupport;
}

/** One prompt step of an agent program, rendered. */
export interface AgentStepRequest {
  readonly program: Program;
  readonly agent: AgentDeclaration;
  readonly stepName: string;
  /** The rendered messages: system, history, and the prompt when there is one. */
  readonly messages: readonly Message[];
  /** The values templates are rendered over (the case's inputs and earlier steps' outputs). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly stepSeed: number;
  /** True for the program's last step: its answer is the program's (typed) output, and the reference is shown. */
  readonly last: boolean;
  readonly hasExpected: boolean;
  readonly expected?: unknown;
  /** The sample's environment and tools. */
  readonly sample: AgentSample;
}

/** An agent step's result: its trace and the cache keys of its model turns, in order. */
export interface AgentStepRun {
  readonly step: StepTrace;
  readonly keys: readonly string[];
  /** True when every model and user turn came from the cache. */
  readonly cached: boolean;
}

/** The seed of model turn `turn` of a step: turn 0 keeps the step's seed. */
export function turnSeed(stepSeed: number, turn: number): number {
  return turn === 0 ? stepSeed : mixToUint31(stepSeed, turn);
}

/**
 * Lookups of the run kept at most: samples whose conversations agree share their turns' lookups, but each turn of a
 * conversation that diverges is a prompt of its own, and keeping every lookup would hold them all for the run.
 */
const keptLookups = 4096;

/** Forgets the oldest lookups of the run's cache past `keptLookups`. */
function forgetOldLookups(cache: CallCache): void {
  const { byPrefix } = cache;
  if (!byPrefix || byPrefix.size <= keptLookups) return;
  for (const prefix of byPrefix.keys()) {
    byPrefix.delete(prefix);
    if (byPrefix.size <= keptLookups) return;
  }
}

/** Salt of tool calls' seeds, so that they differ from the turns' seeds. */
const toolSeedSalt = 0x746f6f6c;

/** Runs a turn's tool calls, concurrently when `parallel`, answering them in the order the model wrote them. */
async function runToolCalls(
  calls: readonly ToolCall[],
  tools: ReadonlyMap<string, AgentTool>,
  seed: number,
  parallel: boolean,
  options: ToolCallOptions,
): Promise<ToolCallAnswer[]> {
  const callSeed = (index: number) => mixToUint31(mixToUint31(seed, toolSeedSalt), index);
  const refuse = (index: number): ToolCallAnswer => {
    const call = calls[index] as ToolCall;
    const error = `too many tool calls in one turn: at most ${agentLimits.maxCallsPerTurn} are run`;
    const id = String(call.id);
    const name = String(call.name);
    return {
      message: { role: 'tool', content: error, toolCallId: id, toolName: name, isError: true },
      turn: { kind: 'tool', callId: id, name, arguments: null, error, latencyMs: 0 },
    };
  };
  const run = (index: number) =>
    index >= agentLimits.maxCallsPerTurn
      ? Promise.resolve(refuse(index))
      : callTool(calls[index] as ToolCall, tools, callSeed(index), options);
  if (parallel) return Promise.all(calls.map((_, index) => run(index)));
  const answers: ToolCallAnswer[] = [];
  for (let index = 0; index < calls.length; index++) answers.push(await run(index));
  return answers;
}

/**
 * Runs one prompt step of an agent program: the interpreter is called with the tools, turn after turn, each turn
 * through the cache protocol (its rendered conversation and tools, at the turn's seed); the tools it calls run on
 * the sample's environment and their results are sent back; when it answers without a tool call the simulated user
 * (if any) speaks, until it says its stop text. The loop ends at the first limit reached. A failure of the
 * interpreter ends the trajectory as `error` with the step's `error`; nothing a model writes makes this throw.
 */
export async function runAgentStep(setup: AgentStepSetup, request: AgentStepRequest): Promise<AgentStepRun> {
  const { agent, program, sample } = request;
  const limits = agent.settings;
  const support = setup.agent ?? {};
  const messages: Message[] = [...request.messages];
  const turns: TurnTrace[] = [];
  const keys: string[] = [];
  let cached = true;
  let modelTurns = 0;
  let userTurns = 0;
  let tokens = 0;
  let usage: TokenUsage | undefined;
  let latencyMs = 0;
  let finalText = '';
  let finishReason: StepTrace['finishReason'] = 'error';
  let error: TraceError | undefined;
  let initialMessages: readonly Message[] = request.messages;
  const warnings: StepTrace['warnings'][number][] = [];
  const seenWarnings = new Set<string>();
  const user = agent.simulatedUser;
  const conversationStart = messages.length;
  const instructions = user ? renderTemplate(user.instructions, request.values) : '';
  const userRuntime = support.simulatedUser;

  /** Lets the simulated user speak; returns how the loop ends, or undefined to go on. */
  const userSpeaks = async (): Promise<AgentEnd | undefined> => {
    if (!user) return 'answer';
    if (userTurns >= user.maxTurns) return 'user-max-turns';
    if (!userRuntime) {
      error = { message: support.simulatedUserProblem ?? 'the simulated user has no interpreter', isRetryable: false };
      return 'error';
    }
    const said = await askSimulatedUser(userRuntime, {
      declaration: user,
      instructions,
      conversation: messages.slice(conversationStart),
      turn: userTurns,
      programName: program.name,
      caseId: request.caseId,
      sampleIndex: request.sampleIndex,
      stepSeed: request.stepSeed,
    });
    userTurns++;
    turns.push(said);
    latencyMs += said.latencyMs;
    cached &&= said.cached === true;
    if (said.error) {
      error = { ...said.error, message: `the simulated user: ${said.error.message}` };
      return 'error';
    }
    if (said.text.includes(user.stop)) return 'answer';
    messages.push({ role: 'user', content: said.text });
    return undefined;
  };

  const toolOptions: ToolCallOptions = {
    timeoutMs: limits.toolTimeoutSeconds * 1000,
    ...(setup.signal ? { signal: setup.signal } : {}),
    clock: setup.clock,
  };
  const offered = {
    tools: offeredTools(agent, support.tools),
    toolChoice: limits.toolChoice,
    parallelToolCalls: limits.parallelToolCalls,
  };
  const turnCache = setup.cache;
  const output = request.last ? program.output : undefined;
  const responseFormat = output?.jsonSchema
    ? ({ type: 'json', schema: output.jsonSchema, name: program.name } as const)
    : undefined;
  const origin = {
    programName: program.name,
    caseId: request.caseId,
    ...(request.last && request.hasExpected ? { expected: request.expected } : {}),
    ...(request.last ? { otherAnswers: otherAnswers(program.cases) } : {}),
  };

  const world = sample.ok ? sample : undefined;
  const noTools: ReadonlyMap<string, AgentTool> = new Map();
  let ended: AgentEnd | undefined;
  if (!sample.ok || support.toolsProblem !== undefined) {
    error = { message: sample.ok ? (support.toolsProblem as string) : sample.error, isRetryable: false };
    ended = 'error';
  } else if (user) {
    ended = await userSpeaks();
    initialMessages = [...messages];
  }
  while (ended === undefined) {
    if (modelTurns >= limits.maxTurns) {
      ended = 'max-turns';
      break;
    }
    const turn = modelTurns;
    const seed = turnSeed(request.stepSeed, turn);
    const sent = [...messages];
    const interpret = () =>
      interpretStep(setup, {
        stepName: request.stepName,
        caseId: request.caseId,
        sampleIndex: request.sampleIndex,
        seed,
        messages: sent,
        estimate: estimateTokens(sent, setup.settings.maxTokens),
        call: {
          messages: sent,
          settings: setup.settings,
          ...(responseFormat ? { responseFormat } : {}),
          tools: offered.tools,
          toolChoice: offered.toolChoice,
          parallelToolCalls: offered.parallelToolCalls,
          origin: { ...origin, agent: { turn, ...(world?.actions ? { actions: world.actions } : {}) } },
        },
      });
    // Without a store nothing is looked up or kept: the turn's key (a hash of the whole conversation) is not needed.
    const made = turnCache.store
      ? await cachedCall(
          turnCache,
          cachedPrompt(setup.interpreter.id, setup.settings, sent, responseFormat, offered),
          seed,
          request.stepName,
          interpret,
        )
      : { key: '', step: await interpret(), cached: false };
    forgetOldLookups(turnCache);
    modelTurns++;
    keys.push(made.key);
    cached &&= made.cached;
    const step = made.step;
    const toolCalls = step.toolCalls ?? [];
    turns.push({
      kind: 'model',
      text: step.text,
      toolCalls,
      finishReason: step.finishReason,
      ...(step.usage ? { usage: step.usage } : {}),
      latencyMs: step.latencyMs,
      ...(step.firstTokenMs === undefined ? {} : { firstTokenMs: step.firstTokenMs }),
      warnings: step.warnings,
      ...(step.error ? { error: step.error } : {}),
      ...(made.cached ? { cached: true } : {}),
    });
    usage = addTokenUsage(usage, step.usage);
    tokens += totalTokens(step.usage);
    latencyMs += step.latencyMs;
    finishReason = step.finishReason;
    for (const warning of step.warnings) {
      const key = `${warning.type}\u0000${warning.setting ?? ''}\u0000${warning.message}`;
      if (!seenWarnings.has(key)) {
        seenWarnings.add(key);
        warnings.push(warning);
      }
    }
    if (step.error) {
      error = step.error;
      ended = 'error';
      break;
    }
    finalText = step.text;
    messages.push({ role: 'assistant', content: step.text, ...(toolCalls.length > 0 ? { toolCalls } : {}) });
    const overTokens = limits.maxTotalTokens !== undefined && tokens > limits.maxTotalTokens;
    if (toolCalls.length > 0) {
      const answers = await runToolCalls(
        toolCalls,
        world?.tools ?? noTools,
        seed,
        limits.parallelToolCalls,
        toolOptions,
      );
      for (const answer of answers) {
        messages.push(answer.message);
        turns.push(answer.turn);
        latencyMs += answer.turn.latencyMs;
      }
      if (overTokens) ended = 'max-tokens';
      continue;
    }
    // A final answer stands even past the token limit; the limit stops the conversation from going on.
    if (overTokens && user) {
      ended = 'max-tokens';
      break;
    }
    ended = await userSpeaks();
  }

  const parsed = output && !error ? parseOutput(finalText, output.type, output.schema) : undefined;
  const expected = await world?.expectedState();
  for (const problem of expected?.problems ?? []) warnings.push({ type: 'other', message: problem });
  const state = world?.snapshot();
  return {
    step: {
      name: request.stepName,
      messages: initialMessages,
      text: finalText,
      output: parsed?.ok ? parsed.value : finalText,
      ...(parsed && !parsed.ok ? { outputProblem: parsed.problem } : {}),
      finishReason,
      ...(usage ? { usage } : {}),
      latencyMs,
      warnings,
      ...(error ? { error } : {}),
      ...(cached && modelTurns > 0 ? { cached: true } : {}),
      agent: {
        turns,
        ended,
        modelTurns,
        ...(state !== undefined ? { state } : {}),
        ...(expected && expected.state !== undefined ? { expectedState: expected.state } : {}),
      },
    },
    keys,
    cached: cached && modelTurns > 0,
  };
}
