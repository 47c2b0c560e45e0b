type Schema = Readonly<Record<string, unknown>>;

/**
 * The word of the user's message an argument most likely wants: the first one holding a digit (an id such as
 * `W1` in "order #W1"), else its last line.
 */
export function likelyValue(text: string): string {
  // Scanned by hand, not by a regular expression: linear on any text, however long or odd.
  const digit = text.search(/\d/);
  if (digit >= 0) {
    const isWordCharacter = (index: number) => /[A-Za-z0-9_-]/.test(text.charAt(index));
    let start = digit;
    while (start > 0 && isWordCharacter(start - 1)) start--;
    let end = digit + 1;
    while (end < text.length && isWordCharacter(end)) end++;
    return text.slice(start, Math.min(end, start + 200));
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines.at(-1) ?? '').trim().slice(0, 200);
}

function guessedValue(schema: Schema | undefined, text: string, depth: number): unknown {
  if (!schema || depth > 8) return likelyValue(text);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0)
    return guessedValue(schema.anyOf[0] as Schema, text, depth + 1);
  switch (schema.type) {
    case 'object':
      return argumentsFromSchema(schema, text, depth + 1);
    case 'array':
      return [guessedValue(schema.items as Schema | undefined, text, depth + 1)];
    case 'integer':
    case 'number': {
      const number = /-?\d+(?:\.\d+)?/.exec(text);
      const value = number ? Number(number[0]) : 1;
      return schema.type === 'integer' ? Math.trunc(value) : value;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return likelyValue(text);
  }
}

/**
 * Arguments a model guesses from a tool's JSON Schema and the user's words: each required field (every field when the
 * schema lists none), an enum's first label, a number of the text, and for text the word that looks like an id.
 */
export function argumentsFromSchema(schema: Schema, text: string, depth = 0): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = Array.isArray(schema.required)
    ? schema.required.filter((key): key is string => typeof key === 'string')
    : Object.keys(properties);
  const result: Record<string, unknown> = {};
  for (const key of required) {
    // Defined as data: a key such as `__proto__` is an own field, never the object's prototype.
    Object.defineProperty(result, key, {
      value: guessedValue(properties[key], text, depth),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** Another value of the same kind, close to the right one: another label, a typo, a number off by one. */
function changedValue(value: unknown, schema: Schema | undefined, draw: number): unknown {
  const labels = Array.isArray(schema?.enum) ? schema.enum.filter((label) => label !== value) : [];
  if (labels.length > 0) return labels[Math.floor(draw * labels.length)];
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + (draw < 0.5 ? 1 : -1);
  if (typeof value === 'string') {
    if (value.length < 4) return `${value}${value.at(-1) ?? 'x'}`;
    const index = 1 + Math.floor(draw * (value.length - 3));
    const swapped = `${value.slice(0, index)}${value[index + 1]}${value[index]}${value.slice(index + 2)}`;
    return swapped === value ? `${value}s` : swapped;
  }
  return null;
}

/**
 * The reference arguments with one field changed (`missing` false) or left out (`missing` true), as JSON text;
 * undefined when there is no field to change. `draw` picks the field and the change.
 */
export function wrongArguments(
  args: Readonly<Record<string, unknown>>,
  schema: Schema | undefined,
  missing: boolean,
  draw: number,
): string | undefined {
  const keys = Object.keys(args);
  if (keys.length === 0) return undefined;
  const index = Math.floor(draw * keys.length);
  const key = keys[index] as string;
  const properties = (schema?.properties ?? {}) as Record<string, Schema>;
  const entries = keys.flatMap((other) => {
    if (other !== key) return [[other, args[other]] as const];
    if (missing) return [];
    return [[other, changedValue(args[other], properties[other], draw * keys.length - index)] as const];
  });
  const result: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return JSON.stringify(result);
}
