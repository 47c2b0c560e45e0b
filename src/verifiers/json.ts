import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { quote } from './normalize-text.js';

/** A whole text wrapped in one Markdown code fence, as models often write JSON. */
const fencePattern = /^\s*```[\w-]*[ \t]*\n([\s\S]*?)\n?```\s*$/;

/** The outcome of reading a value as JSON. */
export type JsonReading =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a value as JSON. A string is parsed (after removing one enclosing code fence unless `strict`); any other
 * value is already data (a typed output). Linear in the length of the text.
 */
export function readJson(value: unknown, strict = false): JsonReading {
  if (typeof value !== 'string') {
    return value === undefined ? { ok: false, reason: 'there is no value' } : { ok: true, data: value };
  }
  const text = strict ? value : (fencePattern.exec(value)?.[1] ?? value);
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `${quote(text)} is not JSON: ${(error as Error).message}` };
  }
}

/** `json(value, { strict })`: 1 when the value is valid JSON, else 0. */
export const json = defineBuiltin({
  name: 'json',
  summary: 'the value is valid JSON',
  parameters: [{ name: 'value', type: 'any value' }],
  options: z.strictObject({
    /** When true, a text wrapped in a Markdown code fence is not JSON. Default false. */
    strict: z.boolean().optional(),
  }),
  score([value], options) {
    const reading = readJson(value, options.strict);
    return reading.ok ? scored(1) : scored(0, { explanation: reading.reason });
  },
});
