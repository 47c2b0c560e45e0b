import { z } from 'zod';
import type { SamplingSettings } from '../interpreters/interpreter-call.js';
import type { CaseItem, DocumentNode, ExpectItem, ItemNode, MessageItem, SampleItem, TypeNode } from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import type { SourceSpan } from '../lang/source-span.js';
import { suggest } from '../lang/suggest.js';
import { checkExpression } from '../verifiers/check-expression.js';
import type {
  Expectation,
  InputDeclaration,
  MessageTemplate,
  OutputDeclaration,
  Program,
  ProgramCase,
  SamplingPlan,
} from './program.js';
import { programHash } from './program-hash.js';
import { describeType, typeSchema, valueHasType } from './type-schema.js';

/** What resolving gives: the program when it has no errors, and every diagnostic found. */
export interface ResolveResult {
  readonly program?: Program;
  readonly diagnostics: readonly Diagnostic[];
}

/** Items that may appear at most once in a program. */
const singleItems = {
  model: 'model',
  output: 'output',
  verify: 'verify',
  'pass-when': 'pass when',
  sample: 'sample',
} as const;

/**
 * Resolves a parsed document into a runnable program in one pass: checks every name, type and count, and
 * collects every diagnostic rather than stopping at the first.
 */
export function resolveProgram(document: DocumentNode, source: string, file: string): ResolveResult {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, message: string, span: SourceSpan, hint?: string) =>
    diagnostics.push({ code, severity: 'error', message, file, span, ...(hint ? { hint } : {}) });
  const { program } = document;
  const items = program.items;

  const seen = new Map<string, ItemNode>();
  for (const item of items) {
    if (!(item.kind in singleItems)) continue;
    const keyword = singleItems[item.kind as keyof typeof singleItems];
    if (seen.has(item.kind)) error('R007', `\`${keyword}\` is given twice`, item.span, `keep one \`${keyword}\` line`);
    else seen.set(item.kind, item);
  }

  const inputs: InputDeclaration[] = [];
  for (const item of items) {
    if (item.kind !== 'input') continue;
    if (inputs.some((input) => input.name === item.name.name)) {
      error('R006', `input \`${item.name.name}\` is declared twice`, item.name.span, 'give each input its own name');
      continue;
    }
    const defaultValue = item.defaultValue ? literalValue(item.defaultValue) : undefined;
    if (item.defaultValue && !valueHasType(defaultValue, item.type)) {
      error('R017', `the default of \`${item.name.name}\` is not a ${describeType(item.type)}`, item.defaultValue.span);
    }
    inputs.push({ name: item.name.name, type: item.type, ...(item.defaultValue ? { defaultValue } : {}) });
  }
  const inputNames = inputs.map((input) => input.name);

  const messages = resolveMessages(items, inputNames, program.span, error);
  const verifyItem = items.find((item) => item.kind === 'verify');
  let usesExpected = false;
  if (!verifyItem) {
    error(
      'R015',
      `program \`${program.name.name}\` has no verifier`,
      program.name.span,
      'add a line such as `verify exact(expected)`',
    );
  } else {
    const check = checkExpression(verifyItem.expression, inputNames, file);
    diagnostics.push(...check.diagnostics);
    usesExpected = check.usesExpected;
  }

  const cases = resolveCases(
    items.filter((item) => item.kind === 'case'),
    inputs,
    usesExpected,
    error,
  );
  if (cases.length === 0 && !items.some((item) => item.kind === 'case')) {
    error(
      'R009',
      `program \`${program.name.name}\` has no cases to run`,
      program.name.span,
      'add a case such as `case "first" { … } -> "expected"`',
    );
  }

  const sampling = resolveSampling(
    items.find((item) => item.kind === 'sample'),
    error,
  );
  const expectations = resolveExpectations(
    items.filter((item) => item.kind === 'expect'),
    sampling.samples,
    source,
    error,
  );

  if (diagnostics.length > 0 || !verifyItem) return { diagnostics };
  const modelItem = items.find((item) => item.kind === 'model');
  const outputItem = items.find((item) => item.kind === 'output');
  const output =
    outputItem && !(outputItem.type.kind === 'primitive' && outputItem.type.name === 'string')
      ? outputDeclaration(outputItem.type)
      : undefined;
  const passWhen = items.find((item) => item.kind === 'pass-when');
  return {
    diagnostics,
    program: {
      file,
      source,
      name: program.name.name,
      ...(program.description !== undefined ? { description: program.description } : {}),
      ...(modelItem ? { defaultInterpreter: modelItem.interpreterId } : {}),
      inputs,
      messages,
      ...(output ? { output } : {}),
      verify: { expression: verifyItem.expression },
      passWhen: passWhen
        ? { operator: passWhen.operator, threshold: passWhen.threshold }
        : { operator: '>=', threshold: 1 },
      cases,
      sampling,
      expectations,
      judges: [],
      hash: programHash(program.name.name, inputs, messages, sampling, output?.type),
    },
  };
}

/** A typed output: its schema, and the JSON Schema sent to interpreters that take one (objects and arrays). */
function outputDeclaration(type: TypeNode): OutputDeclaration {
  const schema = typeSchema(type);
  const structured = type.kind === 'object' || type.kind === 'array';
  return { type, schema, ...(structured ? { jsonSchema: z.toJSONSchema(schema) as Record<string, unknown> } : {}) };
}

type ReportError = (code: string, message: string, span: SourceSpan, hint?: string) => void;

function resolveMessages(
  items: readonly ItemNode[],
  inputNames: readonly string[],
  programSpan: SourceSpan,
  error: ReportError,
): MessageTemplate[] {
  const messageItems = items.filter((item): item is MessageItem => item.kind === 'message');
  for (const role of ['system', 'user'] as const) {
    const extra = messageItems.filter((item) => item.role === role)[1];
    const keyword = role === 'user' ? 'prompt' : 'system';
    if (extra)
      error('R018', `a program has one \`${keyword}\``, extra.span, `join the texts into one \`${keyword}\` block`);
  }
  if (!messageItems.some((item) => item.role === 'user')) {
    error(
      'R008',
      'the program has no `prompt`',
      { start: programSpan.start, end: programSpan.start + 7 },
      'add `prompt """ … """`',
    );
  }
  for (const item of messageItems) {
    for (const part of item.parts) {
      if (part.kind !== 'interpolation') continue;
      const [root] = part.path;
      if (root === undefined || inputNames.includes(root)) continue;
      const guess = suggest(root, inputNames);
      error(
        'R001',
        `unknown input \`${root}\` in the prompt`,
        part.span,
        guess
          ? `did you mean \`${guess}\`?`
          : `declare it with \`input ${root}: string\`${inputNames.length ? `, or use one of ${inputNames.map((name) => `\`${name}\``).join(', ')}` : ''}`,
      );
    }
  }
  // System first, then the prompt, whatever order the file gives them in.
  return [...messageItems]
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'system' ? -1 : 1))
    .map((item) => ({ role: item.role, parts: item.parts }));
}

function resolveCases(
  caseItems: readonly CaseItem[],
  inputs: readonly InputDeclaration[],
  usesExpected: boolean,
  error: ReportError,
): ProgramCase[] {
  const cases: ProgramCase[] = [];
  const inputNames = inputs.map((input) => input.name);
  const ids = new Set<string>();
  for (const item of caseItems) {
    let valid = true;
    if (ids.has(item.id.value)) {
      error('R005', `case "${item.id.value}" is defined twice`, item.id.span, 'give each case its own id');
      valid = false;
    }
    ids.add(item.id.value);
    const values: Record<string, unknown> = {};
    for (const field of item.inputs.fields) {
      const input = inputs.find((candidate) => candidate.name === field.name.name);
      if (!input) {
        const guess = suggest(field.name.name, inputNames);
        error(
          'R002',
          `case "${item.id.value}" sets \`${field.name.name}\`, which is not an input`,
          field.name.span,
          guess
            ? `did you mean \`${guess}\`?`
            : `the inputs are ${inputNames.map((name) => `\`${name}\``).join(', ') || 'none'}`,
        );
        valid = false;
        continue;
      }
      const value = literalValue(field.value);
      if (!valueHasType(value, input.type)) {
        error(
          'R004',
          `case "${item.id.value}": \`${input.name}\` must be ${describeType(input.type)}, got ${JSON.stringify(value)}`,
          field.value.span,
        );
        valid = false;
      }
      values[input.name] = value;
    }
    for (const input of inputs) {
      if (input.name in values) continue;
      if ('defaultValue' in input) values[input.name] = input.defaultValue;
      else {
        error(
          'R003',
          `case "${item.id.value}" does not set the input \`${input.name}\``,
          item.inputs.span,
          `add \`${input.name}: …\``,
        );
        valid = false;
      }
    }
    if (usesExpected && !item.expected) {
      error(
        'R014',
        `case "${item.id.value}" has no expected value, and the verifier reads one`,
        item.span,
        'add one after the inputs: `-> "…"`',
      );
      valid = false;
    }
    if (!valid) continue;
    cases.push({
      id: item.id.value,
      inputs: values,
      hasExpected: item.expected !== undefined,
      ...(item.expected ? { expected: literalValue(item.expected) } : {}),
      span: item.span,
    });
  }
  return cases;
}

function resolveSampling(item: SampleItem | undefined, error: ReportError): SamplingPlan {
  if (!item) return { samples: 1, seed: 0, settings: {} };
  if (item.count.value < 1) error('R016', 'the sample count must be at least 1', item.count.span);
  let seed = 0;
  const settings: { temperature?: number; topP?: number; maxTokens?: number } = {};
  const given = new Set<string>();
  for (const setting of item.settings) {
    if (given.has(setting.name)) error('R007', `\`${setting.name}\` is given twice`, setting.span);
    given.add(setting.name);
    switch (setting.name) {
      case 'seed':
      case 'max_tokens':
        if (!Number.isInteger(setting.value)) error('R019', `\`${setting.name}\` must be a whole number`, setting.span);
        if (setting.name === 'seed') seed = setting.value;
        else settings.maxTokens = setting.value;
        break;
      case 'temperature':
        settings.temperature = setting.value;
        break;
      case 'top_p':
        if (setting.value > 1) error('R019', '`top_p` must be between 0 and 1', setting.span);
        settings.topP = setting.value;
        break;
      default:
        setting.name satisfies never;
    }
  }
  return { samples: item.count.value, seed, settings: settings satisfies SamplingSettings };
}

function resolveExpectations(
  items: readonly ExpectItem[],
  samples: number,
  source: string,
  error: ReportError,
): Expectation[] {
  return items.map((item) => {
    const { k } = item.metric;
    if (k < 1) error('R010', `${item.metric.name.replace('k', String(k))} needs k of at least 1`, item.metric.span);
    else if (k > samples) {
      error(
        'R010',
        `${source.slice(item.metric.span.start, item.metric.span.end)} needs at least ${k} samples per case, and the program draws ${samples}`,
        item.metric.span,
        `raise the count: \`sample ${k}\` or more`,
      );
    }
    return {
      metric: item.metric,
      operator: item.operator,
      threshold: item.threshold,
      text: source.slice(item.metric.span.start, item.span.end),
      span: item.span,
    };
  });
}
