/**
 * Numbers written in prose: an optional sign (`-`, `+` or the Unicode minus `−`), digits with optional
 * thousands separators (`1,234,567`), an optional decimal part (`3.14`, `.5`) and an optional exponent
 * (`6.02e23`). A number glued to a preceding letter, digit or dot (`CO2`, `v2.0`) is not one; a hyphen between
 * two numbers (`3-5`) is a dash, not a sign. One pass over the text: linear in its length.
 */
const numberPattern =
  /(?<![\p{L}\p{N}_.])([-+\u2212]?)(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?|\.(\d+))(?:[eE]([-+]?\d+))?/gu;

/** A number found in a text, with where it stands. */
export interface FoundNumber {
  readonly value: number;
  /** The text it was read from, such as `-1,234.5`. */
  readonly text: string;
  readonly index: number;
}

/** Every number in the text, in order. */
export function findNumbers(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const match of text.matchAll(numberPattern)) {
    const [whole, sign, integer, fraction, bareFraction, exponent] = match;
    const digits = `${integer ? integer.replaceAll(',', '') : '0'}.${fraction ?? bareFraction ?? '0'}e${exponent ?? '0'}`;
    const value = Number(digits) * (sign === '-' || sign === '\u2212' ? -1 : 1);
    if (Number.isFinite(value)) found.push({ value, text: whole, index: match.index });
  }
  return found;
}
