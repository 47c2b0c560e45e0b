import { quoteName, type ReadToolCallsResult, withUniqueIds } from './read-tool-calls.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

interface PartialCall {
  id?: string;
  name: string;
  arguments: string;
}

/**
 * Assembles the tool calls of a streamed chat completion from the `delta.tool_calls` fragments of its events. Each
 * fragment names its call by `index`: the first fragment of a call brings its id and name, later ones pieces of
 * its `arguments`, and the fragments of parallel calls may interleave. A new call takes the next index (0, 1, …);
 * a fragment without an index continues the last call, or starts the next one when it brings an id other than
 * the last call's. An index
 * out of that order, a type other than `function`, a name that changes, arguments that are not text, or (at the
 * end) a call without a name make the answer malformed.
 */
export class ToolCallFragments {
  private readonly calls: PartialCall[] = [];

  /** Adds the `delta.tool_calls` of one event; returns why they are malformed, if they are. */
  push(fragments: unknown): string | undefined {
    if (fragments == null) return undefined;
    if (!Array.isArray(fragments)) return '`delta.tool_calls` is not a list';
    for (const fragment of fragments as unknown[]) {
      const problem = this.fragment(fragment);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  /** The calls assembled, once the stream has ended, or why they are malformed. */
  end(): ReadToolCallsResult {
    const nameless = this.calls.findIndex((call) => call.name === '');
    if (nameless !== -1) return { ok: false, reason: `tool call ${nameless + 1} has no function name` };
    return { ok: true, toolCalls: withUniqueIds(this.calls) };
  }

  private fragment(fragment: unknown): string | undefined {
    if (!isRecord(fragment)) return 'a `delta.tool_calls` fragment is not an object';
    const { index, id, type } = fragment;
    const fn = fragment.function ?? {};
    if (!isRecord(fn)) return 'a `delta.tool_calls` fragment has a `function` that is not an object';
    if (type != null && type !== 'function') {
      return `a tool call has type ${quoteName(String(type))}, not "function"`;
    }
    if (id != null && typeof id !== 'string') return 'a tool call has an `id` that is not text';
    let call: PartialCall | undefined;
    if (index == null) {
      const last = this.calls.at(-1);
      call = last !== undefined && (id == null || id === '' || last.id === id) ? last : undefined;
    } else {
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
        const shown = typeof index === 'number' ? String(index) : quoteName(JSON.stringify(index) ?? typeof index);
        return `a tool call has the index ${shown}, not a count from 0`;
      }
      if (index > this.calls.length) {
        return `a tool call fragment has the index ${index} before any of index ${this.calls.length}`;
      }
      call = this.calls[index];
    }
    if (call === undefined) {
      call = { name: '', arguments: '' };
      this.calls.push(call);
    }
    if (call.id === undefined && typeof id === 'string' && id !== '') call.id = id;
    const { name, arguments: args } = fn;
    const which = `tool call ${this.calls.indexOf(call) + 1}`;
    if (name != null) {
      if (typeof name !== 'string') return `${which} has a name that is not text`;
      if (call.name === '') call.name = name;
      else if (name !== '' && name !== call.name) {
        return `${which} changes its name from ${quoteName(call.name)} to ${quoteName(name)}`;
      }
    }
    if (args != null) {
      if (typeof args !== 'string') {
        const named = call.name === '' ? which : `${which} (${quoteName(call.name)})`;
        return `the arguments of ${named} are ${Array.isArray(args) ? 'a list' : typeof args}, not JSON text`;
      }
      call.arguments += args;
    }
    return undefined;
  }
}
