import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { jsonReportSchema } from '../src/report/json-report-schema.js';
import { repoRoot } from './support/run-cli.js';

/** Every field name of a zod schema, at any depth: through arrays, records, optionals, nullables and lazies. */
function fieldNames(schema: z.ZodType, seen = new Set<z.ZodType>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(schema)) return names;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (child: unknown) => {
    for (const name of fieldNames(child as z.ZodType, seen)) names.add(name);
  };
  switch (def.type) {
    case 'object':
      for (const [name, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        names.add(name);
        inner(child);
      }
      break;
    case 'array':
      inner(def.element);
      break;
    case 'record':
      inner(def.valueType);
      break;
    case 'optional':
    case 'nullable':
      inner(def.innerType);
      break;
    case 'lazy':
      inner((def.getter as () => z.ZodType)());
      break;
  }
  return names;
}

describe('docs/json-report.md', () => {
  it('names every field of the JSON report schema', () => {
    const docs = readFileSync(join(repoRoot, 'docs/json-report.md'), 'utf8');
    const names = [...fieldNames(jsonReportSchema)];
    // The walk reaches the nested objects: a score's judge, an expectation's significance, a baseline's changes.
    expect(names).toEqual(expect.arrayContaining(['agreement', 'casesNeeded', 'pValue', 'standardError', 'drawn']));
    const undocumented = names.filter((name) => !new RegExp(`[\`{ ,\\n]${name}[\`?,}: \\n]`).test(docs));
    expect(undocumented).toEqual([]);
  });
});
