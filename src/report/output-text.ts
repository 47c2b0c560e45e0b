/** A sample's output as text: a string as it is, anything else as JSON. */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  return JSON.stringify(output) ?? String(output);
}

/** The first `limit` characters of a text, with an ellipsis and the count of those left out when it is longer. */
export function excerpt(text: string, limit = 200): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}
