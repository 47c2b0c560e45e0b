import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { InformalConfig } from '../config/informal-config.js';
import { loadConfig } from '../config/load-config.js';
import type { ProjectRoot } from './project-root.js';
import { formatByteLimit, readBoundedFile } from './read-bounded-file.js';

/** The largest prompt or `.prog` file a program reads unless the config's `files.maxPromptBytes` says otherwise. */
export const defaultMaxPromptBytes = 16 * 1024 * 1024;
/** The largest case file a program reads unless the config's `files.maxCaseFileBytes` says otherwise. */
export const defaultMaxCaseFileBytes = 64 * 1024 * 1024;

/** What a file is read as, which decides its size limit. */
export type ProjectFileKind = 'prompt' | 'cases' | 'program';

/**
 * Why a file a program names was not read: `outside` the project (code R038), not a regular file or too large
 * (`refused`, R039), or not there or unreadable (`unread`, R035); with the reason and what to do.
 */
export interface FileRefusal {
  readonly refusal: 'outside' | 'refused' | 'unread';
  readonly reason: string;
  readonly hint: string;
}

/** The diagnostic code of each refusal. */
export const refusalCodes = { unread: 'R035', outside: 'R038', refused: 'R039' } as const satisfies Record<
  FileRefusal['refusal'],
  string
>;

/** A file a program names, checked: its real path, or why it may not be read. */
export type FileCheck = { readonly ok: true; readonly real: string } | ({ readonly ok: false } & FileRefusal);

/** A file a program names, read: its text, or why it was not read. */
export type ProjectFileRead = { readonly ok: true; readonly text: string } | ({ readonly ok: false } & FileRefusal);

/** `inner` is `folder` or inside it. */
const isWithin = (inner: string, folder: string): boolean => {
  const path = relative(folder, inner);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};

/** The config's `files` settings, loaded once per version of the config file. */
const settingsCache = new Map<string, { mtimeMs: number; settings: Promise<InformalConfig['files']> }>();

async function filesSettings(configFile: string): Promise<InformalConfig['files']> {
  const mtimeMs = await stat(configFile).then(
    (stats) => stats.mtimeMs,
    () => -1,
  );
  const cached = settingsCache.get(configFile);
  if (cached && cached.mtimeMs === mtimeMs) return cached.settings;
  // An invalid config is reported by whoever runs the program; here it allows nothing more than the defaults.
  const settings = loadConfig(resolve(configFile, '..'), configFile).then((loaded) =>
    loaded.ok ? loaded.config.files : undefined,
  );
  settingsCache.set(configFile, { mtimeMs, settings });
  return settings;
}

const outsideHint = (project: ProjectRoot) =>
  `a program reads files in its project: the folder of ${project.configFile ? 'its informal.config' : 'informal.config.ts (else of package.json, else of the program)'}; to read another folder, list it in \`files.allow\` of informal.config.ts`;

/**
 * The files a program may read: those inside its project's folder, and inside the folders its config's
 * `files.allow` names, symbolic links followed before the check; each a regular file no larger than its limit.
 */
export class ProjectFiles {
  private settings: Promise<InformalConfig['files']> | undefined;
  private realRoot: Promise<string> | undefined;

  constructor(readonly project: ProjectRoot) {}

  private configured(): Promise<InformalConfig['files']> {
    const { configFile } = this.project;
    this.settings ??= configFile ? filesSettings(configFile) : Promise.resolve(undefined);
    return this.settings;
  }

  /** The largest file of a kind that may be read, in bytes. */
  async limit(kind: ProjectFileKind): Promise<number> {
    const settings = await this.configured();
    switch (kind) {
      case 'cases':
        return settings?.maxCaseFileBytes ?? defaultMaxCaseFileBytes;
      case 'prompt':
        return settings?.maxPromptBytes ?? defaultMaxPromptBytes;
      case 'program':
        // A lower prompt limit is about prompts; programs and modules keep at least the default.
        return Math.max(settings?.maxPromptBytes ?? 0, defaultMaxPromptBytes);
      default:
        return kind satisfies never;
    }
  }

  /**
   * The folders outside the project that the config allows, each as written (resolved) and as its real path; those
   * that do not exist are left out.
   */
  private async allowedFolders(): Promise<string[]> {
    const { configFile } = this.project;
    const allow = (await this.configured())?.allow ?? [];
    if (!configFile || allow.length === 0) return [];
    const folders = await Promise.all(
      allow.map(async (folder) => {
        const resolved = resolve(this.project.folder, folder);
        const real = await realpath(resolved).catch(() => undefined);
        return real === undefined ? [] : [resolved, real];
      }),
    );
    return folders.flat();
  }

  /** Whether `path` is in the project's folder (as written or as its real path) or in a folder the config allows. */
  private async isAllowed(path: string): Promise<boolean> {
    this.realRoot ??= realpath(this.project.folder).catch(() => this.project.folder);
    if (isWithin(path, this.project.folder) || isWithin(path, await this.realRoot)) return true;
    return (await this.allowedFolders()).some((folder) => isWithin(path, folder));
  }

  /**
   * Whether the file at `absolute` may be read: its path, and then its real path (symbolic links followed), are in
   * the project or a folder the config allows. A path outside is refused before anything is asked of the file.
   */
  async check(absolute: string): Promise<FileCheck> {
    const outside = (reason: string): FileCheck => ({
      ok: false,
      refusal: 'outside',
      reason,
      hint: outsideHint(this.project),
    });
    if (!(await this.isAllowed(absolute))) return outside('it is outside the project');
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : (error as Error).message;
      return { ok: false, refusal: 'unread', reason, hint: 'the path is relative to this .prog file' };
    }
    if (!(await this.isAllowed(real))) return outside('it is a symbolic link to a file outside the project');
    return { ok: true, real };
  }

  /** Reads a file a program names, once `check` allows it: a regular file no larger than the limit of its kind. */
  async read(absolute: string, kind: ProjectFileKind): Promise<ProjectFileRead> {
    const checked = await this.check(absolute);
    if (!checked.ok) return checked;
    const limit = await this.limit(kind);
    const read = await readBoundedFile(checked.real, limit, { noFollow: true });
    if (read.ok) return read;
    switch (read.problem) {
      case 'missing':
      case 'other':
        return { ok: false, refusal: 'unread', reason: read.reason, hint: 'the path is relative to this .prog file' };
      case 'kind':
        return { ok: false, refusal: 'refused', reason: read.reason, hint: 'name a regular file' };
      case 'size':
        return {
          ok: false,
          refusal: 'refused',
          reason: read.reason,
          hint: `files a program reads are limited to ${formatByteLimit(limit)}: raise \`files.${kind === 'cases' ? 'maxCaseFileBytes' : 'maxPromptBytes'}\` in informal.config.ts, or split the file`,
        };
      default:
        return read.problem satisfies never;
    }
  }
}
