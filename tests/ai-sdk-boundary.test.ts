import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const sdkImport = /\bfrom\s+['"](ai|ai\/[^'"]*|@ai-sdk\/[^'"]*)['"]|\bimport\(\s*['"](ai|@ai-sdk\/[^'"]*)['"]\s*\)/;

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(entry.name.endsWith('.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}

describe('the AI SDK boundary', () => {
  it('keeps `ai` and `@ai-sdk/*` imports inside src/interpreters/ai-sdk', async () => {
    const root = join(import.meta.dirname, '..');
    const offenders: string[] = [];
    for (const file of await sourceFiles(join(root, 'src'))) {
      const path = relative(root, file).split('\\').join('/');
      if (path.startsWith('src/interpreters/ai-sdk/')) continue;
      if (sdkImport.test(await readFile(file, 'utf8'))) offenders.push(path);
    }
    expect(offenders).toEqual([]);
  });

  it('does not load the SDK when the providers are imported, only when one creates an interpreter', async () => {
    const folder = join(import.meta.dirname, '..', 'src', 'interpreters', 'ai-sdk');
    const valueImport = /^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm;
    const eager: string[] = [];
    for (const file of await sourceFiles(folder)) {
      if (file.endsWith('.test.ts')) continue;
      const name = relative(folder, file);
      for (const [, specifier] of (await readFile(file, 'utf8')).matchAll(valueImport)) {
        const loadsSdk = /^(ai|@ai-sdk\/.*)$/.test(specifier ?? '') || specifier === './to-interpreter-error.js';
        // The error mapping needs the SDK's error classes; the interpreter imports it lazily, with the SDK.
        if (loadsSdk && name !== 'to-interpreter-error.ts') eager.push(`${name} imports ${specifier}`);
      }
    }
    expect(eager).toEqual([]);
  });
});
