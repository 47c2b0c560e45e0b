import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../tests/support/run-cli.js';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { StoreReader } from './store-reader.js';

/** Runs a child process that opens (and so creates) each store in turn; resolves with its exit code and stderr. */
function openAll(paths: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const script = `const { SqliteStore } = await import(${JSON.stringify(join(repoRoot, 'dist/store/sqlite-store.js'))});
for (const path of ${JSON.stringify(paths)}) new SqliteStore(path).close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('several processes creating the same new store', () => {
  it('all succeed: one migrates it, the others find it done', async () => {
    const folder = tempFolder();
    const paths = Array.from({ length: 20 }, (_, index) => join(folder, `store-${index}.sqlite`));
    const results = await Promise.all(Array.from({ length: 6 }, () => openAll(paths)));
    for (const result of results) expect(result.stderr).toBe('');
    expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0, 0, 0]);
    for (const path of paths) {
      const reader = new StoreReader(path);
      expect(reader.listRuns()).toEqual([]);
      reader.close();
    }
  });
});
