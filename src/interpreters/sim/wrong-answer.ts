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

/** What a failing simulated model says when it declines to answer. */
export const refusal = "I'm not able to answer that with confidence.";

/** Case-insensitive containment either way: such a wrong answer could pass a `contains` check. */
function overlaps(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x === '' || y === '' || x.includes(y) || y.includes(x);
}

/** The reference answers of other cases that are plainly not this one's: the answer to a neighbouring question. */
function otherCaseAnswers(text: string, others: readonly unknown[]): string[] {
  return others.map((other) => valueToText(other)).filter((other) => !overlaps(other, text));
}

/** The labels of an enum in a JSON Schema (the whole schema, or the property `field` of an object schema). */
function enumLabels(schema: Readonly<Record<string, unknown>> | undefined, field?: string): string[] {
  const node = field === undefined ? schema : (schema?.properties as Record<string, Record<string, unknown>>)?.[field];
  const labels = node?.enum;
  return Array.isArray(labels) ? labels.filter((label): label is string => typeof label === 'string') : [];
}

/** What a failing sample may draw on besides the reference answer itself. */
export interface WrongAnswerContext {
  /** The text of the prompt. */
  readonly prompt: string;
  /** Other cases' reference answers. */
  readonly others: readonly unknown[];
  /** The JSON Schema of a typed output. */
  readonly schema?: Readonly<Record<string, unknown>>;
}

/**
 * A plausibly wrong answer for a failed simulated sample, deterministic in `seed` and never the right answer (nor,
 * but for numbers, one containing it): for numbers, a near miss; for labels, another label of the output type or of
 * a list in the prompt; for other text, another case's answer, a name from the prompt, a refusal, or now and then a
 * misspelling (the one kind of error a lenient similarity check forgives); for objects, one field wrong.
 */
export function wrongAnswer(expected: unknown, context: WrongAnswerContext, seed: number): string {
  const draw = (salt: string) => drawFor(salt, seed);
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const entries = Object.entries(expected as Record<string, unknown>);
    const index = Math.floor(draw('field') * entries.length);
    const changed = entries.map(([key, value], position) => [
      key,
      position === index ? JSON.parse(JSON.stringify(wrongValue(value, context, seed, key))) : value,
    ]);
    return JSON.stringify(Object.fromEntries(changed));
  }
  return String(wrongValue(expected, context, seed));
}

/** One of `choices`, by weight; `undefined` entries are left out and their weight shared by the rest. */
function pick<T>(draw: number, choices: readonly (readonly [number, T | undefined])[]): T | undefined {
  const present = choices.filter((choice): choice is readonly [number, T] => choice[1] !== undefined);
  const total = present.reduce((sum, [weight]) => sum + weight, 0);
  let point = draw * total;
  for (const [weight, value] of present) {
    if (point < weight) return value;
    point -= weight;
  }
  return present.at(-1)?.[1];
}

/** The wrong answer, unless it contains the right one or is contained in it (a `contains` check would pass it). */
function orRefusal(text: string, wrong: string | undefined): string {
  if (wrong !== undefined && !overlaps(wrong, text)) return wrong;
  return [refusal, 'Unknown.', 'No idea.'].find((declined) => !overlaps(declined, text)) ?? '…';
}

function wrongValue(expected: unknown, context: WrongAnswerContext, seed: number, field?: string): unknown {
  const draw = (salt: string) => drawFor(salt, seed);
  if (typeof expected === 'boolean') return !expected;
  const text = valueToText(expected).trim();
  const asNumber = Number(text);
  if (text !== '' && Number.isFinite(asNumber)) {
    const wrong = nearbyNumber(asNumber, draw('number'));
    return typeof expected === 'number' ? Number(wrong) : wrong;
  }
  const labels = enumLabels(context.schema, field).filter((label) => !sameText(label, text));
  if (labels.length > 0) return labels[Math.floor(draw('label') * labels.length)];
  const choose = <T>(values: readonly T[], salt: string): T | undefined =>
    values.length > 0 ? values[Math.floor(draw(salt) * values.length)] : undefined;
  const words = text.split(/\s+/);
  if (words.length <= 3) {
    const alternatives = listAlternatives(context.prompt, text);
    if (alternatives.length > 0 && draw('strategy') < 0.8) return choose(alternatives, 'alternative');
    const names = promptNames(context.prompt).filter((name) => !overlaps(name, text));
    const misspelt = misspelling(text, draw('spelling'));
    return orRefusal(
      text,
      pick(draw('kind'), [
        [0.45, choose(otherCaseAnswers(text, context.others), 'other')],
        [0.25, choose(names, 'name')],
        [0.15, refusal],
        [0.15, sameText(misspelt, text) ? `${text}s` : misspelt],
      ]),
    );
  }
  const index = Math.floor(draw('word') * words.length);
  const replacement = misspelling(words[index] ?? '', draw('spelling'));
  const changed = words.map((word, position) => (position === index ? replacement : word)).join(' ');
  return orRefusal(
    text,
    pick(draw('kind'), [
      [0.5, choose(otherCaseAnswers(text, context.others), 'other')],
      [0.2, `${words.slice(0, Math.max(1, Math.floor(words.length / 3))).join(' ')} …`],
      [0.15, refusal],
      [0.15, changed],
    ]),
  );
}
