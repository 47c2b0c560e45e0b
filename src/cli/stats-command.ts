import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { formatMetric } from '../report/format-number.js';
import type { CaseCounts } from '../stats/case-counts.js';
import { type KTable, kTable } from '../stats/k-table.js';
import type { CommandIo } from './command-io.js';

export interface StatsCommandOptions {
  readonly k: readonly number[];
  readonly json?: boolean;
  readonly level: number;
}

/** Reads `problem,n,c[,model]` rows, grouped by model; problems are reported with their row numbers. */
function readCounts(text: string, file: string): { groups: Map<string, CaseCounts[]> } | { problem: string } {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { problem: `${file}: not a CSV file: ${(error as Error).message}` };
  }
  const columns = Object.keys(rows[0] ?? {});
  const missing = ['problem', 'n', 'c'].filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return {
      problem: `${file}: missing column ${missing.map((column) => `\`${column}\``).join(', ')}; the columns must be problem,n,c (and optionally model)`,
    };
  }
  const groups = new Map<string, CaseCounts[]>();
  for (const [index, row] of rows.entries()) {
    const n = Number(row.n);
    const c = Number(row.c);
    const where = `${file}: row ${index + 2} (problem ${row.problem})`;
    if (!Number.isInteger(n) || n < 1)
      return { problem: `${where}: \`n\` must be a whole number of at least 1, got "${row.n}"` };
    if (!Number.isInteger(c) || c < 0 || c > n) {
      return { problem: `${where}: \`c\` must be a whole number between 0 and n = ${n}, got "${row.c}"` };
    }
    const model = row.model ?? '';
    const group = groups.get(model) ?? [];
    group.push({ n, c });
    groups.set(model, group);
  }
  if (groups.size === 0) return { problem: `${file}: no rows` };
  return { groups };
}

const interval = (value: { estimate: number; lower: number; upper: number }) =>
  `${formatMetric(value.estimate)}  [${formatMetric(value.lower)}, ${formatMetric(value.upper)}]`;

function renderTable(name: string, table: KTable): string {
  const ns = table.minimumN;
  const lines = [
    `${name}: ${table.cases} cases, at least ${ns} samples each, ${Math.round(table.level * 100)}% intervals`,
    `${'k'.padStart(8)}  ${'pass@k'.padEnd(24)}  pass^k`,
  ];
  for (const row of table.rows) {
    const passAt = `${interval(row.passAtK)}${row.passAtK.source === 'extrapolated' ? ' *' : ''}`;
    lines.push(`${String(row.k).padStart(8)}  ${passAt.padEnd(24)}  ${row.passHatK ? interval(row.passHatK) : '—'}`);
  }
  lines.push(`${'∞'.padStart(8)}  ${interval(table.passAtInfinity)}`);
  if (table.rows.some((row) => row.passAtK.source === 'extrapolated')) {
    lines.push(`  * extrapolated beyond the samples drawn (${table.method} fit); pass^k is shown where observed`);
    lines.push(`  model: ${table.methodDetail}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `informal stats <file.csv> --k 1,10,100`: pass@k (observed and extrapolated), pass^k and pass@∞ with intervals. */
export function statsCommand(file: string, options: StatsCommandOptions, io: CommandIo): number {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : ((error as Error).message ?? code);
    const hint =
      code === 'ENOENT' || code === 'EISDIR'
        ? `check the path: it is read from ${io.cwd}`
        : 'give a readable CSV file of per-problem counts';
    io.stderr(`error: cannot read ${file}: ${why}\n  hint: ${hint}\n`);
    return 2;
  }
  const counts = readCounts(text, file);
  if ('problem' in counts) {
    io.stderr(`error: ${counts.problem}\n`);
    return 2;
  }
  const tables = [...counts.groups].map(([model, cases]) => ({
    model,
    table: kTable(cases, options.k, { level: options.level }),
  }));
  if (options.json) {
    io.stdout(`${JSON.stringify({ version: 1, file, tables }, null, 2)}\n`);
  } else {
    io.stdout(tables.map(({ model, table }) => renderTable(model || file, table)).join('\n'));
  }
  return 0;
}
