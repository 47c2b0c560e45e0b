// Parse benchmark (issue 3). (a) Parse and check 200 typical programs of 20–60 lines, generated from a fixed
// seed, with `compileProgram` (parse, resolve, check the verifier): the target is under 1 s for all 200. (b) A
// 1,000-line file, edited one line at a time and parsed again with `IncrementalParser` (ohm's incremental
// matcher): the target is under 20 ms per edit, median and p95. A warm-up pass is not counted; (a) is repeated
// and its median is the figure.
// Run: npm run bench:parse [-- --programs 200 --repetitions 5 --edits 300 --lines 1000]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { progGrammar } from '../src/lang/grammar.js';
import { IncrementalParser } from '../src/lang/incremental-parse.js';
import { parseProg } from '../src/lang/parse.js';
import { compileProgram } from '../src/program/load-program.js';

const { values } = parseArgs({
  options: {
    programs: { type: 'string', default: '200' },
    repetitions: { type: 'string', default: '5' },
    edits: { type: 'string', default: '300' },
    lines: { type: 'string', default: '1000' },
  },
});
const programCount = Number(values.programs);
const repetitions = Number(values.repetitions);
const editCount = Number(values.edits);
const lineCount = Number(values.lines);

/** A small seeded generator (mulberry32), so every run measures the same programs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ['refund', 'outage', 'invoice', 'login', 'upgrade', 'delivery', 'password', 'billing', 'crash', 'sync'];
const verifies = [
  'verify exact(expected)',
  'verify contains(expected, { ignore_case: true })',
  'verify exact(expected) and not contains("sorry")',
  'verify 0.6 * token_f1(expected) + 0.4 * word_count({ max: 60 })',
  'verify rouge_l(expected) >= 0.5 or exact(expected, { ignore_punctuation: true })',
  'verify regex("^[A-Z][a-z]+$") and length({ min: 2, max: 40 })',
];

/** One realistic program: comments, a description, inputs with types and defaults, a text block, cases, sampling. */
function typicalProgram(index: number, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const lines = ['prog 1', '', `# Program ${index}: answers support tickets about one topic.`];
  lines.push(`program support_${index} "Answer a ${pick(words)} ticket in one line"`);
  if (next() < 0.5) lines.push(`model "${pick(['sim:large', 'sim:medium', 'openai:gpt-4o-mini'])}"`);
  lines.push('input ticket: string', 'input tier: "free" | "pro" | "enterprise" = "free"');
  if (next() < 0.5) lines.push('input history: string[] = []');
  if (next() < 0.3) lines.push('output { answer: string, urgency: "low" | "medium" | "high", tags?: string[] }');
  lines.push('', 'system """', '  You are a support lead. Be brief and kind.', '  Never promise a refund.', '  """');
  lines.push(
    'prompt """',
    '  Customer tier: {{ tier }}',
    '  Ticket: {{ ticket }}',
    '',
    '  Reply in one line.',
    '  """',
  );
  lines.push('', pick(verifies));
  if (next() < 0.5) lines.push(`pass when score >= ${pick(['0.5', '0.7', '0.8'])}`);
  lines.push('');
  const cases = 1 + Math.floor(next() * 32);
  for (let caseIndex = 0; caseIndex < cases; caseIndex++) {
    const topic = pick(words);
    const tier = next() < 0.5 ? '' : `, tier: "${pick(['pro', 'enterprise'])}"`;
    lines.push(
      `case "${topic}-${caseIndex}" { ticket: "My ${topic} has a problem since ${caseIndex} days"${tier} } -> "${topic}"`,
    );
  }
  const samples = pick([5, 10, 20]);
  lines.push(
    '',
    `sample ${samples} temperature 0.7 seed ${index}`,
    `expect pass@1 >= 0.5`,
    `expect pass@${samples} >= 0.9`,
  );
  return `${lines.join('\n')}\n`;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const median = (samples: readonly number[]): number =>
  quantile(
    [...samples].sort((a, b) => a - b),
    0.5,
  );
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

// (a) 200 typical programs.
const next = random(3);
const programs = Array.from({ length: programCount }, (_, index) => typicalProgram(index, next));
const lineCounts = programs.map((text) => text.split('\n').length - 1);
for (const [index, text] of programs.entries()) {
  const { diagnostics } = compileProgram(text, `p${index}.prog`);
  if (diagnostics.length > 0) throw new Error(`generated program ${index} has diagnostics: ${diagnostics[0]?.message}`);
}
const checkTimes: number[] = [];
const checkCpuTimes: number[] = [];
const parseTimes: number[] = [];
const parseCpuTimes: number[] = [];
const matchCpuTimes: number[] = [];
for (let repetition = 0; repetition < repetitions; repetition++) {
  let start = performance.now();
  const cpu = process.cpuUsage();
  for (const [index, text] of programs.entries()) compileProgram(text, `p${index}.prog`);
  checkTimes.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  checkCpuTimes.push((used.user + used.system) / 1000);
  start = performance.now();
  const parseCpu = process.cpuUsage();
  for (const [index, text] of programs.entries()) parseProg(text, `p${index}.prog`);
  parseTimes.push(performance.now() - start);
  const parseUsed = process.cpuUsage(parseCpu);
  parseCpuTimes.push((parseUsed.user + parseUsed.system) / 1000);
  // ohm's matching alone, without building the AST: where the time goes.
  const matchCpu = process.cpuUsage();
  for (const text of programs) progGrammar.match(text);
  const matchUsed = process.cpuUsage(matchCpu);
  matchCpuTimes.push((matchUsed.user + matchUsed.system) / 1000);
}
const loadA = loadavg()[0] as number;

// (b) a 1,000-line file, edited one line at a time.
const bigLines = [
  'prog 1',
  '',
  'program big "A program with many cases"',
  'input ticket: string',
  'input tier: string = "free"',
];
bigLines.push('prompt """', '  Tier: {{ tier }}', '  Ticket: {{ ticket }}', '  """', 'verify contains(expected)', '');
const firstCase = bigLines.length;
for (let index = 0; bigLines.length < lineCount - 2; index++) {
  bigLines.push(
    `case "c${index}" { ticket: "Ticket number ${index} about ${words[index % words.length]}" } -> "${index}"`,
  );
}
bigLines.push('sample 10 seed 1', 'expect pass@1 >= 0.5');
const bigText = `${bigLines.join('\n')}\n`;
const fullStart = performance.now();
parseProg(bigText, 'big.prog');
const fullParseMs = performance.now() - fullStart;
const parser = new IncrementalParser(bigText, 'big.prog');
const lineStart = (text: string, line: number): number => {
  let offset = 0;
  for (let index = 0; index < line; index++) offset = text.indexOf('\n', offset) + 1;
  return offset;
};
const editNext = random(11);
const editTimes: number[] = [];
const editCpuTimes: number[] = [];
const breakingTimes: number[] = [];
for (let edit = -20; edit < editCount; edit++) {
  // Retype one case line: a new ticket text of another length, so the items after it shift.
  const line = firstCase + Math.floor(editNext() * (lineCount - firstCase - 3));
  const start = lineStart(parser.text, line);
  const end = parser.text.indexOf('\n', start);
  const replacement = `case "c${line}" { ticket: "Edited ticket ${Math.floor(editNext() * 10_000)}" } -> "${line}"`;
  const before = performance.now();
  const cpu = process.cpuUsage();
  const result = parser.edit(start, end, replacement);
  if (edit >= 0) {
    editTimes.push(performance.now() - before);
    const used = process.cpuUsage(cpu);
    editCpuTimes.push((used.user + used.system) / 1000);
  }
  if (!result.document) throw new Error(`the edit of line ${line + 1} broke the program`);
  if (edit >= 0 && edit % 10 === 0) {
    // Now and then, an edit that breaks the line (a quote deleted) and the edit that mends it.
    const quote = parser.text.indexOf('"', start);
    const broken = performance.now();
    const failed = parser.edit(quote, quote + 1, '');
    breakingTimes.push(performance.now() - broken);
    if (failed.document) throw new Error('deleting a quote did not break the program');
    parser.edit(quote, quote, '"');
  }
}
const equal = JSON.stringify(parser.parsed) === JSON.stringify(parseProg(parser.text, 'big.prog'));
if (!equal) throw new Error('the incremental parse differs from a full parse of the same text');
const sortedEdits = [...editTimes].sort((a, b) => a - b);
const sortedEditCpu = [...editCpuTimes].sort((a, b) => a - b);
const loadB = loadavg()[0] as number;

const report = {
  node: process.version,
  typical: {
    programs: programCount,
    lines: { min: Math.min(...lineCounts), max: Math.max(...lineCounts), total: lineCounts.reduce((a, b) => a + b) },
    parseAndCheckMs: { median: round(median(checkTimes)), all: checkTimes.map((time) => round(time, 0)) },
    parseAndCheckCpuMs: { median: round(median(checkCpuTimes)) },
    parseOnlyMs: { median: round(median(parseTimes)) },
    parseOnlyCpuMs: { median: round(median(parseCpuTimes)) },
    matchOnlyCpuMs: { median: round(median(matchCpuTimes)) },
    load: round(loadA),
  },
  incremental: {
    lines: bigText.split('\n').length - 1,
    fullParseMs: round(fullParseMs),
    edits: editTimes.length,
    editMs: {
      median: round(quantile(sortedEdits, 0.5)),
      p95: round(quantile(sortedEdits, 0.95)),
      max: round(sortedEdits.at(-1) ?? 0),
    },
    editCpuMs: { median: round(quantile(sortedEditCpu, 0.5)), p95: round(quantile(sortedEditCpu, 0.95)) },
    breakingEditMs: { median: round(median(breakingTimes)), count: breakingTimes.length },
    load: round(loadB),
  },
};
console.log(
  [
    `(a) ${programCount} programs, ${report.typical.lines.min}–${report.typical.lines.max} lines (${report.typical.lines.total} in all):`,
    `    parse + resolve + check: ${report.typical.parseAndCheckMs.median} ms median of ${repetitions} (target < 1000 ms), CPU ${report.typical.parseAndCheckCpuMs.median} ms;`,
    `    parse alone ${report.typical.parseOnlyMs.median} ms (CPU ${report.typical.parseOnlyCpuMs.median} ms), of which ohm's match CPU ${report.typical.matchOnlyCpuMs.median} ms`,
    `(b) ${report.incremental.lines}-line file: full parse ${report.incremental.fullParseMs} ms;`,
    `    incremental re-parse after a one-line edit: median ${report.incremental.editMs.median} ms, p95 ${report.incremental.editMs.p95} ms over ${editTimes.length} edits (target < 20 ms);`,
    `    CPU per edit: median ${report.incremental.editCpuMs.median} ms, p95 ${report.incremental.editCpuMs.p95} ms`,
    `    an edit that breaks the line (syntax error): median ${report.incremental.breakingEditMs.median} ms`,
    `load average (1 min): ${report.typical.load} / ${report.incremental.load}`,
  ].join('\n'),
);
console.log(JSON.stringify(report));
