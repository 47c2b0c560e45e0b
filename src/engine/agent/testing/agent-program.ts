import { z } from 'zod';
import type { Interpreter, InterpretOptions } from '../../../contracts/interpreter.js';
import type { InterpreterCall } from '../../../contracts/interpreter-call.js';
import type { StepResult } from '../../../contracts/step-result.js';
import type { ToolCall } from '../../../contracts/tool.js';
import type { EnvironmentFactory, ToolFunction } from '../../../contracts/tool-function.js';
import { compileProgram } from '../../../program/load-program.js';
import type {
  AgentDeclaration,
  AgentSettings,
  EnvironmentDeclaration,
  Program,
  ToolDeclaration,
} from '../../../program/program.js';
import { SqliteStore } from '../../../store/sqlite-store.js';

/** The default limits of an agent, as a program without an `agent` item gets them. */
export const defaultAgentSettings: AgentSettings = {
  maxTurns: 20,
  toolTimeoutSeconds: 30,
  toolChoice: 'auto',
  parallelToolCalls: true,
};

/** A declared tool of a program, as the resolver makes it: a strict schema of its parameters, and its JSON Schema. */
export function toolDeclaration(
  name: string,
  parameters: Record<string, z.ZodType>,
  implementation: ToolDeclaration['implementation'],
  description = `The tool ${name}`,
): ToolDeclaration {
  const schema = z.strictObject(parameters);
  return {
    name,
    description,
    parameters: [],
    schema,
    jsonSchema: z.toJSONSchema(schema) as Record<string, unknown>,
    implementation,
    span: { start: 0, end: 0 },
  };
}

/** A function tool declaration. */
export function functionTool(name: string, parameters: Record<string, z.ZodType>, run: ToolFunction): ToolDeclaration {
  return toolDeclaration(name, parameters, { kind: 'function', run, module: 'tools.ts' });
}

/**
 * An agent program: `source` compiled (its prompt, cases and sampling) with `agent` added, as the resolver adds
 * the declaration of a program with `tool` items. With a simulated user, the prompt of `source` is left out: the
 * user speaks first.
 */
export function agentProgram(
  source: string,
  agent: Partial<Omit<AgentDeclaration, 'settings'>> & { readonly settings?: Partial<AgentSettings> },
): Program {
  const compiled = compileProgram(source, 'agent.prog');
  if (!compiled.program) throw new Error(JSON.stringify(compiled.diagnostics));
  const program = compiled.program;
  const withoutPrompt = (messages: Program['messages']) => messages.filter((message) => message.role === 'system');
  const steps: Program['steps'] = agent.simulatedUser
    ? program.steps.map((step) => (step.kind === 'prompt' ? { ...step, messages: withoutPrompt(step.messages) } : step))
    : program.steps;
  return {
    ...program,
    steps,
    messages: agent.simulatedUser ? withoutPrompt(program.messages) : program.messages,
    agent: {
      tools: agent.tools ?? [],
      mcpServers: agent.mcpServers ?? [],
      ...(agent.environment ? { environment: agent.environment } : {}),
      ...(agent.simulatedUser ? { simulatedUser: agent.simulatedUser } : {}),
      settings: { ...defaultAgentSettings, ...agent.settings },
    },
  };
}

/** A model turn's answer: text, or tool calls (with the given arguments text) and text. */
export function answer(text: string, usage = { inputTokens: 10, outputTokens: 5 }): StepResult {
  return { text, finishReason: 'stop', usage, warnings: [] };
}

/** A turn that calls tools: `[name, argumentsText]` pairs, ids `call-<turn>-<index>`. */
export function callsTools(turn: number, calls: readonly (readonly [string, string])[], text = ''): StepResult {
  const toolCalls: ToolCall[] = calls.map(([name, args], index) => ({
    id: `call-${turn}-${index}`,
    name,
    arguments: args,
  }));
  return { text, toolCalls, finishReason: 'tool-calls', usage: { inputTokens: 10, outputTokens: 5 }, warnings: [] };
}

/**
 * A scripted model: an interpreter whose answer to each call is `script`'s, from the call (its turn in
 * `origin.agent`, the messages so far). It records the calls it was asked.
 */
export function scriptedInterpreter(
  script: (call: InterpreterCall, options: InterpretOptions) => StepResult | Promise<StepResult>,
  id = 'script:agent',
): Interpreter & { readonly calls: InterpreterCall[] } {
  const calls: InterpreterCall[] = [];
  return {
    id,
    description: 'a scripted model',
    calls,
    async interpret(call, options) {
      calls.push(call);
      return script(call, options);
    },
  };
}

/** An `environment` declaration of `create`. */
export function environment(name: string, create: EnvironmentFactory): EnvironmentDeclaration {
  return { name, create, module: 'environment.ts', span: { start: 0, end: 0 } };
}

/** A store at `path` with the run `runId` of `program` on `interpreterId` started, as the runner starts it. */
export function startedStore(path: string, program: Program, runId: string, interpreterId: string): SqliteStore {
  const store = new SqliteStore(path);
  store.startRun({ id: runId, command: { argv: [], cwd: '.' } });
  store.startProgramRun({
    runId,
    programName: program.name,
    interpreterId,
    programFile: program.file,
    programHash: program.hash,
    baseSeed: program.sampling.seed,
    samplesPerCase: program.sampling.samples,
    planned: program.cases.length * program.sampling.samples,
  });
  return store;
}
