import type { CaseItem, ComparisonOperator, ExpectItem, LiteralNode, MetricNode, ObjectLiteral } from './ast.js';
import { unescapeString } from './cst-reader.js';

// A large file is mostly `case` items of literal data, one per line. Matching each through ohm costs about 40
// rule applications (most of the time of parsing 100,000 of them), so `parseInChunks` first tries this reader,
// which reads the same text as the grammar's `CaseItem` but only for what it is sure of: literals that are strings,
// numbers, booleans, null, arrays and objects as the grammar writes them, then same-line `expect`s. On anything
// else (an escape the grammar refuses, a Unicode letter in a name, a token out of place) it answers undefined, and
// the grammar reads the item instead, so a mistake gets the grammar's message.

const space = 32;
const tab = 9;
const newline = 10;
const quote = 34;
const hash = 35;
const backslash = 92;
const minus = 45;
const dot = 46;
const comma = 44;
const colon = 58;

/** Escapes the grammar accepts after `\` in a string: `"`, `\`, `n`, `t`, `r`, `{`. */
const escapes = new Set([quote, backslash, 110, 116, 114, 123]);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isWordStart = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
const isWordPart = (code: number): boolean => isWordStart(code) || isDigit(code);

/** Words the grammar never reads as a name. */
const keywords = new Set(['and', 'or', 'not', 'true', 'false', 'null']);

/** Thrown inside the reader when the text is not one it is sure of; never leaves `readSimpleCase`. */
class NotSimple {}
const notSimple = new NotSimple();

class SimpleCaseReader {
  constructor(
    private readonly text: string,
    private index: number,
  ) {}

  private code(offset = 0): number {
    return this.text.charCodeAt(this.index + offset);
  }

  /** What the grammar's `spaces` skips: characters up to U+0020, U+FEFF, and comments from `#` to the line's end. */
  skipSpaces(): void {
    const { text } = this;
    for (;;) {
      const code = text.charCodeAt(this.index);
      if (code <= space || code === 0xfeff) this.index++;
      else if (code === hash) {
        const end = text.indexOf('\n', this.index);
        this.index = end === -1 ? text.length : end;
      } else return;
    }
  }

  /** Past the fixed text `word` (after spaces), or not simple. */
  expect(word: string): void {
    this.skipSpaces();
    if (!this.text.startsWith(word, this.index)) throw notSimple;
    this.index += word.length;
  }

  /** The end of a word of ASCII letters, digits and `_` from the current index; not simple when a non-ASCII character follows. */
  private wordEnd(): number {
    let end = this.index;
    while (isWordPart(this.text.charCodeAt(end))) end++;
    if (this.text.charCodeAt(end) > 0x7f) throw notSimple;
    return end;
  }

  /** A `stringLiteral` at the current index (spaces skipped before it), with its span. */
  stringLiteral(): { value: string; start: number; end: number } {
    this.skipSpaces();
    const { text } = this;
    const start = this.index;
    if (text.charCodeAt(start) !== quote || text.startsWith('"""', start)) throw notSimple;
    let end = start + 1;
    let escaped = false;
    for (;;) {
      const code = text.charCodeAt(end);
      if (code === quote) break;
      if (code === newline || Number.isNaN(code)) throw notSimple;
      if (code === backslash) {
        if (!escapes.has(text.charCodeAt(end + 1))) throw notSimple;
        escaped = true;
        end += 2;
      } else end++;
    }
    this.index = end + 1;
    const inside = text.slice(start + 1, end);
    return { value: escaped ? unescapeString(inside) : inside, start, end: end + 1 };
  }

  /** A `Literal` (spaces skipped before it). */
  literal(): LiteralNode {
    this.skipSpaces();
    const code = this.code();
    const start = this.index;
    if (code === 123) return this.object();
    if (code === 91) {
      this.index++;
      const items = this.list(93, () => this.literal());
      return { kind: 'array', items, span: { start, end: this.index } };
    }
    if (code === quote) {
      const { value, end } = this.stringLiteral();
      return { kind: 'string', value, span: { start, end } };
    }
    if (code === minus || code === dot || isDigit(code)) return this.number();
    const end = this.wordEnd();
    const word = this.text.slice(start, end);
    this.index = end;
    const span = { start, end };
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', span };
    if (word === 'null') return { kind: 'null', span };
    throw notSimple;
  }

  /** A `number`: `-`? then digits with an optional fraction, or a fraction alone; then an optional exponent. */
  number(): LiteralNode & { kind: 'number' } {
    const start = this.index;
    if (this.code() === minus) this.index++;
    const digits = (): number => {
      const from = this.index;
      while (isDigit(this.code())) this.index++;
      return this.index - from;
    };
    if (digits() > 0) {
      if (this.code() === dot && isDigit(this.code(1))) {
        this.index++;
        digits();
      }
    } else if (this.code() === dot && isDigit(this.code(1))) {
      this.index++;
      digits();
    } else throw notSimple;
    const exponent = this.code();
    if (exponent === 101 || exponent === 69) {
      const sign = this.code(1) === 43 || this.code(1) === minus ? 1 : 0;
      if (isDigit(this.code(1 + sign))) {
        this.index += 1 + sign;
        digits();
      }
    }
    const span = { start, end: this.index };
    return { kind: 'number', value: Number(this.text.slice(start, this.index)), span };
  }

  /** Whether the text at the current index is `word` followed by a character that cannot go on a name. */
  private word(word: string): boolean {
    if (!this.text.startsWith(word, this.index)) return false;
    const after = this.text.charCodeAt(this.index + word.length);
    if (after > 0x7f) throw notSimple;
    if (isWordPart(after)) return false;
    this.index += word.length;
    return true;
  }

  /** ASCII digits at the current index, at least one, as a number. */
  private digits(): number {
    const start = this.index;
    while (isDigit(this.code())) this.index++;
    if (this.index === start) throw notSimple;
    return Number(this.text.slice(start, this.index));
  }

  /**
   * The same-line `expect`s after a case (`#sameLineExpect metric comparisonOperator number`): spaces and tabs,
   * then `expect` on the case's line; the metric, operator and threshold may follow after any spaces.
   */
  expectations(): ExpectItem[] {
    const expectations: ExpectItem[] = [];
    for (;;) {
      const from = this.index;
      while (this.code() === space || this.code() === tab) this.index++;
      const start = this.index;
      if (!this.word('expect')) {
        this.index = from;
        return expectations;
      }
      const metric = this.metric();
      this.skipSpaces();
      const operator = (['>=', '<=', '==', '!=', '>', '<'] as const).find((candidate) =>
        this.text.startsWith(candidate, this.index),
      );
      if (!operator) throw notSimple;
      this.index += operator.length;
      this.skipSpaces();
      const threshold = this.number();
      expectations.push({
        kind: 'expect',
        metric,
        operator: operator satisfies ComparisonOperator,
        threshold: threshold.value,
        span: { start, end: threshold.span.end },
      });
    }
  }

  /** A `metric` (spaces skipped before it): `pass@k`, `pass^k`, `max@k`, `g-pass@k[tau]`, `attempts@n`, and the rest. */
  private metric(): MetricNode {
    this.skipSpaces();
    const start = this.index;
    const span = (): { start: number; end: number } => ({ start, end: this.index });
    if (this.word('pass@inf')) return { name: 'pass@inf', span: span() };
    if (this.text.startsWith('pass@', this.index) || this.text.startsWith('pass^', this.index)) {
      const name = this.code(4) === 94 ? 'pass^k' : 'pass@k';
      this.index += 5;
      const k = this.digits();
      return this.endOfWord({ name, k, span: span() });
    }
    if (this.text.startsWith('max@', this.index)) {
      this.index += 4;
      const k = this.digits();
      return this.endOfWord({ name: 'max@k', k, span: span() });
    }
    if (this.text.startsWith('g-pass@', this.index)) {
      this.index += 7;
      const k = this.digits();
      if (this.code() !== 91) throw notSimple;
      this.index++;
      const tau = this.number().value;
      if (this.code() !== 93) throw notSimple;
      this.index++;
      return { name: 'g-pass@k', k, tau, span: span() };
    }
    if (this.text.startsWith('attempts@', this.index)) {
      this.index += 9;
      const budget = this.digits();
      return this.endOfWord({ name: 'attempts', budget, span: span() });
    }
    if (this.word('mean_score')) return { name: 'mean-score', span: span() };
    if (this.word('error_rate')) return { name: 'error-rate', span: span() };
    throw notSimple;
  }

  /** `metric` once nothing that could go on a name follows it (the grammar's `~identPart`), else not simple. */
  private endOfWord(metric: MetricNode): MetricNode {
    const after = this.code();
    if (after > 0x7f || isWordPart(after)) throw notSimple;
    return metric;
  }

  /** An `Object` (spaces skipped before it): `{ name: literal, … }`, names plain or quoted. */
  object(): ObjectLiteral {
    this.skipSpaces();
    const start = this.index;
    if (this.code() !== 123) throw notSimple;
    this.index++;
    const fields = this.list(125, () => {
      this.skipSpaces();
      const nameStart = this.index;
      let name: ObjectLiteral['fields'][number]['name'];
      if (this.code() === quote) {
        const { value, end } = this.stringLiteral();
        name = { name: value, span: { start: nameStart, end } };
      } else {
        if (!isWordStart(this.code())) throw notSimple;
        const end = this.wordEnd();
        const word = this.text.slice(nameStart, end);
        if (keywords.has(word)) throw notSimple;
        this.index = end;
        name = { name: word, span: { start: nameStart, end } };
      }
      this.skipSpaces();
      if (this.code() !== colon) throw notSimple;
      this.index++;
      return { name, value: this.literal() };
    });
    return { kind: 'object', fields, span: { start, end: this.index } };
  }

  /** Elements separated by commas, an optional trailing comma, then the closing character `close`. */
  private list<T>(close: number, element: () => T): T[] {
    const elements: T[] = [];
    this.skipSpaces();
    if (this.code() === close) {
      this.index++;
      return elements;
    }
    for (;;) {
      elements.push(element());
      this.skipSpaces();
      const code = this.code();
      if (code === close) break;
      if (code !== comma) throw notSimple;
      this.index++;
      this.skipSpaces();
      if (this.code() === close) break;
    }
    this.index++;
    return elements;
  }

  /** Whether only spaces and comments stand from the current index to `end`. */
  onlySpacesUntil(end: number): boolean {
    this.skipSpaces();
    return this.index >= end;
  }

  get position(): number {
    return this.index;
  }

  moveTo(index: number): void {
    this.index = index;
  }

  startsWith(word: string): boolean {
    return this.text.startsWith(word, this.index);
  }
}

/**
 * The `case` item that fills `[start, end)` of `text` with nothing but spaces and comments after it, read as the
 * grammar reads it, when it is simple enough (see above); undefined otherwise. `start` is a line start and `end`
 * the start of a line that begins with an item's keyword, or the end of the text (see `chunkBoundaries`).
 */
export function readSimpleCase(text: string, start: number, end: number): CaseItem | undefined {
  let index = start;
  while (text.charCodeAt(index) === space || text.charCodeAt(index) === tab) index++;
  if (!text.startsWith('case', index)) return undefined;
  const reader = new SimpleCaseReader(text, index + 4);
  try {
    const id = reader.stringLiteral();
    const inputs = reader.object();
    const afterInputs = reader.position;
    reader.skipSpaces();
    // `CaseExpected = "->" Literal`, when `->` is next; else same-line `expect`s start right after the inputs.
    let expected: LiteralNode | undefined;
    if (reader.startsWith('->')) {
      reader.expect('->');
      expected = reader.literal();
    } else reader.moveTo(afterInputs);
    const expectations = reader.expectations();
    const itemEnd = reader.position;
    return reader.onlySpacesUntil(end) ? caseItem(index, id, inputs, expected, expectations, itemEnd) : undefined;
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
}

function caseItem(
  start: number,
  id: { value: string; start: number; end: number },
  inputs: ObjectLiteral,
  expected: LiteralNode | undefined,
  expectations: ExpectItem[],
  end: number,
): CaseItem {
  return {
    kind: 'case',
    id: { value: id.value, span: { start: id.start, end: id.end } },
    inputs,
    ...(expected ? { expected } : {}),
    expectations,
    span: { start, end },
  };
}
