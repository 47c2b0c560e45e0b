import { valueToText } from '../program/render-template.js';

/** Text for comparison: Unicode NFC, whitespace runs collapsed to one space, ends trimmed. */
export function normalizeText(value: unknown): string {
  return valueToText(value).normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** A short quoted excerpt of a value for explanations. */
export function quote(text: string, limit = 60): string {
  return JSON.stringify(text.length > limit ? `${text.slice(0, limit)}…` : text);
}
