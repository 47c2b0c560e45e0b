// The diagnostics of parsing: a text refused before it is matched, a syntax error, an expression too deep, a version.
import type * as ohm from 'ohm-js';
import type { DocumentNode } from './ast.js';
import type { ExpressionTooDeep } from './build-ast.js';
import { commonMistake } from './common-mistake.js';
import type { Diagnostic } from './diagnostic.js';
import { itemKeywords } from './grammar.js';
import { maxNesting, nestingTooDeepAt } from './nesting-limit.js';
import { suggest } from './suggest.js';

/** The settings a judge takes before its rubric. */
const judgeSettings = ['model', 'samples', 'temperature', 'top_p', 'max_tokens'];

/** The settings of `agent`, each followed by its value. */
const agentSettings = ['max_turns', 'tool_timeout', 'max_tokens', 'tool_choice', 'parallel_tool_calls'];

/** The word that starts at `offset`, if any: used to suggest a keyword in a parse error. */
function wordAt(text: string, offset: number): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(offset))?.[0];
}

/** Makes ohm's list of expected things read well: quotes shown as the user types them. */
function describeExpected(expected: string): string {
  return expected.replaceAll('"\\"\\"\\""', '`"""`').replaceAll('"\\""', '`"`');
}

function describeFound(text: string, position: number, word: string | undefined): string {
  if (position >= text.length) return 'the end of the file';
  if (word) return `\`${word}\``;
  const character = text[position];
  return character === '\n' || character === '\r' ? 'the end of the line' : `\`${character}\``;
}

/** A file whose first line is not `prog <version>`: point at whatever stands there instead. */
function headerDiagnostic(text: string, file: string): Diagnostic {
  const start = /^(?:\s|#[^\n]*)*/.exec(text)?.[0].length ?? 0;
  const word = /^\S+/.exec(text.slice(start))?.[0];
  return {
    code: 'P001',
    severity: 'error',
    message: `expected the version header \`prog 1\`, found ${word ? `\`${word}\`` : 'the end of the file'}`,
    file,
    span: { start, end: Math.min(text.length, start + (word?.length ?? 1)) },
    hint: 'a .prog file starts with its version header, `prog 1`, on a line of its own',
  };
}

/** Where the last text block opens when the file ends inside it: an odd count of `"""` leaves the last one open. */
function unclosedBlockStart(text: string): number | undefined {
  const quotes = text.split('"""').length - 1;
  return quotes % 2 === 1 ? text.lastIndexOf('"""') : undefined;
}

/** The diagnostic of a failed match of the whole text of a file. */
export function syntaxDiagnostic(match: ohm.MatchResult, text: string, file: string): Diagnostic {
  const failure = match as ohm.FailedMatchResult;
  const expectedText = failure.getExpectedText();
  if (expectedText.includes('"prog"') || expectedText.includes('a version number')) return headerDiagnostic(text, file);
  const position = failure.getRightmostFailurePosition();
  const word = wordAt(text, position);
  const mistake = commonMistake(text, position, expectedText, word);
  if (mistake) return { code: 'P001', severity: 'error', file, ...mistake };
  const found = describeFound(text, position, word);
  let expected = describeExpected(expectedText);
  let hint: string | undefined;
  if (expectedText.includes('"verify"')) {
    // At the start of an item: name the items instead of listing every token that could follow.
    expected = `a program item (${itemKeywords.join(', ')})`;
    const keyword = word ? suggest(word, itemKeywords) : undefined;
    hint = keyword ? `did you mean \`${keyword}\`?` : 'each item starts with its keyword, one item per line';
  } else if (expectedText.includes('"\\"\\"\\""') && position >= text.length) {
    const opening = unclosedBlockStart(text);
    if (opening !== undefined) {
      return {
        code: 'P001',
        severity: 'error',
        message: 'this text block has no closing `"""`',
        file,
        span: { start: opening, end: opening + 3 },
        hint: 'a text block ends with `"""`',
      };
    }
  } else if (expectedText.includes('an agent setting') && word) {
    const setting = suggest(word, agentSettings);
    hint = setting
      ? `did you mean \`${setting}\`?`
      : `\`agent\` takes ${agentSettings.map((name) => `\`${name}\``).join(', ')}, each followed by its value`;
  } else if (expectedText.includes('"samples"') && word) {
    const setting = suggest(word, judgeSettings);
    hint = setting
      ? `did you mean \`${setting}\`?`
      : `a judge takes ${judgeSettings.map((name) => `\`${name}\``).join(', ')}, then its rubric`;
  }
  return {
    code: 'P001',
    severity: 'error',
    message: `expected ${expected}, found ${found}`,
    file,
    span: { start: position, end: Math.min(text.length, position + (word?.length ?? 1)) },
    ...(hint ? { hint } : {}),
  };
}

/** A file holding a NUL character is not text (an image, an archive, a compiled file): say so rather than parse it. */
function notTextDiagnostic(text: string, file: string): Diagnostic | undefined {
  const nul = text.indexOf('\u0000');
  if (nul === -1) return undefined;
  return {
    code: 'P003',
    severity: 'error',
    message: 'this is not a text file: it holds a NUL character',
    file,
    span: { start: nul, end: nul + 1 },
    hint: 'a .prog file is UTF-8 text; check that the path names the program you meant',
  };
}

/** A program nested or chained beyond what the parser reads safely (see `nesting-limit.ts`). */
function tooDeepDiagnostic(file: string, offset: number, message: string): Diagnostic {
  return {
    code: 'P004',
    severity: 'error',
    message,
    file,
    span: { start: offset, end: offset + 1 },
    hint: 'the parser refuses deeper nesting to keep its stack safe: flatten it, or move a long rule into a TypeScript verifier module',
  };
}

/** An expression the AST builder refused (see `maxExpressionDepth`). */
export function expressionTooDeepDiagnostic(file: string, error: ExpressionTooDeep): Diagnostic {
  return tooDeepDiagnostic(file, error.span.start, 'this expression is too long or too deeply nested');
}

/**
 * What keeps a text from being matched at all: a NUL character (not a text file), or nesting deeper than the
 * matcher's stack allows. Checked before every match, full or incremental, so neither can throw on such a text.
 */
export function refusedBeforeMatch(text: string, file: string): Diagnostic | undefined {
  const binary = notTextDiagnostic(text, file);
  if (binary) return binary;
  const tooDeep = nestingTooDeepAt(text);
  if (tooDeep === undefined) return undefined;
  return tooDeepDiagnostic(file, tooDeep, `brackets and \`not\`s nest more than ${maxNesting} deep here`);
}

/** A file whose header names a version other than 1. */
export function versionDiagnostics(document: DocumentNode, file: string): Diagnostic[] {
  if (document.version.value === 1) return [];
  return [
    {
      code: 'P002',
      severity: 'error',
      message: `this version of informal reads \`prog 1\` files, not \`prog ${document.version.value}\``,
      file,
      span: document.version.span,
      hint: 'write `prog 1`, or upgrade informal',
    },
  ];
}
