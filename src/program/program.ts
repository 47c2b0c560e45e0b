import type { z } from 'zod';
import type { SamplingSettings } from '../contracts/interpreter-call.js';
import type { ToolChoice } from '../contracts/tool.js';
import type { EnvironmentFactory, ToolFunction } from '../contracts/tool-function.js';
import type { ComparisonOperator, ExpressionNode, TemplatePart, TypeNode } from '../lang/ast.js';
import type { SourceSpan } from '../lang/source-span.js';
import type { MetricReference } from '../stats/metric-reference.js';
import type { ModuleVerifier } from '../verifiers/verifier-module.js';

/** A typed input of a program. */
export interface InputDeclaration {
  readonly name: string;
  readonly type: TypeNode;
  /** The value used when a case leaves the input out; absent when the input is required. */
  readonly defaultValue?: unknown;
}

/** The program's typed output: text of this type, parsed and checked after every call. */
export interface OutputDeclaration {
  readonly type: TypeNode;
  readonly schema: z.ZodType;
  /** Sent to interpreters as a response format, for object and array outputs. */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
}

/**
 * One message of a prompt, as a template over the inputs. `assistant` messages (and `user` messages before the
 * prompt) are conversation history: few-shot examples, or an earlier exchange.
 */
export interface MessageTemplate {
  readonly role: 'system' | 'user' | 'assistant';
  readonly parts: readonly TemplatePart[];
}

/**
 * What runs when the interpreter calls a tool: a function of a TypeScript module, another program (whose inputs are
 * the tool's parameters and whose output is its result), or a tool of an MCP server.
 */
export type ToolImplementation =
  | { readonly kind: 'function'; readonly run: ToolFunction; readonly module: string }
  | { readonly kind: 'program'; readonly program: Program }
  | { readonly kind: 'mcp'; readonly server: string; readonly tool: string };

/** `tool lookup_order(order_id: string) "Find an order by its id"`, resolved against the program's imports. */
export interface ToolDeclaration {
  readonly name: string;
  readonly description: string;
  /**
   * The typed parameters, in order; a program tool's are its inputs. A parameter that may be left out has a
   * `defaultValue` key: the input's default for a program tool, `undefined` for a function tool's `name?: T`.
   */
  readonly parameters: readonly InputDeclaration[];
  /** Checks the arguments (an object of the parameters); unknown fields are refused. */
  readonly schema: z.ZodType;
  /** The parameters as a JSON Schema object, as interpreters are shown them. */
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  readonly implementation: ToolImplementation;
  readonly span: SourceSpan;
}

/**
 * `mcp weather { command: "node", args: ["./server.mjs"], tools: ["forecast"] }`: an MCP server started over stdio
 * for each run, whose tools (all, or those listed) the agent may call. Their descriptions and schemas are the
 * server's.
 */
export interface McpServerDeclaration {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Variables added to the server's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The folder the server runs in: the program's folder. */
  readonly cwd: string;
  /** The tools offered to the agent; all the server lists when absent. */
  readonly tools?: readonly string[];
  readonly span: SourceSpan;
}

/**
 * `agent max_turns 20 tool_timeout 10 max_tokens 50000 tool_choice "auto" parallel_tool_calls true`: the limits of
 * the loop in which the interpreter is called with the tools until it answers without a tool call.
 */
export interface AgentSettings {
  /** The most interpreter calls per sample; the trajectory ends as `max-turns` when reached. */
  readonly maxTurns: number;
  /** Seconds one tool call may take; a call that takes longer is a tool error the interpreter is told of. */
  readonly toolTimeoutSeconds: number;
  /** The most tokens (input and output, all turns) per sample; the trajectory ends as `max-tokens` past it. */
  readonly maxTotalTokens?: number;
  readonly toolChoice: ToolChoice;
  readonly parallelToolCalls: boolean;
}

/**
 * `simulate user model "sim:user" max_turns 8 stop "###STOP###" """…"""`: an interpreter that plays the user of a
 * conversation from the case's instructions. The conversation starts with the user's message; after each answer of
 * the agent the user speaks again, until it says the stop text or has spoken `maxTurns` times.
 */
export interface SimulatedUserDeclaration {
  /** Its interpreter, `provider:model` or an alias; the run's interpreter when absent. */
  readonly interpreter?: string;
  readonly maxTurns: number;
  /** The text by which the user ends the conversation. */
  readonly stop: string;
  readonly settings: SamplingSettings;
  /** `seed N`: a base seed for the user's calls, mixed with each sample's; absent when not given. */
  readonly seed?: number;
  /** The user's system prompt: a template over the case's inputs (its instructions). */
  readonly instructions: readonly TemplatePart[];
  readonly span: SourceSpan;
}

/** `environment create_store`: the function, imported from a TypeScript module, that creates each sample's state. */
export interface EnvironmentDeclaration {
  readonly name: string;
  readonly create: EnvironmentFactory;
  readonly module: string;
  readonly span: SourceSpan;
}

/**
 * What makes a program an agent: tools, an environment, a simulated user and the loop's limits. A program with
 * tools or a simulated user has one; its prompt steps run as agent loops.
 */
export interface AgentDeclaration {
  readonly tools: readonly ToolDeclaration[];
  readonly mcpServers: readonly McpServerDeclaration[];
  readonly environment?: EnvironmentDeclaration;
  readonly simulatedUser?: SimulatedUserDeclaration;
  readonly settings: AgentSettings;
}

/** A test case: inputs, after defaults, and an optional reference value. */
export interface ProgramCase {
  readonly id: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /**
   * Whether the case has a reference value; `expected` may legitimately be `null`. A reference value may be an
   * object whose fields (reference fields) verifiers read as `expected.<field>`.
   */
  readonly hasExpected: boolean;
  readonly expected?: unknown;
  /** Where the case is written: the `case` item, or the `cases from` item that read it. */
  readonly span: SourceSpan;
  /** For a case read from a file: that file (absolute) and the row's line (or, for JSON and YAML, its position). */
  readonly origin?: { readonly file: string; readonly row: number };
}

/** A value passed to a called program: a path over the inputs and earlier steps' outputs, or a literal value. */
export type ArgumentValue =
  | { readonly kind: 'path'; readonly path: readonly string[] }
  | { readonly kind: 'literal'; readonly value: unknown };

/**
 * One step of a program. A prompt step is one interpreter call (the program's `system` message, if any, then its
 * prompt); a call step runs another program's steps on the same interpreter. Each step's output is readable by
 * later steps and by verifiers under the step's name; the last step's output is the program's output.
 */
export type StepDeclaration =
  | {
      readonly kind: 'prompt';
      readonly name: string;
      /** Templates over the inputs and earlier steps' outputs, the system message first. */
      readonly messages: readonly MessageTemplate[];
      readonly span: SourceSpan;
    }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly program: Program;
      /** The called program's inputs by name; inputs left out take their defaults. */
      readonly args: Readonly<Record<string, ArgumentValue>>;
      readonly span: SourceSpan;
    };

export { type CountMetric, isCountMetric, type MetricReference } from '../stats/metric-reference.js';

/**
 * A named judge: an LLM asked to score an output against a rubric. It is a stochastic verifier, so it is sampled
 * `samples` times per verdict; the verdict is the mean, and the spread and agreement of the samples are kept.
 * A judge's name is a score-valued name in verifier expressions.
 */
export interface JudgeDeclaration {
  readonly name: string;
  /** The judge's interpreter, `provider:model` or an alias from the config; the run's interpreter when absent. */
  readonly interpreter?: string;
  /** Verdicts drawn per sample; at least 1. */
  readonly samples: number;
  readonly settings: SamplingSettings;
  /**
   * The judge's messages: templates over the case's inputs by name, `output` (the program's final output),
   * `steps.<name>` (each step's output) and `expected` (the case's reference value).
   */
  readonly messages: readonly MessageTemplate[];
  readonly span: SourceSpan;
}

/** `expect <metric> <operator> <threshold>`, resolved. */
export interface Expectation {
  readonly metric: MetricReference;
  readonly operator: ComparisonOperator;
  readonly threshold: number;
  /** The expectation as written, such as `pass@10 >= 0.9`. */
  readonly text: string;
  /** Set for an expectation on one case: the metric is computed over that case alone. */
  readonly caseId?: string;
  readonly span: SourceSpan;
}

/** How many samples to draw per case, from which base seed, with which settings. */
export interface SamplingPlan {
  readonly samples: number;
  /** The base seed; the CLI's `--seed` overrides it. */
  readonly seed: number;
  readonly settings: SamplingSettings;
}

/**
 * A program whose names were all resolved: ready to run. Built from a parsed `.prog` file by `resolveProgram`.
 */
export interface Program {
  readonly file: string;
  /** The file's text, for rendering diagnostics that arise later. */
  readonly source: string;
  readonly name: string;
  readonly description?: string;
  /** The interpreter named by `model`, used when the user names none. */
  readonly defaultInterpreter?: string;
  /**
   * Every interpreter name the file writes, where it is written: its `model`, each judge's and its simulated user's
   * `model`. `informal check` and `informal test` check them against the config without parsing the file again.
   */
  readonly interpreterNames?: readonly { readonly name: string; readonly span: SourceSpan }[];
  readonly inputs: readonly InputDeclaration[];
  /** The messages of the first prompt step: for a program of one `prompt`, everything the interpreter is sent. */
  readonly messages: readonly MessageTemplate[];
  /** The steps in the order they run; a program of one `prompt` has one prompt step, named `main`. */
  readonly steps: readonly StepDeclaration[];
  /** The typed output; absent for text. */
  readonly output?: OutputDeclaration;
  /** Present when the program acts: its tools, environment, simulated user and the agent loop's limits. */
  readonly agent?: AgentDeclaration;
  /**
   * The `verify` expression, and the `require` gates checked before it in the order written: when a gate's value is
   * below 1, the score is 0 with that reason and `expression` is not evaluated.
   */
  readonly verify: { readonly expression: ExpressionNode; readonly requires: readonly ExpressionNode[] };
  /** Named judges, usable by name in `verify`. */
  readonly judges: readonly JudgeDeclaration[];
  /** Verifiers imported from TypeScript modules, by the name the program uses. */
  readonly verifiers: ReadonlyMap<string, ModuleVerifier>;
  /** A sample succeeds when its score compares to the threshold this way; `>= 1` unless `pass when` says otherwise. */
  readonly passWhen: { readonly operator: ComparisonOperator; readonly threshold: number };
  readonly cases: readonly ProgramCase[];
  readonly sampling: SamplingPlan;
  /** `budget 0.50`: dollars the program's run may spend on new calls (its own, its judges' and its user's). */
  readonly budget?: number;
  /**
   * `sequential` (`sequential error 0.05`): sample in rounds and stop once every expectation is decided at this
   * chance of a wrong decision, `sampling.samples` being the cap per case. The error rate is absent for the default.
   */
  readonly sequential?: { readonly errorRate?: number };
  readonly expectations: readonly Expectation[];
  /**
   * SHA-256 of what an interpreter sees: name, inputs, steps (with the hashes of called programs) and sampling
   * settings. Verifiers, cases and expectations do not enter it, so changing a check keeps the seeds and the cached
   * samples.
   */
  readonly hash: string;
}
