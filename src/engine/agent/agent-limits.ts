/**
 * Bounds on what a model's tool calls may make the engine do. Model output is adversarial: a call's arguments may be
 * megabytes of text or JSON nested thousands deep, a turn may ask for hundreds of calls, a tool may answer with a
 * huge value. Past these bounds the call is a tool error the model reads (or its result is cut), never a crash.
 */
export const agentLimits = {
  /** The longest arguments text parsed, in characters. */
  maxArgumentChars: 256 * 1024,
  /** The deepest nesting of arrays and objects accepted in arguments. */
  maxArgumentDepth: 64,
  /** The most tool calls run in one turn; further calls of the turn are answered with an error. */
  maxCallsPerTurn: 64,
  /** The longest result sent back to the model, in characters; longer ones are cut with a note. */
  maxResultChars: 64 * 1024,
  /** The deepest nesting of a result the trace keeps as a value; a deeper one is kept as its JSON text. */
  maxResultDepth: 128,
  /** The longest tool name or id quoted in an error message. */
  maxQuotedChars: 80,
} as const;

/**
 * The deepest nesting of `[`/`{` in JSON text, outside strings, counted without recursion: so that text nested too
 * deep for a recursive walk (`JSON.stringify`, a schema check) is refused before it is parsed.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92 /* \ */) index++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 /* [ */ || code === 123 /* { */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === 93 /* ] */ || code === 125 /* } */) depth--;
  }
  return deepest;
}

/** `text` quoted for an error message, cut to a readable length. */
export function quoted(text: string): string {
  const cut = text.length > agentLimits.maxQuotedChars ? `${text.slice(0, agentLimits.maxQuotedChars)}…` : text;
  return JSON.stringify(cut);
}

/** The total tokens of a usage, 0 when unknown. */
export function totalTokens(
  usage: { readonly inputTokens: number; readonly outputTokens: number } | undefined,
): number {
  return usage ? usage.inputTokens + usage.outputTokens : 0;
}
