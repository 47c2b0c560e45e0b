import type { ToolCall } from '../../contracts/tool.js';

interface StreamedCall {
  name: string;
  input: string;
  /** True once a `tool-call` part gave the whole input. */
  complete: boolean;
}

/**
 * The tool calls of a `doStream` answer, from its parts: `tool-input-start` (id and name), `tool-input-delta`
 * (pieces of the input) and `tool-call` (the whole input, which wins over the pieces). Calls come out in the order
 * they started; a call that started but never got its `tool-call` part keeps the input its pieces made. A part of
 * an id never started starts it.
 */
export class StreamedToolCalls {
  private readonly calls = new Map<string, StreamedCall>();

  start(id: string, name: string): void {
    if (!this.calls.has(id)) this.calls.set(id, { name, input: '', complete: false });
  }

  delta(id: string, delta: string): void {
    const call = this.calls.get(id);
    if (call === undefined) this.calls.set(id, { name: '', input: delta, complete: false });
    else if (!call.complete) call.input += delta;
  }

  call(id: string, name: string, input: string): void {
    this.calls.set(id, { name, input, complete: true });
  }

  /** The calls, in the order they started. */
  end(): ToolCall[] {
    return [...this.calls].map(([id, call]) => ({ id, name: call.name, arguments: call.input }));
  }
}
