import type { TemplatePart } from './ast.js';

/** Looks up a dotted path in a record of values; undefined when any step is missing. */
export function lookupPath(values: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The text a value takes in a prompt: strings as they are, other values as JSON. */
export function valueToText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/**
 * Fills a template's `{{ path }}` parts from the values. Values are inserted as plain text: nothing in them is
 * read as template syntax.
 */
export function renderTemplate(parts: readonly TemplatePart[], values: Readonly<Record<string, unknown>>): string {
  let text = '';
  for (const part of parts) text += part.kind === 'text' ? part.text : valueToText(lookupPath(values, part.path));
  return text;
}
