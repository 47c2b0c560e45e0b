import { basename } from 'node:path';
import type { LabelledOutput } from '../verifiers/meta-evaluate.js';
import { type CaseRow, readCaseRows } from './case-file.js';
import type { InputDeclaration } from './program.js';
import { fromText } from './resolve-cases.js';
import { listNames } from './resolve-context.js';
import { describeType, valueHasType } from './type-schema.js';

/** The rows of a labels file, or every problem found in it (at most `problemLimit`, then a count). */
export type LabelsFileResult =
  | { readonly ok: true; readonly rows: readonly LabelledOutput[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const problemLimit = 10;

/** A label as a number in [0, 1]: numbers as they are, true/false and pass/fail as 1/0, numeric text read. */
function readLabel(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true' || text === 'pass') return 1;
    if (text === 'false' || text === 'fail') return 0;
    if (text === '') return undefined;
    return readLabel(Number(text));
  }
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

/**
 * Reads a labels file for meta-evaluation (JSONL, JSON, CSV or YAML, as case files are): one row per output a
 * person scored, with `output`, `label` (a number in [0, 1], true/false or pass/fail), an optional `id` and
 * `expected`, and the program's inputs by name (defaults fill the missing ones). Each problem names the file, the
 * row and the field.
 */
export function readLabels(path: string, text: string, inputs: readonly InputDeclaration[]): LabelsFileResult {
  const read = readCaseRows(path, text);
  if (!read.ok) return { ok: false, problems: [`${path}: ${read.problem}`] };
  if (read.rows.length === 0) return { ok: false, problems: [`${path} holds no labelled outputs`] };
  const problems: string[] = [];
  let more = 0;
  const problem = (row: CaseRow, message: string) => {
    if (problems.length < problemLimit) problems.push(`${path}, ${row.where}: ${message}`);
    else more++;
  };
  const ids = new Set<string>();
  const rows: LabelledOutput[] = [];
  for (const row of read.rows) {
    const { fields } = row;
    const fieldNames = listNames(Object.keys(fields));
    let valid = true;
    if (!Object.hasOwn(fields, 'output')) {
      problem(row, `no field \`output\` (the output that was labelled); the row's fields are ${fieldNames}`);
      valid = false;
    }
    const label = readLabel(fields.label);
    if (label === undefined) {
      problem(
        row,
        Object.hasOwn(fields, 'label')
          ? `field \`label\` must be a number from 0 to 1, true/false or pass/fail, got ${JSON.stringify(fields.label)}`
          : `no field \`label\` (the person's score); the row's fields are ${fieldNames}`,
      );
      valid = false;
    }
    const id = fields.id === undefined || fields.id === '' ? `${basename(path)}:${row.row}` : String(fields.id);
    if (ids.has(id)) {
      problem(row, `the id "${id}" is used twice`);
      valid = false;
    }
    ids.add(id);
    const values: Record<string, unknown> = {};
    for (const input of inputs) {
      const missing = !Object.hasOwn(fields, input.name) || (row.textual && fields[input.name] === '');
      if (missing) {
        if ('defaultValue' in input) values[input.name] = input.defaultValue;
        else {
          problem(
            row,
            `no field \`${input.name}\` for the input \`${input.name}\`; the row's fields are ${fieldNames}`,
          );
          valid = false;
        }
        continue;
      }
      const value = row.textual ? fromText(fields[input.name], input) : fields[input.name];
      if (!valueHasType(value, input.type)) {
        problem(row, `field \`${input.name}\` must be ${describeType(input.type)}, got ${JSON.stringify(value)}`);
        valid = false;
        continue;
      }
      values[input.name] = value;
    }
    if (!valid) continue;
    rows.push({
      id,
      inputs: values,
      output: fields.output,
      ...(Object.hasOwn(fields, 'expected') ? { expected: fields.expected } : {}),
      label: label as number,
    });
  }
  if (more > 0) problems.push(`${path}: ${more} more rows have problems`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
