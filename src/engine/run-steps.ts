import type { Message, SamplingSettings } from '../contracts/interpreter-call.js';
import type { StepKeys } from '../contracts/sample-store.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import { lookupPath, renderTemplate } from '../lang/render-template.js';
import type { ArgumentValue, Program } from '../program/program.js';
import { mixToUint31 } from '../util/stable-hash.js';
import { sumTokenUsage } from '../util/token-usage.js';
import type { AgentSample } from './agent/agent-sample.js';
import { prepareAgentSample } from './agent/agent-sample.js';
import type { ProgramToolRunner } from './agent/agent-tools.js';
import { type AgentRunSupport, runAgentStep } from './agent/run-agent.js';
import { type CallCache, cachedCall, cachedPrompt } from './cached-call.js';
import { estimateTokens, interpretStep, type StepCallSetup } from './interpret-step.js';
import { otherAnswers } from './other-answers.js';

/** What running a program's steps for one sample needs besides the interpreter setup. */
export interface StepRunSetup extends StepCallSetup {
  readonly settings: SamplingSettings;
  /** Where each step's result is looked up and kept. */
  readonly cache: CallCache;
  /** The MCP tools and the simulated user of an agent program, set up for the run. */
  readonly agent?: AgentRunSupport;
}

/** The steps one sample ran, and what they gave. */
export interface StepsRun {
  readonly steps: readonly StepTrace[];
  /** The last step's output: the program's output. */
  readonly output: unknown;
  /** True when every interpreter result came from the cache. */
  readonly cached: boolean;
  /** The cache key of the last interpreter call, which made the output. */
  readonly lastKey: string;
  /** Every step's cache key in trace order; a call step's entry holds the called program's keys. */
  readonly keys: StepKeys;
}

/** The seed of step `index` of a sample: step 0 keeps the sample's seed, so single-prompt programs keep theirs. */
export function stepSeed(sampleSeed: number, index: number): number {
  return index === 0 ? sampleSeed : mixToUint31(sampleSeed, index);
}

function argumentValue(argument: ArgumentValue, values: Readonly<Record<string, unknown>>): unknown {
  return argument.kind === 'literal' ? argument.value : lookupPath(values, argument.path);
}

/**
 * Runs a program's steps for one sample, in order: a prompt step is one interpreter call, cached under its own key
 * (its rendered prompt and its seed); a call step runs the called program's steps the same way and keeps their
 * trace as its child. Stops at the first step that fails or whose output is not of its type. Steps found in the
 * cache are not called again, so a resumed sample redoes only what had not finished.
 */
export async function runSteps(
  program: Program,
  inputs: Readonly<Record<string, unknown>>,
  sample: {
    readonly caseId: string;
    readonly index: number;
    readonly seed: number;
    readonly expected?: unknown;
    readonly hasExpected: boolean;
  },
  setup: StepRunSetup,
): Promise<StepsRun> {
  const values: Record<string, unknown> = { ...inputs };
  const steps: StepTrace[] = [];
  let cached = true;
  let lastKey = '';
  const keys: (string | StepKeys)[] = [];
  let agentSample: AgentSample | undefined;
  for (const [index, step] of program.steps.entries()) {
    const seed = stepSeed(sample.seed, index);
    const last = index === program.steps.length - 1;
    let trace: StepTrace;
    if (step.kind === 'prompt' && program.agent) {
      const messages: Message[] = step.messages.map((message) => ({
        role: message.role,
        content: renderTemplate(message.parts, values),
      }));
      agentSample ??= await prepareAgentSample(
        program.agent,
        { id: sample.caseId, inputs, ...(sample.hasExpected ? { expected: sample.expected } : {}) },
        sample.seed,
        {
          ...(setup.agent?.tools ? { runtime: setup.agent.tools } : {}),
          runProgram: programToolRunner(sample, setup),
          toolTimeoutMs: program.agent.settings.toolTimeoutSeconds * 1000,
          ...(setup.signal ? { signal: setup.signal } : {}),
          clock: setup.clock,
        },
      );
      const ran = await runAgentStep(setup, {
        program,
        agent: program.agent,
        stepName: step.name,
        messages,
        values,
        caseId: sample.caseId,
        sampleIndex: sample.index,
        stepSeed: seed,
        last,
        hasExpected: sample.hasExpected,
        ...(sample.hasExpected ? { expected: sample.expected } : {}),
        sample: agentSample,
      });
      trace = ran.step;
      cached &&= ran.cached;
      lastKey = ran.keys.at(-1) ?? '';
      keys.push(ran.keys);
    } else if (step.kind === 'prompt') {
      const messages: Message[] = step.messages.map((message) => ({
        role: message.role,
        content: renderTemplate(message.parts, values),
      }));
      const output = last ? program.output : undefined;
      const prompt = cachedPrompt(setup.interpreter.id, setup.settings, messages);
      const made = await cachedCall(setup.cache, prompt, seed, step.name, () =>
        interpretStep(setup, {
          stepName: step.name,
          caseId: sample.caseId,
          sampleIndex: sample.index,
          seed,
          messages,
          estimate: estimateTokens(messages, setup.settings.maxTokens),
          ...(output ? { output } : {}),
          call: {
            messages,
            settings: setup.settings,
            ...(output?.jsonSchema
              ? { responseFormat: { type: 'json', schema: output.jsonSchema, name: program.name } }
              : {}),
            origin: {
              programName: program.name,
              caseId: sample.caseId,
              ...(last && sample.hasExpected ? { expected: sample.expected } : {}),
              ...(last ? { otherAnswers: otherAnswers(program.cases) } : {}),
            },
          },
        }),
      );
      trace = made.step;
      cached &&= made.cached;
      lastKey = made.key;
      keys.push(made.key);
    } else {
      const calleeInputs: Record<string, unknown> = {};
      for (const input of step.program.inputs) {
        const argument = step.args[input.name];
        calleeInputs[input.name] = argument ? argumentValue(argument, values) : input.defaultValue;
      }
      const child = await runSteps(
        step.program,
        calleeInputs,
        { caseId: sample.caseId, index: sample.index, seed, hasExpected: false },
        setup,
      );
      cached &&= child.cached;
      lastKey = child.lastKey;
      keys.push(child.keys);
      const childTrace: Trace = {
        programName: step.program.name,
        programHash: step.program.hash,
        interpreterId: setup.interpreter.id,
        caseId: sample.caseId,
        sampleIndex: sample.index,
        seed,
        settings: setup.settings,
        steps: child.steps,
      };
      const final = child.steps.at(-1);
      const failed = child.steps.find((childStep) => childStep.error);
      trace = {
        name: step.name,
        messages: [],
        text: final?.text ?? '',
        output: child.output,
        ...(final?.outputProblem ? { outputProblem: `${step.program.name}: ${final.outputProblem}` } : {}),
        finishReason: final?.finishReason ?? 'error',
        usage: sumTokenUsage(child.steps.map((childStep) => childStep.usage)) ?? { inputTokens: 0, outputTokens: 0 },
        latencyMs: child.steps.reduce((sum, childStep) => sum + childStep.latencyMs, 0),
        warnings: child.steps.flatMap((childStep) => childStep.warnings),
        ...(failed?.error
          ? { error: { ...failed.error, message: `${step.program.name}: ${failed.error.message}` } }
          : {}),
        ...(child.cached ? { cached: true } : {}),
        children: [childTrace],
      };
    }
    steps.push(trace);
    values[step.name] = trace.output;
    if (trace.error || trace.outputProblem) break;
  }
  return { steps, output: steps.at(-1)?.output, cached, lastKey, keys };
}

/**
 * Runs program tools for the agent steps of one sample: the tool's program runs its steps (cached like any steps)
 * with the call's arguments as inputs, at the call's seed, and its trace is kept on the tool's turn. The tool's
 * signal (its timeout) cancels the program's calls.
 */
function programToolRunner(
  sample: { readonly caseId: string; readonly index: number },
  setup: StepRunSetup,
): ProgramToolRunner {
  return async (program, args, seed, signal) => {
    const inputs: Record<string, unknown> = {};
    for (const input of program.inputs)
      inputs[input.name] = Object.hasOwn(args, input.name) ? args[input.name] : input.defaultValue;
    const child = await runSteps(
      program,
      inputs,
      { caseId: sample.caseId, index: sample.index, seed, hasExpected: false },
      { ...setup, signal },
    );
    const trace: Trace = {
      programName: program.name,
      programHash: program.hash,
      interpreterId: setup.interpreter.id,
      caseId: sample.caseId,
      sampleIndex: sample.index,
      seed,
      settings: setup.settings,
      steps: child.steps,
    };
    const failed = child.steps.find((step) => step.error || step.outputProblem);
    const problem = failed?.error?.message ?? failed?.outputProblem;
    return problem !== undefined
      ? { error: `${program.name}: ${problem}`, child: trace }
      : { result: child.output, child: trace };
  };
}
