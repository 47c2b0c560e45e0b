import { readFileSync } from 'node:fs';

/** Per-case counts of one model. */
export interface ModelCounts {
  model: string;
  cases: { n: number; c: number }[];
}

/** Reads a `model,problem,n,c` CSV into per-model case lists, in order of first appearance. */
export function readCounts(path: string): ModelCounts[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`${path}: no column "${name}" in the header "${header}"`);
    return index;
  };
  const [model, n, c] = [at('model'), at('n'), at('c')];
  const byModel = new Map<string, { n: number; c: number }[]>();
  for (const line of lines) {
    const fields = line.split(',');
    const name = fields[model] as string;
    const list = byModel.get(name) ?? [];
    list.push({ n: Number(fields[n]), c: Number(fields[c]) });
    byModel.set(name, list);
  }
  return [...byModel].map(([name, cases]) => ({ model: name, cases }));
}
