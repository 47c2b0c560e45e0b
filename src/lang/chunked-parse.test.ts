import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literal, mutatedText, programText, stringLiteral } from '../../tests/lang/program-arbitrary.js';
import { repoRoot } from '../../tests/support/run-cli.js';
import { chunkBoundaries } from './chunk-boundaries.js';
import { type ChunkOptions, parseInChunks } from './chunked-parse.js';
import { progGrammar } from './grammar.js';
import { parseMatch, parseProg } from './parse.js';
import { refusedBeforeMatch } from './parse-diagnostics.js';
import { renderDiagnostic } from './render-diagnostic.js';

const file = 'big.prog';

/** The parse of the whole text by one match, as files below the size threshold are parsed. */
function wholeParse(text: string): ReturnType<typeof parseProg> {
  const refused = refusedBeforeMatch(text, file);
  if (refused) return { diagnostics: [refused] };
  return parseMatch(progGrammar.match(text), text, file);
}

/** Cut at every boundary, with and without the simple-case reader, and in larger parts. */
const cuts: ChunkOptions[] = [
  { partLength: 0 },
  { partLength: 0, simpleCases: false },
  { partLength: 300 },
  { partLength: 300, simpleCases: false },
];

/** Asserts that every way of cutting `text` parses it as the whole match does, key order included. */
function expectSameAsWhole(text: string): void {
  const whole = wholeParse(text);
  const expected = JSON.stringify(whole);
  if (refusedBeforeMatch(text, file)) return;
  const boundaries = chunkBoundaries(text);
  for (const options of cuts) {
    const chunked = parseInChunks(text, file, boundaries, options);
    if (JSON.stringify(chunked) !== expected) expect({ options, ...chunked }).toEqual({ options, ...whole });
  }
}

function programFiles(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.prog'))
    .map((name) => join(folder, name));
}

const repositoryPrograms = ['tests/lang/valid', 'tests/lang/invalid', 'examples'].flatMap(programFiles);

/** The examples of docs/language.md. */
const docExamples = [
  ...readFileSync(join(repoRoot, 'docs/language.md'), 'utf8').matchAll(/```prog[^\n]*\n([\s\S]*?)```/g),
].map((match) => match[1] as string);

const header = [
  'prog 1',
  '# A program with many inline cases.',
  'program big "Many cases"',
  'input ticket: string',
  'input tier: string = "free"',
  'system """',
  '  Cases look like this:',
  'case "x" { ticket: "}" } -> "{"',
  '  } ] ) and a lone " quote, and """',
  'prompt "Ticket: {{ ticket }} # not a comment"',
  'verify exact(expected)',
].join('\n');

/** Items of every kind, some spread over lines, with text blocks holding `case`, braces and quotes. */
function caseLine(index: number): string {
  switch (index % 12) {
    case 0:
      return `case "c${index}" { ticket: "Ticket ${index} about \\"refunds\\" {braces}", tier: "pro" } -> "refund"`;
    case 1:
      return `  case "c${index}" {\n    ticket: "multi-line ${index}",\n    # a comment\n  }\n  -> "next line"`;
    case 2:
      return `case "c${index}" { ticket: "with expect" } -> "x" expect pass@1 >= 0.5`;
    case 3:
      return `case "c${index}" { ticket: "π ünïcödé 🙂", n: -1.5e3, ok: true, none: null, list: [1, .5, "a",], obj: { "quoted name": [] } } -> { a: [false] }`;
    case 4:
      return `step s${index} = """\ncase "inside" { ticket: "}" }\n"""\ncase "c${index}" { ticket: "after a block" }`;
    case 5:
      return `judge j${index}\nmodel "sim:large"\n  samples 3\n  """Is {{ output }} fine? case "x" {"""`;
    case 6:
      return `expect\npass@1 >= 0.5 # a metric on the next line\ncase "c${index}" { ticket: "t" } # trailing comment`;
    case 7:
      return `simulate\nuser\nmodel "sim:small" """Play a customer."""`;
    case 8:
      return `case "c${index}" { ticket: "\\{ \\n \\t \\\\ \\r" } -> "escape"`;
    case 9:
      return `case "c${index}" {,}\n\ncase "d${index}" { ticket: "x", tier: "pro", } -> 1.5`;
    default:
      return `case "c${index}" { ticket: "plain ${index}" } -> "a${index % 7}"`;
  }
}

function bigProgram(count: number, item: (index: number) => string = caseLine): string {
  const lines = [header];
  for (let index = 0; index < count; index++) lines.push(item(index));
  lines.push('sample 3', 'expect pass@1 >= 0.5', '');
  return lines.join('\n');
}

describe('parseInChunks', () => {
  it('parses every program of the repository and of docs/language.md as one match does', () => {
    expect(repositoryPrograms.length).toBeGreaterThan(150);
    for (const path of repositoryPrograms) expectSameAsWhole(readFileSync(join(repoRoot, path), 'utf8'));
    expect(docExamples.length).toBeGreaterThan(30);
    for (const example of docExamples) expectSameAsWhole(example);
  });

  it('parses generated and mutated programs as one match does, errors included', () => {
    const corpus = ['capitals.prog', 'triage.prog', 'comments-and-blocks.prog'].map((name) =>
      readFileSync(join(repoRoot, 'tests/lang/valid', name), 'utf8'),
    );
    fc.assert(
      fc.property(fc.oneof(programText, mutatedText(corpus)), (text) => expectSameAsWhole(text)),
      { seed: 14, numRuns: 600 },
    );
  });

  it('reads generated case lines as the grammar does, whatever their literals and what follows them', () => {
    const separator = fc.constantFrom(' ', '', '\t', '  # note\n   ', '\n');
    // Literals as the model writes them, and tokens at the edges of what the grammar reads as one.
    const plainString = fc.stringMatching(/^"[a-z0-9 é🙂{}#-]{0,8}(\\[n"\\{])?"$/u);
    const plainLiteral = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        plainString,
        fc.constantFrom('0', '-1.5', '.25', '2e3', '1E-2', 'true', 'false', 'null'),
        fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc
          .array(tie('value'), { maxLength: 2 })
          .map((items) => `{ ${items.map((item, i) => `k${i}: ${item}`).join(', ')} }`),
      ),
    })).value;
    const value = fc.oneof(
      { weight: 6, arbitrary: plainLiteral },
      { weight: 2, arbitrary: literal },
      fc.constantFrom('1.', '-', '-.', '.', '1e+', '1E-2', '01', '-0', '1.5.', '.5e', 'truex', 'nul', '"""a"""', '""'),
      fc.constantFrom(
        '"\\u0041"',
        '"a\\',
        '"\ud83d"',
        '"\u00e9\r"',
        '[,]',
        '{a:1,,}',
        '{ a: 1 b: 2 }',
        '[1 2]',
        '{ ,}',
      ),
    );
    const caseItem = fc
      .tuple(
        fc.oneof({ weight: 4, arbitrary: plainString }, { weight: 1, arbitrary: stringLiteral }),
        fc.array(
          fc.tuple(
            fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom('a', 'ticket', 'x_1', '"q r"') },
              { weight: 1, arbitrary: fc.constantFrom('true', 'é', 'aé', '1a') },
              { weight: 1, arbitrary: stringLiteral },
            ),
            value,
          ),
          {
            maxLength: 3,
          },
        ),
        fc.option(value),
        fc.oneof(
          fc.constantFrom('', ' # done', ' ->', ' junk', '\u00a0', ' \r', ','),
          fc.constantFrom(' expect pass@1 >= 0.5', ' expect pass@1 >= 0.5\nexpect pass@2 >= 0.5', ' expect max@3 < 1'),
          fc
            .array(
              fc.constantFrom(
                ' expect pass@1 >= 0.5',
                '\texpect pass^3 > .5',
                ' expect g-pass@4[0.5] >= 0.2',
                'expect mean_score<1',
                ' expect\n  pass@10 >= 0.5 # the metric may go on the next line',
                ' expect pass@inf >= 1',
                ' expect attempts@10 <= 3',
                ' expect error_rate == 0',
                ' expect max@2 != -1e2',
                ' expect pass@1x >= 1',
                ' expect pass@infx >= 1',
                ' expect g-pass@4[.5 ] >= 1',
                ' expectx pass@1 >= 1',
                ' expect pass@1 => 1',
                '\nexpect pass@1 >= 0.5',
              ),
              { minLength: 1, maxLength: 3 },
            )
            .map((expects) => expects.join('')),
        ),
        separator,
      )
      .map(
        ([id, fields, expected, after, space]) =>
          `case${space === '' ? ' ' : space}${id}${space}{ ${fields.map(([name, value]) => `${name}:${space}${value}`).join(`,${space}`)} }${expected === null ? '' : `${space}->${space}${expected}`}${after}`,
      );
    const cases = fc.array(fc.tuple(caseItem, fc.constantFrom('\n', '\n\n', '\n  ', '\n# c\n', ' ')), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(cases, (items) => expectSameAsWhole(`${header}\n${items.map(([item, end]) => item + end).join('')}`)),
      { seed: 15, numRuns: 1_000 },
    );
  });

  it('parses a large file of items of every kind as one match does, through parseProg', () => {
    const text = bigProgram(3_000);
    expect(text.length).toBeGreaterThan(2 * 64 * 1024);
    const whole = wholeParse(text);
    expect(whole.diagnostics).toEqual([]);
    expect(JSON.stringify(parseProg(text, file))).toBe(JSON.stringify(whole));
    // Only plain and escaped cases, read by the simple-case reader between the other items.
    const plain = bigProgram(3_000, (index) => caseLine(index % 2 === 0 ? 0 : 11));
    expect(JSON.stringify(parseProg(plain, file))).toBe(JSON.stringify(wholeParse(plain)));
    // Lines that end with CR LF, as some editors write them.
    const crlf = text.replaceAll('\n', '\r\n');
    expect(JSON.stringify(parseProg(crlf, file))).toBe(JSON.stringify(wholeParse(crlf)));
  });

  it('reports a mistake anywhere in a large file as one match does: code, place, excerpt and hint', () => {
    const text = bigProgram(2_000);
    expect(text.length).toBeGreaterThan(2 * 64 * 1024);
    const lines = text.split('\n');
    /** Each mistake, and the lines it can be made on. */
    const mistakes: [RegExp, (line: string) => string][] = [
      [/^case "c\d+" \{ ticket: "plain/, (line) => line.replace('case', 'caes')],
      [/^case "c\d+" \{ ticket: "plain/, (line) => line.replace('{', '')],
      [/^case "c\d+" \{ ticket: "Ticket/, (line) => line.replace(/"([^"]*)$/, '$1')],
      [/^case "c\d+" .* -> /, (line) => line.replace('->', '=>')],
      [/^case .*π/, (line) => `${line} )`],
      [/^ {2}"""Is/, (line) => line.replace('"""', '"" "')],
      [/^ {2}samples 3/, (line) => `${line}\nprompt """never closed`],
      [/^ {2}-> "next line"/, (line) => `${line}\nverify ${'('.repeat(70)}x${')'.repeat(70)}`],
      [/^case "c\d+" \{ ticket: "after a block/, (line) => line.replace(' {', ' { ticket: ')],
    ];
    for (const [lineText, mistake] of mistakes) {
      const where = lines.flatMap((line, index) => (lineText.test(line) ? [index] : []));
      // The first line the mistake can be made on, one in the middle, and the last.
      for (const place of [where[0], where[Math.floor(where.length / 2)], where.at(-1)] as number[]) {
        const broken = [...lines.slice(0, place), mistake(lines[place] as string), ...lines.slice(place + 1)].join(
          '\n',
        );
        const whole = wholeParse(broken);
        expect(whole.diagnostics, `${lineText} at line ${place + 1}`).toHaveLength(1);
        const chunked = parseProg(broken, file);
        expect(chunked).toEqual(whole);
        const rendered = (result: typeof whole) =>
          result.diagnostics.map((d) => renderDiagnostic(d, broken)).join('\n');
        expect(rendered(chunked)).toBe(rendered(whole));
      }
    }
  });
});
