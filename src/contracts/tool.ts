/**
 * A tool as an interpreter is shown it: a name, a description and the JSON Schema of its arguments (an object
 * schema). The interpreter may answer with calls of it (`ToolCall`); the engine runs them and sends the results back.
 */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  /** A JSON Schema of type `object`, as `z.toJSONSchema` produces. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/**
 * A call of a tool that an interpreter asked for. `arguments` is the JSON text the model wrote, as it wrote it: it
 * may be malformed, huge or hostile, and is parsed and checked by the engine, never trusted.
 */
export interface ToolCall {
  /** The call's id, unique within its turn; the result is sent back under it. */
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON text, as the model wrote them. */
  readonly arguments: string;
}

/**
 * Which tools an interpreter may call in a turn: `auto` (any, or none and answer), `required` (at least one),
 * `none` (answer in text), or one named tool.
 */
export type ToolChoice = 'auto' | 'required' | 'none' | { readonly tool: string };

/**
 * A call a case expects an agent to make, as the case's reference writes it (`expected.actions`). The engine applies
 * a case's actions to a fresh environment to find the expected end state; the simulator follows them to act like
 * an agent that knows the task.
 */
export interface ReferenceAction {
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}
