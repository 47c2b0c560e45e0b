import { valueToText } from '../../lang/render-template.js';
import { getOrCreate } from '../../util/get-or-create.js';
import { hashToUint31, mixToUnit } from '../../util/stable-hash.js';

const saltBases = new Map<string, number>();

/** A number in [0, 1) for one choice (`salt`) of one sample (`seed`). */
function drawFor(salt: string, seed: number): number {
  return mixToUnit(
    getOrCreate(saltBases, salt, () => hashToUint31('sim-wrong', salt)),
    seed,
  );
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A number near the right one: off by one, by a small amount, or by a digit slip. */
function nearbyNumber(value: number, draw: number): string {
  const magnitude = Math.max(1, Math.abs(value));
  const offsets = Number.isInteger(value)
    ? [1, -1, 2, -10, 10, Math.round(magnitude * 0.1) || 3]
    : [magnitude * 0.1, -magnitude * 0.1, 0.5, -0.5];
  const offset = offsets[Math.floor(draw * offsets.length)] ?? 1;
  const wrong = value + offset;
  return Number.isInteger(value) ? String(Math.round(wrong)) : String(Number(wrong.toPrecision(6)));
}

/** The word with two neighbouring inner letters swapped, or its last letter dropped. */
function misspelling(word: string, draw: number): string {
  if (word.length < 4) return `${word}${word.at(-1) ?? ''}`;
  const index = 1 + Math.floor(draw * (word.length - 3));
  return `${word.slice(0, index)}${word[index + 1]}${word[index]}${word.slice(index + 2)}`;
}

/** Capitalised words inside sentences of the prompt (not at their start): the names a confused model answers with. */
function promptNames(prompt: string): string[] {
  return [...new Set(prompt.match(/(?<=[a-z,] )[A-Z][a-z]{2,}\b/g) ?? [])];
}

/** The other options of a list in the prompt that holds the answer, as in "positive, negative or neutral". */
function listAlternatives(prompt: string, answer: string): string[] {
  const wanted = answer.toLowerCase();
  for (const list of prompt.match(/[\w-]+(?:, [\w-]+)*,? (?:or|and) [\w-]+/g) ?? []) {
    const options = list.split(/,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+/).map((option) => option.trim());
    if (options.some((option) => option.toLowerCase() === wanted)) {
      return options.filter((option) => option !== '' && option.toLowerCase() !== wanted);
    }
  }
  return [];
}

/**
 * A plausible wrong answer for a failed simulated sample: a nearby number for numeric answers, a name taken from
 * the prompt or a misspelling for short answers, a word changed for longer ones, one field changed for objects.
 * Never the right answer, and deterministic in `seed`.
 */
export function wrongAnswer(expected: unknown, prompt: string, seed: number): string {
  const draw = (salt: string) => drawFor(salt, seed);
  if (expected === undefined) return 'I am not sure; it depends on details the question leaves out.';
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const entries = Object.entries(expected as Record<string, unknown>);
    const index = Math.floor(draw('field') * entries.length);
    const changed = entries.map(([key, value], position) => [
      key,
      position === index ? JSON.parse(JSON.stringify(wrongValue(value, prompt, seed))) : value,
    ]);
    return JSON.stringify(Object.fromEntries(changed));
  }
  return String(wrongValue(expected, prompt, seed));
}

function wrongValue(expected: unknown, prompt: string, seed: number): unknown {
  const draw = (salt: string) => drawFor(salt, seed);
  if (typeof expected === 'boolean') return !expected;
  const text = valueToText(expected).trim();
  const asNumber = Number(text);
  if (text !== '' && Number.isFinite(asNumber)) {
    const wrong = nearbyNumber(asNumber, draw('number'));
    return typeof expected === 'number' ? Number(wrong) : wrong;
  }
  const words = text.split(/\s+/);
  if (words.length <= 3) {
    const alternatives = listAlternatives(prompt, text);
    if (alternatives.length > 0 && draw('strategy') < 0.8) {
      return alternatives[Math.floor(draw('alternative') * alternatives.length)];
    }
    const names = promptNames(prompt).filter((name) => !text.toLowerCase().includes(name.toLowerCase()));
    if (names.length > 0 && draw('strategy') < 0.5) return names[Math.floor(draw('name') * names.length)];
    const wrong = misspelling(text, draw('spelling'));
    return sameText(wrong, text) ? `${text}s` : wrong;
  }
  const index = Math.floor(draw('word') * words.length);
  const replacement = misspelling(words[index] ?? '', draw('spelling'));
  const changed = words.map((word, position) => (position === index ? replacement : word)).join(' ');
  return sameText(changed, text) ? `${text} (probably)` : changed;
}
