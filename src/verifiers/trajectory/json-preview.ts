/** At most this many characters of a value are shown in an explanation. */
const previewLimit = 40;

/**
 * A value as an explanation shows it: its JSON, cut to a few dozen characters; `absent` for nothing. JSON text
 * escapes control characters, so a hostile string cannot reach a terminal or a report raw.
 */
export function previewJson(value: unknown, limit = previewLimit): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value) ?? 'absent';
  if (text.length <= limit) return text;
  // Never cut a surrogate pair in two.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, end)}…`;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** A JSON path one step further: `.name` for a plain key, `["odd key"]` (quoted, cut) for another, `[3]` for an index. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return identifier.test(key) && key.length <= previewLimit ? `${path}.${key}` : `${path}[${previewJson(key)}]`;
}
