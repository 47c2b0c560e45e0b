import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

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
 * What a suite runs when no path is given: the config's `include`, else `programs/` when the folder has one, else
 * the folder itself.
 */
export function defaultProgramPaths(cwd: string, include?: readonly string[]): readonly string[] {
  if (include && include.length > 0) return include;
  return existsSync(join(cwd, 'programs')) ? ['programs'] : ['.'];
}

/**
 * Finds `.prog` files: a file path is taken as it is, a folder is searched recursively (skipping node_modules,
 * .git, .informal and dist), and a glob pattern (a path with `*`, `?`, `[…]` or `{…}` that names no existing file
 * or folder) is expanded; a glob that
 * matches no `.prog` file is reported missing. Files are named as the user would write them (the given path, joined
 * with the file's place below a given folder), sorted, each once.
 */
export async function discoverPrograms(paths: readonly string[], cwd: string): Promise<Discovery> {
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const path of paths) {
    // A path that exists is taken as it is, even when it reads as a pattern (`a(1).prog`, `[draft].prog`).
    const existing = await stat(resolve(cwd, path)).catch(() => undefined);
    if (!existing && isDynamicPattern(path)) {
      const matches = await glob(path, {
        cwd,
        onlyFiles: true,
        ignore: [...skippedFolders].map((folder) => `**/${folder}/**`),
      });
      const programs = matches.filter((match) => match.endsWith('.prog'));
      if (programs.length === 0) missing.push(path);
      for (const match of programs) found.set(resolve(cwd, match), normalize(match));
      continue;
    }
    const absolute = resolve(cwd, path);
    const info = existing;
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(absolute, normalize(path), found);
    else found.set(absolute, normalize(path));
  }
  return { files: [...found.values()].sort(), missing };
}
