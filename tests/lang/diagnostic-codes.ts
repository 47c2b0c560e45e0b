import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-cli.js';

/**
 * The diagnostic codes that parsing, resolving and checking verifiers can produce (`P…`, `R…`, `V…`, and the type checks `T…`) and the lints (`W…`), read from
 * their sources, so that tests notice a new code that no golden file or doc covers yet.
 */
export function codesInSources(): Set<string> {
  const codes = new Set<string>();
  for (const sourceFolder of ['src/lang', 'src/program', 'src/verifiers']) {
    const files = readdirSync(join(repoRoot, sourceFolder), { recursive: true, encoding: 'utf8' });
    for (const file of files) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const text = readFileSync(join(repoRoot, sourceFolder, file), 'utf8');
      for (const match of text.matchAll(/'([PRVTW]\d{3})'/g)) codes.add(match[1] as string);
    }
  }
  return codes;
}
