import { basename } from 'node:path';
import type { CaseItem, CasesFromItem, LiteralNode, ObjectLiteral } from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import { suggest } from '../lang/suggest.js';
import { type CaseRow, readCaseRows } from './case-file.js';
import type { InputDeclaration, ProgramCase } from './program.js';
import { type DiagnosticSink, listNames, type ResolveContext } from './resolve-context.js';
import { describeType, valueHasType } from './type-schema.js';

/** The most row problems reported per case file; the rest are counted. */
const rowProblemLimit = 10;

/** Resolves inline cases and case files, in source order; case ids are unique across both. */
export function resolveCases(
  items: readonly (CaseItem | CasesFromItem)[],
  inputs: readonly InputDeclaration[],
  usesExpected: boolean,
  context: ResolveContext,
  sink: DiagnosticSink,
): ProgramCase[] {
  const cases: ProgramCase[] = [];
  const ids = new Set<string>();
  for (const item of items) {
    if (item.kind === 'case') {
      const resolved = resolveInlineCase(item, inputs, usesExpected, ids, sink);
      if (resolved) cases.push(resolved);
    } else cases.push(...resolveCaseFile(item, inputs, usesExpected, ids, context, sink));
  }
  return cases;
}

function resolveInlineCase(
  item: CaseItem,
  inputs: readonly InputDeclaration[],
  usesExpected: boolean,
  ids: Set<string>,
  sink: DiagnosticSink,
): ProgramCase | undefined {
  const inputNames = inputs.map((input) => input.name);
  let valid = true;
  if (ids.has(item.id.value)) {
    sink.error('R005', `case "${item.id.value}" is defined twice`, item.id.span, 'give each case its own id');
    valid = false;
  }
  ids.add(item.id.value);
  const values: Record<string, unknown> = {};
  for (const field of item.inputs.fields) {
    const input = inputs.find((candidate) => candidate.name === field.name.name);
    if (!input) {
      const guess = suggest(field.name.name, inputNames);
      sink.error(
        'R002',
        `case "${item.id.value}" sets \`${field.name.name}\`, which is not an input`,
        field.name.span,
        guess
          ? `did you mean \`${guess}\`?`
          : `the inputs are ${listNames(inputNames) || 'none'}; reference fields go after \`->\`, such as \`-> { ${field.name.name}: … }\``,
      );
      valid = false;
      continue;
    }
    const value = literalValue(field.value);
    if (!valueHasType(value, input.type)) {
      sink.error(
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
      sink.error(
        'R003',
        `case "${item.id.value}" does not set the input \`${input.name}\``,
        item.inputs.span,
        `add \`${input.name}: …\``,
      );
      valid = false;
    }
  }
  if (usesExpected && !item.expected) {
    sink.error(
      'R014',
      `case "${item.id.value}" has no expected value, and the verifier reads one`,
      item.span,
      'add one after the inputs: `-> "…"`',
    );
    valid = false;
  }
  if (!valid) return undefined;
  return {
    id: item.id.value,
    inputs: values,
    hasExpected: item.expected !== undefined,
    ...(item.expected ? { expected: literalValue(item.expected) } : {}),
    span: item.span,
  };
}

/** Which fields of a case file's rows hold the id, the inputs and the reference value. */
interface FieldMapping {
  readonly id?: string;
  /** A field, or reference fields by name, each from a field. */
  readonly expected?: string | Readonly<Record<string, string>>;
  /** The field of each input; an input not named here reads the field of its own name. */
  readonly inputs: Readonly<Record<string, string>>;
}

const mappingKeys = ['id', 'expected', 'inputs'];

function stringFields(literal: LiteralNode, what: string, sink: DiagnosticSink): Record<string, string> | undefined {
  if (literal.kind !== 'object') {
    sink.error('R028', `${what} maps names to field names: \`{ name: "field", … }\``, literal.span);
    return undefined;
  }
  const fields: Record<string, string> = {};
  for (const field of literal.fields) {
    if (field.value.kind !== 'string') sink.error('R028', `${what}: a field name is a string`, field.value.span);
    else fields[field.name.name] = field.value.value;
  }
  return fields;
}

function readMapping(
  mapping: ObjectLiteral | undefined,
  inputs: readonly InputDeclaration[],
  sink: DiagnosticSink,
): FieldMapping | undefined {
  if (!mapping) return { inputs: {} };
  const before = sink.errorCount;
  let id: string | undefined;
  let expected: FieldMapping['expected'];
  let inputFields: Record<string, string> = {};
  for (const field of mapping.fields) {
    const key = field.name.name;
    if (key === 'id') {
      if (field.value.kind === 'string') id = field.value.value;
      else sink.error('R028', '`id` names the field that holds each case id: `id: "ticket_id"`', field.value.span);
    } else if (key === 'expected') {
      if (field.value.kind === 'string') expected = field.value.value;
      else expected = stringFields(field.value, '`expected`', sink);
    } else if (key === 'inputs') {
      inputFields = stringFields(field.value, '`inputs`', sink) ?? {};
      const names = inputs.map((input) => input.name);
      const object = field.value.kind === 'object' ? field.value : undefined;
      for (const inputField of object?.fields ?? []) {
        if (names.includes(inputField.name.name)) continue;
        const guess = suggest(inputField.name.name, names);
        sink.error(
          'R028',
          `\`inputs\` maps \`${inputField.name.name}\`, which is not an input`,
          inputField.name.span,
          guess ? `did you mean \`${guess}\`?` : `the inputs are ${listNames(names) || 'none'}`,
        );
      }
    } else {
      const guess = suggest(key, mappingKeys);
      sink.error(
        'R028',
        `a case file mapping has no \`${key}\``,
        field.name.span,
        guess ? `did you mean \`${guess}\`?` : `it takes ${listNames(mappingKeys)}`,
      );
    }
  }
  if (sink.errorCount > before) return undefined;
  return { ...(id !== undefined ? { id } : {}), ...(expected !== undefined ? { expected } : {}), inputs: inputFields };
}

/** A CSV field's text read as a value of the input's type, or the text itself when it cannot be (the type check then says so). */
export function fromText(text: unknown, input: InputDeclaration): unknown {
  if (typeof text !== 'string') return text;
  const { type } = input;
  if (type.kind === 'primitive') {
    if ((type.name === 'number' || type.name === 'integer') && text.trim() !== '') {
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    if (type.name === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
    return text;
  }
  if (type.kind === 'array' || type.kind === 'object') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function resolveCaseFile(
  item: CasesFromItem,
  inputs: readonly InputDeclaration[],
  usesExpected: boolean,
  ids: Set<string>,
  context: ResolveContext,
  sink: DiagnosticSink,
): ProgramCase[] {
  const path = item.path.value;
  const file = context.files?.get(path);
  if (!file?.ok) {
    sink.error(
      file?.code ?? 'R035',
      `cannot read the case file "${path}": ${file && !file.ok ? file.reason : 'it was not read'}`,
      item.path.span,
      file?.hint ?? 'the path is relative to this .prog file',
    );
    return [];
  }
  const mapping = readMapping(item.mapping, inputs, sink);
  if (!mapping) return [];
  const read = readCaseRows(path, file.text);
  if (!read.ok) {
    sink.error('R028', `cannot read the case file "${path}": ${read.problem}`, item.path.span);
    return [];
  }
  if (read.rows.length === 0) {
    sink.error('R028', `the case file "${path}" holds no cases`, item.path.span);
    return [];
  }
  let problems = 0;
  const problem = (row: CaseRow, message: string, hint?: string) => {
    problems++;
    if (problems <= rowProblemLimit) sink.error('R029', `${path}, ${row.where}: ${message}`, item.path.span, hint);
  };
  const cases: ProgramCase[] = [];
  const name = basename(path);
  for (const row of read.rows) {
    const idField = mapping.id ?? 'id';
    const rawId = row.fields[idField];
    if (mapping.id !== undefined && (rawId === undefined || rawId === '')) {
      problem(
        row,
        `no field \`${idField}\` for the case id`,
        `the row's fields are ${listNames(Object.keys(row.fields))}`,
      );
      continue;
    }
    const id = rawId === undefined || rawId === '' ? `${name}:${row.row}` : String(rawId);
    if (ids.has(id)) {
      problem(row, `case "${id}" is defined twice`, 'give each case its own id');
      continue;
    }
    ids.add(id);
    let valid = true;
    const values: Record<string, unknown> = {};
    for (const input of inputs) {
      const field = mapping.inputs[input.name] ?? input.name;
      if (!Object.hasOwn(row.fields, field) || (row.textual && row.fields[field] === '' && 'defaultValue' in input)) {
        if ('defaultValue' in input) {
          values[input.name] = input.defaultValue;
          continue;
        }
        problem(
          row,
          `no field \`${field}\` for the input \`${input.name}\``,
          `the row's fields are ${listNames(Object.keys(row.fields))}${mapping.inputs[input.name] ? '' : `; map another with \`inputs: { ${input.name}: "…" }\``}`,
        );
        valid = false;
        continue;
      }
      const value = row.textual ? fromText(row.fields[field], input) : row.fields[field];
      if (!valueHasType(value, input.type)) {
        problem(
          row,
          `field \`${field}\` (input \`${input.name}\`) must be ${describeType(input.type)}, got ${JSON.stringify(value)}`,
          `correct the value in the file, or change the type of \`${input.name}\``,
        );
        valid = false;
        continue;
      }
      values[input.name] = value;
    }
    let expected: unknown;
    let hasExpected = false;
    if (typeof mapping.expected === 'object') {
      expected = Object.fromEntries(Object.entries(mapping.expected).map(([key, field]) => [key, row.fields[field]]));
      hasExpected = true;
      for (const field of Object.values(mapping.expected)) {
        if (!Object.hasOwn(row.fields, field)) {
          problem(row, `no field \`${field}\` for the reference value`);
          valid = false;
        }
      }
    } else {
      const field = mapping.expected ?? 'expected';
      hasExpected = Object.hasOwn(row.fields, field);
      expected = row.fields[field];
      if (!hasExpected && (usesExpected || mapping.expected !== undefined)) {
        problem(
          row,
          `no field \`${field}\` for the expected value, and the verifier reads one`,
          mapping.expected ? undefined : 'name the field with `{ expected: "…" }` after the path',
        );
        valid = false;
      }
    }
    if (!valid) continue;
    cases.push({
      id,
      inputs: values,
      hasExpected,
      ...(hasExpected ? { expected } : {}),
      span: item.span,
      origin: { file: file.absolute, row: row.row },
    });
  }
  if (problems > rowProblemLimit) {
    sink.error('R029', `${path}: ${problems - rowProblemLimit} more rows have problems`, item.path.span);
  }
  return cases;
}
