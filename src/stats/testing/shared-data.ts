import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: three levels above this file (src/stats/testing). */
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** data/ of the project, where the exact test vectors and real data live (data/README.md says their sources). */
export const dataDirectory = resolve(repositoryRoot, 'data');

/** Reads a CSV file of data/ as rows keyed by the header's column names; a missing file throws, naming its path. */
export function readSharedCsv(name: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(resolve(dataDirectory, name), 'utf8'));
  if (!header) return [];
  return rows
    .filter((row) => row.length > 1 || row[0] !== '')
    .map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ''])));
}

/** Splits CSV text into rows of fields, honouring double quotes (with "" for a quote) around commas. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n') {
      rows.push([...row, field.replace(/\r$/, '')]);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
