import { itemKeywords } from './grammar.js';
import type { SourceSpan } from './source-span.js';
import { suggest } from './suggest.js';

/** A parse error explained as the mistake its author most likely made, in place of ohm's list of expected tokens. */
export interface CommonMistake {
  /** One sentence, `expected …, found …`, saying what the language wanted there. */
  readonly message: string;
  /** What to write instead. */
  readonly hint: string;
  /** Where the mistake is; it may lie before the position where the match failed. */
  readonly span: SourceSpan;
}

/** The settings `sample` takes after its count. */
const sampleSettings = ['temperature', 'top_p', 'max_tokens', 'seed'];

/** The escapes a string allows after `\`. */
const stringEscapes = ['"', '\\', 'n', 't', 'r', '{'];

/** An operator that cannot end an expression, at the end of a line (after any comment). */
const trailingOperator = /(?:^|[\s)])((?:and|or|not)|>=|<=|==|!=|[-+*/<>])\s*(?:#[^"]*)?$/;

/** A literal starts here: what a case's expected value may begin with. */
const literalStart = /^(?:["[{0-9.]|(?:true|false|null)(?![A-Za-z0-9_]))/;

/** A line that starts with an item's keyword, other than those followed by an expression. */
const startsItem = new RegExp(
  `^\\s*(?:${itemKeywords.filter((keyword) => keyword !== 'verify' && keyword !== 'require').join('|')})\\s`,
);

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  return { start, end: newline === -1 ? text.length : newline };
}

/** `code` quoted as the user types it. */
function quote(code: string): string {
  return `\`${code}\``;
}

/** `sample 20 temprature 0.7`: a word where a sampling setting may stand, on the line of a `sample` item. */
function sampleSetting(before: string, word: string | undefined, position: number): CommonMistake | undefined {
  if (!word || !/^\s*sample\s/.test(before)) return undefined;
  const setting = suggest(word, sampleSettings);
  return {
    message: `expected a sampling setting (${sampleSettings.join(', ')}), found ${quote(word)}`,
    hint: setting
      ? `did you mean ${quote(setting)}? \`sample\` takes ${sampleSettings.map(quote).join(', ')}, each followed by a number`
      : `\`sample\` takes ${sampleSettings.map(quote).join(', ')}, each followed by a number`,
    span: { start: position, end: position + word.length },
  };
}

/** `=`, `&&`, `||` in a verify expression: the operators of other languages. */
function verifyOperator(line: string, column: number, position: number): CommonMistake | undefined {
  if (!/^\s*verify\s/.test(line)) return undefined;
  const rest = line.slice(column);
  const [found, meant] = rest.startsWith('&&')
    ? ['&&', 'and']
    : rest.startsWith('||')
      ? ['||', 'or']
      : /^=(?![=>])/.test(rest)
        ? ['=', '==']
        : [];
  if (!found || !meant) return undefined;
  const what = meant === '==' ? ' to compare two values' : '';
  const padded = line.slice(0, column).replace(/\s*$/, ' ') + meant + rest.slice(found.length).replace(/^\s*/, ' ');
  return {
    message: `expected ${quote(meant)}${what}, found ${quote(found)}`,
    hint: `${quote(found)} is not an operator in a verify expression: write ${quote(padded.trim())}`,
    span: { start: position, end: position + found.length },
  };
}

/** `case "a" { … } "Paris"`: an expected value without the arrow before it. */
function caseArrow(line: string, column: number, position: number): CommonMistake | undefined {
  const rest = line.slice(column);
  if (!/^\s*case\s/.test(line) || !literalStart.test(rest)) return undefined;
  return {
    message: `expected \`->\` before the case's expected value, found ${quote(rest[0] ?? '')}`,
    hint: `write ${quote(`${line.slice(0, column).trim()} -> ${rest.trim()}`)}`,
    span: { start: position, end: position + 1 },
  };
}

/** `verify exact(expected) and` followed by the next item: the expression swallowed the next line's keyword. */
function trailingLineOperator(text: string, lineStart: number): CommonMistake | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const previous = lineBounds(text, end);
    const line = text.slice(previous.start, previous.end);
    if (/\S/.test(line) && !/^\s*#/.test(line)) {
      const operator = trailingOperator.exec(line);
      if (!/^\s*(?:verify|require)\s/.test(line) || !operator?.[1]) return undefined;
      const start = previous.start + operator.index + operator[0].indexOf(operator[1]);
      return {
        message: `expected an expression after ${quote(operator[1])}, found the end of the line`,
        hint: `the next line starts a new item: finish the expression after ${quote(operator[1])}, or remove ${quote(operator[1])}`,
        span: { start, end: start + operator[1].length },
      };
    }
    end = previous.start - 1;
  }
  return undefined;
}

/** `f(output, [expected])`: a name inside a list, which holds literals only. */
function nameInList(
  expectedText: string,
  before: string,
  word: string | undefined,
  position: number,
): CommonMistake | undefined {
  if (!word || !expectedText.includes('"]"') || /^(?:true|false|null)$/.test(word)) return undefined;
  // A list literal's `[` follows a space, `(`, `,`, `:` or `[`; the `[` of an array type such as `string[]` does not.
  if (!/(?:^|[\s(,:[])\[[^[\]]*$/.test(before)) return undefined;
  return {
    message: `expected a literal in a list (a string, a number, true, false, null, a list or an object), found ${quote(word)}`,
    hint: `a list holds literals only, such as \`["a", "b"]\`; to pass the value of ${quote(word)}, write ${quote(word)} alone, not in a list`,
    span: { start: position, end: position + word.length },
  };
}

/** `"C:\Users"`: a backslash before a character that is not an escape. */
function badEscape(text: string, position: number, expectedText: string): CommonMistake | undefined {
  const { start, end } = lineBounds(text, position);
  const line = text.slice(start, end);
  let quoteStart: number;
  if (text[position] === '"' && expectedText.includes('a string in double quotes')) quoteStart = position - start;
  else if (text[position - 1] === '\\' && expectedText.includes('"n"')) {
    // Inside a prompt's string: the opening quote is the last unescaped one before the backslash.
    quoteStart = -1;
    for (let index = 0; index < position - 1 - start; index++) {
      if (line[index] === '\\') index++;
      else if (line[index] === '"') quoteStart = quoteStart === -1 ? index : -1;
    }
    if (quoteStart === -1) return undefined;
  } else return undefined;
  const literal = /^"((?:[^"\\]|\\.)*)"?/.exec(line.slice(quoteStart))?.[0] ?? '';
  const bad = /\\([^"\\ntr{])/.exec(literal);
  if (!bad?.[1]) return undefined;
  const at = start + quoteStart + bad.index;
  // A string with a bad escape is most often a path: every backslash in it is meant as one.
  const fixed = literal.replace(/\\(\\|[^"{])/g, (pair, next: string) => (next === '\\' ? pair : `\\${pair}`));
  return {
    message: `expected an escape (${stringEscapes.map((character) => quote(`\\${character}`)).join(', ')}) after \`\\\`, found ${quote(`\\${bad[1]}`)}`,
    hint: `write \`\\\\\` for each backslash: ${quote(fixed)}`,
    span: { start: at, end: at + 2 },
  };
}

/** `program capital-cities`: a dash inside a name. */
function dashInName(line: string, column: number, position: number): CommonMistake | undefined {
  const head = /[A-Za-z_][A-Za-z0-9_-]*$/.exec(line.slice(0, column))?.[0];
  const tail = /^-[A-Za-z0-9_-]*[A-Za-z0-9_]/.exec(line.slice(column))?.[0];
  if (!head || !tail || !/^\s*(?:program|input|step|judge|tool|mcp|environment)\s/.test(line)) return undefined;
  const name = head + tail;
  const start = position - head.length;
  return {
    message: `expected a name of letters, digits and \`_\`, found ${quote(name)}`,
    hint: `a name cannot hold \`-\`: write ${quote(name.replaceAll('-', '_'))}`,
    span: { start, end: start + name.length },
  };
}

/** `80%`: a percentage where a number stands. */
function percentage(line: string, column: number, position: number): CommonMistake | undefined {
  const digits = /(\d+(?:\.\d+)?)$/.exec(line.slice(0, column))?.[1];
  if (line[column] !== '%' || !digits) return undefined;
  const fraction = Number(digits) / 100;
  return {
    message: `expected a number, found ${quote(`${digits}%`)}`,
    hint: `a number has no \`%\`: write a percentage as a fraction, \`${fraction}\``,
    span: { start: position - digits.length, end: position + 1 },
  };
}

/** `output "a", "b"`: the values of an enum separated by commas. */
function enumCommas(line: string, column: number, position: number): CommonMistake | undefined {
  if (line[column] !== ',' || !/^\s*(?:output\s|input\s[^:]*:)\s*"/.test(line)) return undefined;
  return {
    message: 'expected `|` between the values of an enum, found `,`',
    hint: `write ${quote(line.trim().replace(/"\s*,\s*"/g, '" | "'))}`,
    span: { start: position, end: position + 1 },
  };
}

/** `expect pass@1 >=` with nothing after the comparison on its line. */
function expectWithoutNumber(text: string, position: number, expectedText: string): CommonMistake | undefined {
  if (expectedText !== 'a number') return undefined;
  const before = text.slice(0, position);
  const comparison = /(?:^|\s)expect\s+\S+\s*(>=|<=|==|!=|>|<)(\s*)$/.exec(before);
  // Only at the end of a line: point at the comparison, not at whatever the next line holds.
  if (!comparison?.[1] || !comparison[2]?.includes('\n')) return undefined;
  const start = position - comparison[2].length - comparison[1].length;
  return {
    message: `expected a number after ${quote(comparison[1])}, found the end of the line`,
    hint: 'an expectation compares a metric with a number, as in `expect pass@1 >= 0.8`',
    span: { start, end: start + comparison[1].length },
  };
}

/**
 * `verify exact(expected) and` followed by `csae "b" …`: the expression read the misspelt keyword as a name, and
 * the parse failed later on that line. The misspelling is the mistake to show, with the operator that let it in.
 */
function misspeltItemAfterOperator(text: string, lineStart: number, line: string): CommonMistake | undefined {
  const word = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
  const keyword =
    word?.[1] && !(itemKeywords as readonly string[]).includes(word[1]) ? suggest(word[1], itemKeywords) : undefined;
  const operator = keyword ? trailingLineOperator(text, lineStart) : undefined;
  if (!word?.[1] || !keyword || !operator) return undefined;
  const start = lineStart + word[0].length - word[1].length;
  const operatorLine = text.slice(0, operator.span.start).split('\n').length;
  const operatorText = text.slice(operator.span.start, operator.span.end);
  return {
    message: `expected a program item (${itemKeywords.join(', ')}), found ${quote(word[1])}`,
    hint: `did you mean ${quote(keyword)}? Line ${operatorLine} ends with ${quote(operatorText)}, so this line was read as the rest of its expression`,
    span: { start, end: start + word[1].length },
  };
}

/**
 * The mistake a failed parse most likely comes from, when it is one of the common ones; `undefined` otherwise, and
 * the caller reports what ohm expected. Runs only after a failed match, so it costs a successful parse nothing.
 */
export function commonMistake(
  text: string,
  position: number,
  expectedText: string,
  word: string | undefined,
): CommonMistake | undefined {
  const bounds = lineBounds(text, position);
  const line = text.slice(bounds.start, bounds.end);
  const column = position - bounds.start;
  const before = line.slice(0, column);
  const atItemStart = !/\S/.test(before);
  const missingNumber = expectWithoutNumber(text, position, expectedText);
  if (missingNumber) return missingNumber;
  if (atItemStart) return expectedText.includes('"verify"') ? trailingLineOperator(text, bounds.start) : undefined;
  return (
    (expectedText.includes('a sampling setting') && !expectedText.includes('"samples"')
      ? sampleSetting(before, word, position)
      : undefined) ??
    (expectedText.includes('"and"') ? verifyOperator(line, column, position) : undefined) ??
    (expectedText.includes('"->"') ? caseArrow(line, column, position) : undefined) ??
    (startsItem.test(line) ? trailingLineOperator(text, bounds.start) : undefined) ??
    misspeltItemAfterOperator(text, bounds.start, line) ??
    nameInList(expectedText, before, word, position) ??
    badEscape(text, position, expectedText) ??
    dashInName(line, column, position) ??
    percentage(line, column, position) ??
    enumCommas(line, column, position)
  );
}
