import fc from 'fast-check';
import { itemKeywords } from '../../src/lang/grammar.js';

/**
 * A small model of the `.prog` grammar for property tests: programs that are often valid, often nearly so (a
 * misspelled keyword, an unknown name, a wrong type), and sometimes far off (junk tokens), so that the parser,
 * the resolver and the verifier checks all see work.
 */

const names = ['country', 'ticket', 'tier', 'review', 'text', 'count', 'output', 'expected', 'x', '_a1'];
const keywords = ['and', 'or', 'not', 'true', 'false', 'null', ...itemKeywords, 'prog', 'program', 'when', 'score'];
const verifierNames = ['exact', 'contains', 'not_contains', 'regex', 'one_of', 'numeric', 'json', 'json_schema'];
const moreVerifiers = ['edit_similarity', 'token_f1', 'rouge_l', 'ngram_overlap', 'length', 'word_count', 'exat'];

/** Identifiers: mostly plausible names, sometimes keywords (which are not identifiers), sometimes random words. */
export const identifier: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...names) },
  { weight: 1, arbitrary: fc.constantFrom(...keywords) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/) },
);

/** The inside of a double-quoted string: text, escapes (some invalid), braces, and now and then a line break. */
const stringBody = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('Paris', 'a b', 'é', '🙂', ' ', '-', '42', 'x') },
      { weight: 2, arbitrary: fc.constantFrom('\\n', '\\"', '\\\\', '\\{', '\\t') },
      { weight: 1, arbitrary: fc.constantFrom('\\q', '{', '}', '{{ country }}', '\t', '\n', '"') },
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

export const stringLiteral: fc.Arbitrary<string> = stringBody.map((body) => `"${body}"`);

const number = fc.oneof(
  fc.constantFrom('0', '1', '0.5', '.25', '10', '2.5', '100', '1.0.0', '-3', '-0.5', '1e3', '2.5E-4', '-.5e+1', '1e'),
  fc.nat({ max: 5000 }).map(String),
);

export const literal: fc.Arbitrary<string> = fc.letrec<{ literal: string }>((tie) => ({
  literal: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringLiteral,
    number,
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('literal'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(fc.tuple(fc.oneof(identifier, stringLiteral), tie('literal')), { maxLength: 3 })
      .map((fields) => `{ ${fields.map(([name, value]) => `${name}: ${value}`).join(', ')} }`),
  ),
})).literal;

export const type: fc.Arbitrary<string> = fc.letrec<{ type: string }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('string', 'number', 'integer', 'boolean', 'text'),
    fc.array(stringLiteral, { minLength: 1, maxLength: 4 }).map((values) => values.join(' | ')),
    tie('type').map((element) => `(${element})[]`),
    fc.constantFrom('string[]', 'number[]'),
    fc
      .array(fc.tuple(identifier, fc.boolean(), tie('type')), { maxLength: 3 })
      .map(
        (fields) =>
          `{ ${fields.map(([name, optional, fieldType]) => `${name}${optional ? '?' : ''}: ${fieldType}`).join(', ')} }`,
      ),
  ),
})).type;

const operator = fc.constantFrom('and', 'or', '+', '-', '*', '/', '>=', '>', '<=', '<', '==', '!=');

export const expression: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    identifier,
    literal,
    fc.constantFrom(...verifierNames, ...moreVerifiers),
    fc
      .tuple(fc.constantFrom(...verifierNames, ...moreVerifiers), fc.array(tie('expression'), { maxLength: 3 }))
      .map(([name, args]) => `${name}(${args.join(', ')})`),
    fc.tuple(tie('expression'), operator, tie('expression')).map(([left, op, right]) => `${left} ${op} ${right}`),
    tie('expression').map((operand) => `not ${operand}`),
    tie('expression').map((operand) => `-${operand}`),
    fc.tuple(tie('expression'), identifier).map(([object, property]) => `${object}.${property}`),
    tie('expression').map((inner) => `(${inner})`),
  ),
})).expression;

const interpolation = fc
  .tuple(fc.array(identifier, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' ', '  '))
  .map(([path, space]) => `{{${space}${path.join('.')}${space}}}`);

/** A text block: indented lines of text and interpolations, an escaped brace now and then. */
const textBlock = fc
  .array(
    fc
      .array(fc.oneof(fc.constantFrom('Answer', 'the', '#', '\\{', '{', '"', ' '), interpolation), { maxLength: 4 })
      .map((parts) => `  ${parts.join(' ')}`),
    { maxLength: 4 },
  )
  .map((lines) => `"""\n${lines.join('\n')}\n  """`);

const templateLine = fc
  .array(fc.oneof(fc.constantFrom('What is', ' ', '?', 'é'), interpolation), { maxLength: 4 })
  .map((parts) => `"${parts.join('')}"`);

const sampleSetting = fc.tuple(fc.constantFrom('temperature', 'top_p', 'max_tokens', 'seed', 'temp'), number);

/** A path to a file a program reads: prompt and case files, imported programs and modules, some of them wrong. */
const filePath = fc.constantFrom(
  '"./prompt.md"',
  '"./cases.jsonl"',
  '"./cases.csv"',
  '"./cases.yaml"',
  '"./cases.json"',
  '"./facts.prog"',
  '"../verifiers/keywords.ts"',
  '"./notes.txt"',
  '""',
);

/** A prompt's text: written in place, or `from` a file. */
const promptText = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(textBlock, templateLine) },
  { weight: 1, arbitrary: filePath.map((path) => `from ${path}`) },
);

/** Every metric an `expect` can name, and a few misspellings. */
const metric = fc.oneof(
  fc.tuple(fc.constantFrom('@', '^', '%'), fc.nat({ max: 20 })).map(([sign, k]) => `pass${sign}${k}`),
  fc.nat({ max: 12 }).map((k) => `max@${k}`),
  fc.tuple(fc.nat({ max: 12 }), number).map(([k, tau]) => `g-pass@${k}[${tau}]`),
  fc.nat({ max: 30 }).map((budget) => `attempts@${budget}`),
  fc.constantFrom('mean_score', 'pass@inf', 'error_rate', 'mean-score', 'pass@infinity', 'g-pass@4'),
  fc.constantFrom('cost', 'cost_per_success', 'cost_per_sample', 'cost_to_success', 'cost_per_token', 'costs'),
  fc.constantFrom('tokens_per_sample', 'mean_latency', 'p50_latency', 'p95_latency', 'p99_latency', 'p90_latency'),
);

const expectation = fc
  .tuple(metric, fc.constantFrom('>=', '<=', '<'), number)
  .map(([name, comparison, threshold]) => `expect ${name} ${comparison} ${threshold}`);

/** Programs a step may call: imported ones in the programs that import them, and unknown ones. */
const calleeNames = ['summarize', 'extract_facts', 'summarise', 'exact'];

/** One argument of a program call: positional or named, a literal or a path. */
const callArgument = fc
  .tuple(
    fc.option(identifier, { nil: undefined }),
    fc.oneof(
      literal,
      fc.array(identifier, { minLength: 1, maxLength: 2 }).map((path) => path.join('.')),
    ),
  )
  .map(([name, value]) => (name ? `${name}: ${value}` : value));

const judgeSetting = fc.oneof(
  fc.constantFrom('"sim:large"', '"sim:small"', 'sim').map((id) => `model ${id}`),
  fc.nat({ max: 5 }).map((count) => `samples ${count}`),
  sampleSetting.map(([name, value]) => `${name} ${value}`),
);

/** `import { a, b } from "…"` lines, before the program line. */
export const importLine: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.constantFrom(...calleeNames, 'keyword_coverage', 'x'), { minLength: 1, maxLength: 2 }), filePath)
  .map(([imported, path]) => `import { ${imported.join(', ')} } from ${path}`);

/** One item line (or a few lines, for blocks and cases). */
export const item: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('"sim:large"', '"openai:gpt-4o-mini"', 'sim').map((id) => `model ${id}`),
  fc
    .tuple(identifier, type, fc.option(literal, { nil: undefined }))
    .map(([name, inputType, defaultValue]) => `input ${name}: ${inputType}${defaultValue ? ` = ${defaultValue}` : ''}`),
  type.map((outputType) => `output ${outputType}`),
  fc.tuple(fc.constantFrom('system', 'prompt'), promptText).map(([role, text]) => `${role} ${text}`),
  fc
    .tuple(
      identifier,
      fc.oneof(
        promptText,
        fc
          .tuple(fc.constantFrom(...calleeNames), fc.array(callArgument, { maxLength: 3 }))
          .map(([callee, args]) => `${callee}(${args.join(', ')})`),
      ),
    )
    .map(([name, body]) => `step ${name} = ${body}`),
  fc
    .tuple(identifier, fc.array(judgeSetting, { maxLength: 3 }), promptText)
    .map(([name, settings, rubric]) => `judge ${name}${settings.map((setting) => ` ${setting}`).join('')} ${rubric}`),
  expression.map((verify) => `verify ${verify}`),
  expression.map((gate) => `require ${gate}`),
  fc
    .tuple(fc.constantFrom('>=', '>', '==', '<'), number)
    .map(([comparison, threshold]) => `pass when score ${comparison} ${threshold}`),
  fc
    .tuple(
      stringLiteral,
      fc.array(fc.tuple(identifier, literal), { maxLength: 3 }),
      fc.option(literal, { nil: undefined }),
      fc.array(expectation, { maxLength: 2 }),
    )
    .map(
      ([id, fields, expected, expectations]) =>
        `case ${id} { ${fields.map(([name, value]) => `${name}: ${value}`).join(', ')} }${expected ? ` -> ${expected}` : ''}${expectations.map((line) => ` ${line}`).join('')}`,
    ),
  fc
    .tuple(filePath, fc.option(literal, { nil: undefined }))
    .map(([path, mapping]) => `cases from ${path}${mapping ? ` ${mapping}` : ''}`),
  fc.constantFrom(
    'cases from "./cases.jsonl" { id: "key", expected: "label", inputs: { country: "name" } }',
    'cases from "./cases.csv" { ids: "key" }',
  ),
  fc
    .tuple(number, fc.array(sampleSetting, { maxLength: 3 }))
    .map(([count, settings]) => `sample ${count}${settings.map(([name, value]) => ` ${name} ${value}`).join('')}`),
  expectation,
  fc.oneof(
    fc.tuple(fc.constantFrom('', '$'), number).map(([sign, dollars]) => `budget ${sign}${dollars}`),
    fc
      .option(number, { nil: undefined })
      .map((rate) => (rate === undefined ? 'sequential' : `sequential error ${rate}`)),
  ),
  fc.tuple(fc.constantFrom('user', 'assistant'), promptText).map(([role, text]) => `${role} ${text}`),
  fc
    .tuple(
      identifier,
      fc.option(fc.array(fc.tuple(identifier, fc.boolean(), type), { maxLength: 3 }), { nil: undefined }),
      stringLiteral,
    )
    .map(
      ([name, parameters, description]) =>
        `tool ${name}${parameters ? `(${parameters.map(([field, optional, fieldType]) => `${field}${optional ? '?' : ''}: ${fieldType}`).join(', ')})` : ''} ${description}`,
    ),
  fc.tuple(identifier, literal).map(([name, config]) => `mcp ${name} ${config}`),
  fc.constantFrom('mcp weather { command: "node", args: ["./w.mjs"], tools: ["forecast"], env: { A: "b" } }'),
  identifier.map((name) => `environment ${name}`),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('max_turns', 'tool_timeout', 'max_tokens', 'tool_choice', 'parallel_tool_calls', 'max_turn'),
        fc.oneof(number, literal),
      ),
      { maxLength: 3 },
    )
    .map((settings) => `agent${settings.map(([name, value]) => ` ${name} ${value}`).join('')}`),
  fc
    .tuple(
      fc.array(
        fc.oneof(
          fc.constantFrom('model "sim:small"', 'stop "###STOP###"', 'stop ""'),
          number.map((count) => `max_turns ${count}`),
          sampleSetting.map(([name, value]) => `${name} ${value}`),
        ),
        { maxLength: 3 },
      ),
      promptText,
    )
    .map(([settings, text]) => `simulate user${settings.map((setting) => ` ${setting}`).join('')} ${text}`),
  fc.constantFrom('# a comment', '', 'verfy exact', 'retries 3', '}', '"""'),
);

/** A program with the items every program needs and random others, in random order: often valid. */
const nearlyValidProgram: fc.Arbitrary<string> = fc
  .tuple(
    expression,
    fc.array(item, { maxLength: 4 }),
    fc.constantFrom('-> "Paris"', '', '-> 3'),
    fc.constantFrom(
      'verify',
      'verify exact(expected) and',
      'verify contains("a") or',
      'verify 0.7 * exact(expected) + 0.5 *',
      'verify 0.5 * exact(expected) + 0.3 *',
    ),
  )
  .chain(([verify, extra, expected, verifyStart]) =>
    fc
      .shuffledSubarray(
        [
          'input country: string',
          'prompt "Capital of {{ country }}?"',
          `${verifyStart} ${verify}`,
          `case "c" { country: "France" } ${expected}`,
          ...extra,
        ],
        { minLength: 3 + extra.length },
      )
      .map((items) => ['prog 1', 'program capitals', ...items].join('\n')),
  );

/** A whole program: a header (usually right), a program line, items, and comments here and there. */
const anyProgram: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('prog 1', 'prog 1', 'prog 1', 'prog 2', 'prg 1', '', '# header\nprog 1'),
    identifier,
    fc.option(stringLiteral, { nil: undefined }),
    fc.array(item, { maxLength: 10 }),
    fc.constantFrom('\n', '\n', '\r\n', '\n\n'),
    fc.array(importLine, { maxLength: 2 }),
  )
  .map(([header, name, description, items, newline, imports]) =>
    [header, ...imports, `program ${name}${description ? ` ${description}` : ''}`, ...items].join(newline),
  );

const tokens = [
  ...['prog', 'program', 'input', 'output', 'verify', 'require', 'case', 'sample', 'expect', 'pass', 'when', 'score'],
  ...['import', 'from', 'step', 'judge', 'cases', 'samples', 'model', '=', 'g-pass@4[0.5]', 'pass@inf', 'mean_score'],
  ...['tool', 'mcp', 'environment', 'agent', 'max_turns', 'simulate', 'user', 'assistant'],
  ...[':', '{', '}', '(', ')', '[', ']', '"', '"""', '{{', '}}', '->', '|', ',', '.', '@', '^', '>=', '==', '#'],
  ...['and', 'not', '1', '0.5', '-', '\\', '\t', '\n', '\r\n', ' ', 'é', '🙂', '\u0000', 'exact(expected)'],
];

/** Splits a text into tokens as a person would see them: words, numbers, quotes, symbols and spaces. */
function tokenize(text: string): string[] {
  return text.match(/\s+|[A-Za-z_]\w*|\d+(?:\.\d+)?|"""|"(?:[^"\\\n]|\\.)*"|[\s\S]/g) ?? [];
}

/** One edit of a text: deleting, inserting, duplicating or swapping characters or tokens. */
const mutation: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 12 })).map(([at, length]) => (text: string) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + text.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...tokens)).map(([at, token]) => (text: string) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + token + text.slice(start);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.nat()).map(([at, length, to]) => (text: string) => {
    const start = at % (text.length + 1);
    const slice = text.slice(start, start + length);
    const target = to % (text.length + 1);
    return text.slice(0, target) + slice + text.slice(target);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([first, second]) => (text: string) => {
    if (text.length < 2) return text;
    const [a, b] = [first % text.length, second % text.length].sort((x, y) => x - y) as [number, number];
    return text.slice(0, a) + text[b] + text.slice(a + 1, b) + text[a] + text.slice(b + 1);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([first, second]) => (text: string) => {
    const parts = tokenize(text);
    if (parts.length < 2) return text;
    const a = first % parts.length;
    const b = second % parts.length;
    [parts[a], parts[b]] = [parts[b] as string, parts[a] as string];
    return parts.join('');
  }),
  fc.nat().map((at) => (text: string) => {
    const parts = tokenize(text);
    parts.splice(at % (parts.length + 1), 1);
    return parts.join('');
  }),
);

/** A text from `sources` with one to four edits applied. */
export function mutatedText(sources: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([source, edits]) => edits.reduce((text, edit) => edit(text), source));
}

/** Programs from the model of the grammar: half of them built around the items a program needs. */
export const programText: fc.Arbitrary<string> = fc.oneof(anyProgram, nearlyValidProgram);
