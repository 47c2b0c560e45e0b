import type { ComparisonOperator } from '../contracts/comparison-operator.js';
import type { CostMeasure, LatencyStatistic } from '../stats/metric-reference.js';
import type { SourceSpan } from './source-span.js';

/** Every AST node records where it came from. */
export interface Node {
  readonly span: SourceSpan;
}

/** A name written in the source, with its place. */
export interface Identifier extends Node {
  readonly name: string;
}

/** A string written in the source (a path, an id), with its place. */
export interface StringNode extends Node {
  readonly value: string;
}

/** A whole `.prog` file: the version header, its imports and one program. */
export interface DocumentNode extends Node {
  readonly kind: 'document';
  readonly version: { readonly value: number; readonly span: SourceSpan };
  readonly imports: readonly ImportItem[];
  readonly program: ProgramNode;
}

/**
 * `import { a, b } from "./other.prog"` (the program of that file, callable as a step) or
 * `import { a, b } from "./checks.ts"` (verifiers of a TypeScript module). Paths are relative to the file.
 */
export interface ImportItem extends Node {
  readonly kind: 'import';
  readonly names: readonly Identifier[];
  readonly from: StringNode;
}

export interface ProgramNode extends Node {
  readonly kind: 'program';
  readonly name: Identifier;
  readonly description?: string;
  readonly items: readonly ItemNode[];
}

export type ItemNode =
  | ModelItem
  | InputItem
  | OutputItem
  | MessageItem
  | StepItem
  | JudgeItem
  | VerifyItem
  | RequireItem
  | PassWhenItem
  | CaseItem
  | CasesFromItem
  | SampleItem
  | ExpectItem
  | HistoryItem
  | ToolItem
  | McpItem
  | EnvironmentItem
  | AgentItem
  | SimulateUserItem
  | BudgetItem
  | SequentialItem;

/** `model "provider:model"`: the program's default interpreter. */
export interface ModelItem extends Node {
  readonly kind: 'model';
  readonly interpreterId: string;
}

/** A type as written: `string`, `"low" | "high"`, `string[]`, `{ name: string, age?: integer }`. */
export type TypeNode =
  | {
      readonly kind: 'primitive';
      readonly name: 'string' | 'number' | 'integer' | 'boolean';
      readonly span: SourceSpan;
    }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly span: SourceSpan }
  | { readonly kind: 'array'; readonly element: TypeNode; readonly span: SourceSpan }
  | { readonly kind: 'object'; readonly fields: readonly TypeField[]; readonly span: SourceSpan };

/** A field of an object type, or a parameter of a tool: `name: T`, or `name?: T` when it may be left out. */
export interface TypeField {
  readonly name: Identifier;
  readonly optional: boolean;
  readonly type: TypeNode;
}

/** `input name: type = default`. */
export interface InputItem extends Node {
  readonly kind: 'input';
  readonly name: Identifier;
  readonly type: TypeNode;
  readonly defaultValue?: LiteralNode;
}

/** `output <type>`: the program's final output is JSON of this type (text when absent). */
export interface OutputItem extends Node {
  readonly kind: 'output';
  readonly type: TypeNode;
}

/** A piece of a prompt: literal text, or a `{{ path }}` to fill in. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly path: readonly string[]; readonly span: SourceSpan };

/** The text of a prompt: written in place (a block is already dedented), or `from "./file.md"`. */
export type PromptText =
  | { readonly kind: 'inline'; readonly parts: readonly TemplatePart[]; readonly span: SourceSpan }
  | { readonly kind: 'file'; readonly path: StringNode; readonly span: SourceSpan };

/** `system """…"""` or `prompt """…"""` (a step named `main`); either may be `from "./file.md"`. */
export interface MessageItem extends Node {
  readonly kind: 'message';
  readonly role: 'system' | 'user';
  readonly text: PromptText;
}

/**
 * `user """…"""` or `assistant """…"""`: a message of the conversation's history (few-shot examples, an earlier
 * exchange), kept in order after `system` and before each step's prompt.
 */
export interface HistoryItem extends Node {
  readonly kind: 'history';
  readonly role: 'user' | 'assistant';
  readonly text: PromptText;
}

/**
 * `tool name(parameters)? "description"`: a tool the program's interpreter may call, implemented by the import of
 * the same name (a TypeScript function or a program). Without parameters, a program tool takes its inputs.
 */
export interface ToolItem extends Node {
  readonly kind: 'tool';
  readonly name: Identifier;
  /** The parameters as written; absent without parentheses. */
  readonly parameters?: readonly TypeField[];
  readonly description: StringNode;
}

/** `mcp name { command: "…", args: […], env: {…}, tools: […] }`: an MCP server over stdio; the object is checked when resolving. */
export interface McpItem extends Node {
  readonly kind: 'mcp';
  readonly name: Identifier;
  readonly config: ObjectLiteral;
}

/** `environment name`: the imported function that creates each sample's environment state. */
export interface EnvironmentItem extends Node {
  readonly kind: 'environment';
  readonly name: Identifier;
}

export type AgentSettingName = 'max_turns' | 'tool_timeout' | 'max_tokens' | 'tool_choice' | 'parallel_tool_calls';

/** `agent max_turns 20 tool_choice "auto"`: the limits of the agent loop; each value is checked when resolving. */
export interface AgentItem extends Node {
  readonly kind: 'agent';
  readonly settings: readonly {
    readonly name: AgentSettingName;
    readonly value: LiteralNode;
    readonly span: SourceSpan;
  }[];
}

/** `simulate user model "…" max_turns 10 stop "…" temperature 0 """instructions"""`. */
export interface SimulateUserItem extends Node {
  readonly kind: 'simulate-user';
  readonly settings: readonly (
    | { readonly name: 'model' | 'stop'; readonly value: string; readonly span: SourceSpan }
    | { readonly name: 'max_turns' | SampleSettingName; readonly value: number; readonly span: SourceSpan }
  )[];
  /** The simulated user's system prompt, a template over the case's inputs. */
  readonly instructions: PromptText;
}

/** A value passed to a called program: a literal, or a path over the inputs and earlier steps. */
export type ArgumentValueNode =
  | { readonly kind: 'literal'; readonly literal: LiteralNode; readonly span: SourceSpan }
  | { readonly kind: 'path'; readonly path: readonly string[]; readonly span: SourceSpan };

/** One argument of a program call: positional, or `name: value`. */
export interface CallArgumentNode extends Node {
  readonly name?: Identifier;
  readonly value: ArgumentValueNode;
}

/** `step name = program(arguments…)` or `step name = """…"""`. */
export interface StepItem extends Node {
  readonly kind: 'step';
  readonly name: Identifier;
  readonly body:
    | { readonly kind: 'call'; readonly callee: Identifier; readonly args: readonly CallArgumentNode[] }
    | { readonly kind: 'prompt'; readonly text: PromptText };
}

/** `judge name model "…" samples 3 temperature 0 """rubric"""`. */
export interface JudgeItem extends Node {
  readonly kind: 'judge';
  readonly name: Identifier;
  readonly settings: readonly (
    | { readonly name: 'model'; readonly value: string; readonly span: SourceSpan }
    | { readonly name: 'samples' | SampleSettingName; readonly value: number; readonly span: SourceSpan }
  )[];
  readonly rubric: PromptText;
}

export interface VerifyItem extends Node {
  readonly kind: 'verify';
  readonly expression: ExpressionNode;
}

/** `require <expression>`: a hard gate. When its value is below 1, the score is 0 with that reason. */
export interface RequireItem extends Node {
  readonly kind: 'require';
  readonly expression: ExpressionNode;
}

export type { ComparisonOperator };

/** `pass when score >= 0.7`. */
export interface PassWhenItem extends Node {
  readonly kind: 'pass-when';
  readonly operator: ComparisonOperator;
  readonly threshold: number;
}

/** `case "id" { field: value, … } -> expected expect pass@1 >= 0.9`. */
export interface CaseItem extends Node {
  readonly kind: 'case';
  readonly id: { readonly value: string; readonly span: SourceSpan };
  /** The inputs, and reference fields (fields that are not inputs, readable by verifiers as `expected.<field>`). */
  readonly inputs: ObjectLiteral;
  readonly expected?: LiteralNode;
  /** Expectations over this case alone. */
  readonly expectations: readonly ExpectItem[];
}

/** `cases from "./file.jsonl" { id: "…", expected: "…", inputs: { name: "column" } }`. */
export interface CasesFromItem extends Node {
  readonly kind: 'cases-from';
  readonly path: StringNode;
  /** The field mapping as written; checked when resolving. */
  readonly mapping?: ObjectLiteral;
}

export type SampleSettingName = 'temperature' | 'top_p' | 'max_tokens' | 'seed';

/** `sample 20 temperature 0.7 seed 1`. */
export interface SampleItem extends Node {
  readonly kind: 'sample';
  readonly count: { readonly value: number; readonly span: SourceSpan };
  readonly settings: readonly { readonly name: SampleSettingName; readonly value: number; readonly span: SourceSpan }[];
}

/** A metric as written: its name and numbers (see `MetricReference` in program.ts for what each means). */
export type MetricNode = (
  | { readonly name: 'pass@k' | 'pass^k' | 'max@k'; readonly k: number }
  | { readonly name: 'g-pass@k'; readonly k: number; readonly tau: number }
  | { readonly name: 'attempts'; readonly budget: number }
  | { readonly name: 'suite-k'; readonly quantile: number }
  | { readonly name: 'mean-score' | 'pass@inf' | 'error-rate' | 'tokens-per-sample' }
  | { readonly name: 'cost'; readonly measure: CostMeasure }
  | { readonly name: 'latency'; readonly statistic: LatencyStatistic }
) & { readonly span: SourceSpan };

/** `budget 0.50`: dollars the program's run may spend on new calls. */
export interface BudgetItem extends Node {
  readonly kind: 'budget';
  readonly dollars: number;
}

/** `sequential` or `sequential error 0.05`: decide the expectations as early as the data allow. */
export interface SequentialItem extends Node {
  readonly kind: 'sequential';
  /** The chance of a wrong decision, over all the program's expectations; absent for the default. */
  readonly errorRate?: number;
  /** Where the error rate is written, for diagnostics. */
  readonly errorSpan?: SourceSpan;
}

/** `expect pass@10 >= 0.9`, for the program or (after a case) for one case. */
export interface ExpectItem extends Node {
  readonly kind: 'expect';
  readonly metric: MetricNode;
  readonly operator: ComparisonOperator;
  readonly threshold: number;
}

export type LiteralNode =
  | { readonly kind: 'string'; readonly value: string; readonly span: SourceSpan }
  | { readonly kind: 'number'; readonly value: number; readonly span: SourceSpan }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: SourceSpan }
  | { readonly kind: 'null'; readonly span: SourceSpan }
  | ArrayLiteral
  | ObjectLiteral;

export interface ArrayLiteral extends Node {
  readonly kind: 'array';
  readonly items: readonly LiteralNode[];
}

export interface ObjectLiteral extends Node {
  readonly kind: 'object';
  readonly fields: readonly { readonly name: Identifier; readonly value: LiteralNode }[];
}

export type BinaryOperator = 'and' | 'or' | '+' | '-' | '*' | '/' | ComparisonOperator;

/** Verifier expressions. */
export type ExpressionNode =
  | { readonly kind: 'literal'; readonly literal: LiteralNode; readonly span: SourceSpan }
  | { readonly kind: 'name'; readonly name: string; readonly span: SourceSpan }
  | {
      readonly kind: 'member';
      readonly object: ExpressionNode;
      readonly property: Identifier;
      readonly span: SourceSpan;
    }
  | {
      readonly kind: 'call';
      readonly callee: Identifier;
      readonly args: readonly ExpressionNode[];
      readonly span: SourceSpan;
    }
  | { readonly kind: 'not'; readonly operand: ExpressionNode; readonly span: SourceSpan }
  | { readonly kind: 'negate'; readonly operand: ExpressionNode; readonly span: SourceSpan }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
      readonly span: SourceSpan;
    };

/** The plain JavaScript value a literal denotes. */
export function literalValue(literal: LiteralNode): unknown {
  switch (literal.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return literal.value;
    case 'null':
      return null;
    case 'array':
      return literal.items.map(literalValue);
    case 'object':
      return Object.fromEntries(literal.fields.map((field) => [field.name.name, literalValue(field.value)]));
    default:
      return literal satisfies never;
  }
}
