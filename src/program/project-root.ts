import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configFileNames } from '../config/load-config.js';

/** The folder a program's files must stay in, and the config that may allow more. */
export interface ProjectRoot {
  /** The project's folder, absolute. */
  readonly folder: string;
  /** The config file found there (`informal.config.ts` or another of `configFileNames`), when there is one. */
  readonly configFile?: string;
}

/** The folders from `folder` up to the file system's root, nearest first. */
function foldersUp(folder: string): string[] {
  const folders = [folder];
  for (let parent = dirname(folder); parent !== folders.at(-1); parent = dirname(parent)) folders.push(parent);
  return folders;
}

/**
 * The project of a program in `folder` (absolute): the nearest folder at or above it that holds an
 * `informal.config.*`, else the nearest that holds a `package.json`, else `folder` itself.
 */
export function findProjectRoot(folder: string): ProjectRoot {
  const folders = foldersUp(folder);
  for (const candidate of folders) {
    const configFile = configFileNames.map((name) => join(candidate, name)).find((path) => existsSync(path));
    if (configFile) return { folder: candidate, configFile };
  }
  const withPackage = folders.find((candidate) => existsSync(join(candidate, 'package.json')));
  return { folder: withPackage ?? folder };
}
