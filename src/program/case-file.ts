import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/** One record of a case file, with where it stands: its line (JSONL, CSV, YAML) or position (JSON). */
export interface CaseRow {
  readonly row: number;
  /** How to name the row in messages: `line 4` or `item 3`. */
  readonly where: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** True for CSV rows, whose fields are all text: they are converted to the inputs' types. */
  readonly textual: boolean;
}

/** The rows of a case file, or why it cannot be read as one. */
export type CaseFileRows =
  | { readonly ok: true; readonly rows: readonly CaseRow[] }
  | { readonly ok: false; readonly problem: string };

/** The formats `cases from` reads, by file extension. */
export const caseFileFormats = ['.jsonl', '.json', '.csv', '.yaml', '.yml'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Control characters but tab and line feed, and the line separators JavaScript treats as line ends. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const unprintable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The longest problem quoted from a parser: enough to find the mistake, not enough to copy a file out. */
const longestProblem = 240;

/**
 * A parser's message made safe to print: control characters (a terminal's escapes among them) written as `\u…`,
 * and cut to `longestProblem` characters, since parsers quote the text they failed on.
 */
export function printableProblem(problem: string): string {
  const escaped = problem.replace(
    unprintable,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > longestProblem ? `${escaped.slice(0, longestProblem)}…` : escaped;
}

/**
 * Reads the rows of a case file: JSON Lines, a JSON array, CSV with a header line, or a YAML list. A problem quotes
 * at most a short, printable part of the file (see `printableProblem`).
 */
export function readCaseRows(path: string, text: string): CaseFileRows {
  const read = readRows(path, text);
  return read.ok ? read : { ok: false, problem: printableProblem(read.problem) };
}

function readRows(path: string, text: string): CaseFileRows {
  const extension = extname(path).toLowerCase();
  switch (extension) {
    case '.jsonl': {
      const rows: CaseRow[] = [];
      const lines = text.split('\n');
      for (let index = 0; index < lines.length; index++) {
        const line = (lines[index] as string).trim();
        if (line === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          return { ok: false, problem: `line ${index + 1} is not JSON: ${(error as Error).message}` };
        }
        if (!isRecord(value)) return { ok: false, problem: `line ${index + 1} is not a JSON object` };
        rows.push({ row: index + 1, where: `line ${index + 1}`, fields: value, textual: false });
      }
      return { ok: true, rows };
    }
    case '.json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return { ok: false, problem: `the file is not JSON: ${(error as Error).message}` };
      }
      if (!Array.isArray(value)) return { ok: false, problem: 'a JSON case file holds an array of objects' };
      const rows: CaseRow[] = [];
      for (const [index, item] of value.entries()) {
        if (!isRecord(item)) return { ok: false, problem: `item ${index + 1} is not an object` };
        rows.push({ row: index + 1, where: `item ${index + 1}`, fields: item, textual: false });
      }
      return { ok: true, rows };
    }
    case '.csv': {
      let records: { record: Record<string, string>; info: { lines: number } }[];
      try {
        records = parseCsv(text, {
          columns: true,
          skip_empty_lines: true,
          trim: true,
          info: true,
          bom: true,
          relax_column_count: true,
        });
      } catch (error) {
        return { ok: false, problem: (error as Error).message };
      }
      return {
        ok: true,
        rows: records.map(({ record, info }) => ({
          row: info.lines,
          where: `line ${info.lines}`,
          fields: record,
          textual: true,
        })),
      };
    }
    case '.yaml':
    case '.yml': {
      const lineCounter = new LineCounter();
      const document = parseDocument(text, { lineCounter });
      if (document.errors.length > 0) return { ok: false, problem: document.errors[0]?.message ?? 'not YAML' };
      const contents = document.contents;
      if (!isSeq(contents)) return { ok: false, problem: 'a YAML case file holds a list of mappings' };
      const rows: CaseRow[] = [];
      for (const [index, item] of contents.items.entries()) {
        const line = isMap(item) && item.range ? lineCounter.linePos(item.range[0]).line : index + 1;
        const value = isMap(item) ? item.toJSON() : undefined;
        if (!isRecord(value)) return { ok: false, problem: `item ${index + 1} is not a mapping` };
        rows.push({ row: line, where: `line ${line}`, fields: value, textual: false });
      }
      return { ok: true, rows };
    }
    default:
      return {
        ok: false,
        problem: `its format is not known from its name: case files end in ${caseFileFormats.join(', ')}`,
      };
  }
}
