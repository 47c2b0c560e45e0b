import { readdir, stat } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';

/** What discovery found: the `.prog` files, sorted, and the paths that matched nothing. */
export interface Discovery {
  readonly files: readonly string[];
  readonly missing: readonly string[];
}

const skippedFolders = new Set(['node_modules', '.git', '.informal', 'dist']);

async function walk(folder: string, shown: string, found: Map<string, string>): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) await walk(path, join(shown, entry.name), found);
    } else if (entry.isFile() && entry.name.endsWith('.prog')) {
      found.set(path, join(shown, entry.name));
    }
  }
}

/**
 * Finds `.prog` files: a file path is taken as it is, a folder is searched recursively (skipping node_modules,
 * .git, .informal and dist). Files are named as the user would write them (the given path, joined with the file's
 * place below a given folder), sorted, each once.
 */
export async function discoverPrograms(paths: readonly string[], cwd: string): Promise<Discovery> {
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(absolute, normalize(path), found);
    else found.set(absolute, normalize(path));
  }
  return { files: [...found.values()].sort(), missing };
}
