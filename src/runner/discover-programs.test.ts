import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { defaultProgramPaths, discoverPrograms } from './discover-programs.js';

/** A folder holding empty files at the given relative paths. */
function tree(paths: readonly string[]): string {
  const folder = tempFolder();
  for (const path of paths) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), 'prog 1\n');
  }
  return folder;
}

describe('finding .prog files', () => {
  const folder = tree([
    'a.prog',
    'evals/x.prog',
    'evals/deep/y.prog',
    'evals/notes.md',
    'evals/node_modules/z.prog',
    'programs/p.prog',
  ]);

  it('takes files as given, searches folders recursively, and skips node_modules', async () => {
    expect(await discoverPrograms(['a.prog', 'evals'], folder)).toEqual({
      files: ['a.prog', 'evals/deep/y.prog', 'evals/x.prog'],
      missing: [],
    });
  });

  it('expands globs, keeping only .prog files, and reports a glob or a path that matches nothing', async () => {
    expect(await discoverPrograms(['evals/**/*.prog'], folder)).toEqual({
      files: ['evals/deep/y.prog', 'evals/x.prog'],
      missing: [],
    });
    expect(await discoverPrograms(['evals/*.{prog,md}', 'nope/**/*.prog', 'missing.prog'], folder)).toEqual({
      files: ['evals/x.prog'],
      missing: ['nope/**/*.prog', 'missing.prog'],
    });
  });

  it('takes a path that exists as it is, even when it reads as a glob', async () => {
    const named = tree(['a(1).prog', '[draft].prog', 'd.prog', 'v{2}/b.prog']);
    expect(await discoverPrograms(['a(1).prog', '[draft].prog', 'v{2}'], named)).toEqual({
      files: ['[draft].prog', 'a(1).prog', 'v{2}/b.prog'],
      missing: [],
    });
  });

  it('runs the config include, else programs/ when there is one, else the whole folder', () => {
    expect(defaultProgramPaths(folder, ['evals/**/*.prog'])).toEqual(['evals/**/*.prog']);
    expect(defaultProgramPaths(folder)).toEqual(['programs']);
    expect(defaultProgramPaths(tree(['b.prog']))).toEqual(['.']);
  });
});
