/**
 * A tool call as the test server writes it. `arguments` is normally JSON text; any other value (an object, a
 * number) is written as it is, to script a malformed answer. Leaving `name` out scripts a call without a name.
 */
export interface ScriptedToolCall {
  readonly id?: string;
  readonly name?: string;
  readonly arguments: unknown;
  /** Written as the call's `type`; `function` by default. */
  readonly type?: string;
}

/** The `tool_calls` of an answer that is not streamed. */
export function toolCallsOfMessage(calls: readonly ScriptedToolCall[]): unknown[] {
  return calls.map((call, index) => ({
    id: call.id ?? `call_${index}`,
    type: call.type ?? 'function',
    function: { ...(call.name === undefined ? {} : { name: call.name }), arguments: call.arguments },
  }));
}

/** Splits text into pieces of `size` characters (the last one shorter). */
const piecesOf = (text: string, size: number) => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];

/**
 * The `delta.tool_calls` of each event of a streamed answer, as servers write them: a call's first fragment brings
 * its index, id, type and name with empty arguments; then its arguments follow in pieces of `pieceSize`
 * characters. With `interleave`, the fragments of parallel calls alternate (call 0, call 1, call 0, …) once every
 * call has started; otherwise each call is written whole before the next. Arguments that are not text go whole in
 * one fragment.
 */
export function toolCallDeltas(calls: readonly ScriptedToolCall[], interleave: boolean, pieceSize = 3): unknown[][] {
  const perCall = calls.map((call, index) => {
    const start = {
      index,
      id: call.id ?? `call_${index}`,
      type: call.type ?? 'function',
      function: { ...(call.name === undefined ? {} : { name: call.name }), arguments: '' },
    };
    const rest =
      typeof call.arguments === 'string'
        ? piecesOf(call.arguments, pieceSize).map((piece) => ({ index, function: { arguments: piece } }))
        : [{ index, function: { arguments: call.arguments } }];
    return [start, ...rest];
  });
  if (!interleave) return perCall.flat().map((fragment) => [fragment]);
  const starts = perCall.map((fragments) => [fragments[0]]);
  const rests = perCall.map((fragments) => fragments.slice(1));
  const alternated: unknown[][] = [];
  for (let round = 0; rests.some((rest) => round < rest.length); round++) {
    for (const rest of rests) if (round < rest.length) alternated.push([rest[round]]);
  }
  return [...starts, ...alternated];
}
