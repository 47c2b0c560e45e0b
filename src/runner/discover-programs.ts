import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** What discovery found: the `.prog` files, sorted, and the paths that matched nothing. */
export interface Discovery {
  readonly files: readonly string[];
  readonly missing: readonly string[];
}

const skippedFolders = new Set(['node_modules', '.git', '.informal', 'dist']);

async function walk(folder: string, found: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) await walk(path, found);
    } else if (entry.isFile() && entry.name.endsWith('.prog')) {
      found.push(path);
    }
  }
}

/**
 * Finds `.prog` files: a file path is taken as it is, a folder is searched recursively (skipping node_modules,
 * .git, .informal and dist). Paths are returned relative to `cwd`, sorted, without duplicates.
 */
export async function discoverPrograms(paths: readonly string[], cwd: string): Promise<Discovery> {
  const found: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const absolute = join(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(absolute, found);
    else found.push(absolute);
  }
  const files = [...new Set(found.map((file) => relative(cwd, file) || file))].sort();
  return { files, missing };
}
