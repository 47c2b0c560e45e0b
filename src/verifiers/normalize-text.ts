import { z } from 'zod';
import { valueToText } from '../lang/render-template.js';

/** Options shared by the verifiers that compare text. */
export const textOptions = {
  /** Compare without regard to letter case. */
  ignore_case: z.boolean().optional(),
  /** Unicode normal form: `nfc` (the default) keeps compatibility characters, `nfkc` folds them (`ﬁ` → `fi`, `①` → `1`). */
  unicode: z.enum(['nfc', 'nfkc']).optional(),
  /** Drop punctuation (Unicode category P) before comparing. */
  ignore_punctuation: z.boolean().optional(),
};

/** The parsed text options. */
export interface TextOptions {
  readonly ignore_case?: boolean | undefined;
  readonly unicode?: 'nfc' | 'nfkc' | undefined;
  readonly ignore_punctuation?: boolean | undefined;
}

/**
 * Text for comparison: Unicode NFC (or NFKC), optionally lower-cased and without punctuation, whitespace runs
 * collapsed to one space, ends trimmed. Linear in the length of the text.
 */
export function normalizeText(value: unknown, options: TextOptions = {}): string {
  let text = valueToText(value).normalize(options.unicode === 'nfkc' ? 'NFKC' : 'NFC');
  if (options.ignore_case) text = text.toLowerCase();
  if (options.ignore_punctuation) text = text.replace(/\p{P}+/gu, '');
  return text.replace(/\s+/gu, ' ').trim();
}

/** A short quoted excerpt of a value for explanations. */
export function quote(text: string, limit = 60): string {
  return JSON.stringify(text.length > limit ? `${text.slice(0, limit)}…` : text);
}

/** A value in words for diagnostics: its JSON, shortened. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quote(JSON.stringify(value) ?? 'undefined', 40);
}
