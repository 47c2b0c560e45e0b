import { dirname, extname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentNode, ImportItem } from '../lang/ast.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import { hasErrors } from '../lang/diagnostic.js';
import { type ParseResult, parseProg } from '../lang/parse.js';
import { suggest } from '../lang/suggest.js';
import { redactKnownSecrets } from '../util/redact-secrets.js';
import { isVerifierDefinition, type ModuleVerifier, toModuleVerifier } from '../verifiers/verifier-module.js';
import { fileReferences } from './file-references.js';
import { type ModuleLoadFailure, moduleLoadFailure } from './module-load-failure.js';
import type { Program } from './program.js';
import { ProjectFiles, refusalCodes } from './project-files.js';
import { findProjectRoot } from './project-root.js';
import { readBoundedFile } from './read-bounded-file.js';
import { DiagnosticSink, listNames, type ReadFile, type ResolveContext } from './resolve-context.js';
import { resolveProgram } from './resolve-program.js';

/** A program file read from disk: the program when it is valid, its text, and its diagnostics. */
export interface LoadedProgram {
  readonly file: string;
  readonly source: string;
  readonly program?: Program;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Absolute paths of every other file the program read: imported `.prog` files and TypeScript modules (and what
   * those read in turn), prompt files and case files. A watcher re-runs the program when one of them changes.
   */
  readonly dependencies: readonly string[];
}

/**
 * Parses and resolves program text. Never throws on user input. Files it names (prompts, cases) and imports must
 * be in `context`; `loadProgram` gathers them.
 */
export function compileProgram(source: string, file: string, context: ResolveContext = {}): LoadedProgram {
  return compileParsed(parseProg(source, file), source, file, context);
}

/** Resolves a parsed file: `compileProgram` without the parse. */
function compileParsed(parsed: ParseResult, source: string, file: string, context: ResolveContext): LoadedProgram {
  if (!parsed.document) return { file, source, diagnostics: parsed.diagnostics, dependencies: [] };
  const resolved = resolveProgram(parsed.document, source, file, context);
  const diagnostics = [...parsed.diagnostics, ...resolved.diagnostics];
  const dependencies = [...(context.files?.values() ?? [])].map((read) => read.absolute);
  return hasErrors(diagnostics) || !resolved.program
    ? { file, source, diagnostics, dependencies }
    : { file, source, program: resolved.program, diagnostics, dependencies };
}

/** Loads programs and verifier modules once each, following imports, and finds cycles. */
class ProgramLoader {
  private readonly programs = new Map<string, Promise<LoadedProgram>>();
  /** For each file found on an import cycle, the cycle as shown to users. */
  private readonly cycles = new Map<string, string>();
  private readonly modules = new Map<
    string,
    Promise<{ ok: true; exports: Record<string, unknown> } | ({ ok: false } & ModuleLoadFailure)>
  >();

  constructor(
    private readonly cwd: string,
    /** What the programs may read: the files of the first program's project. */
    private readonly files: ProjectFiles,
  ) {}

  /** Loads a file named `file` (as the user wrote it), reached through the import chain `chain` (absolute paths). */
  load(file: string, chain: readonly string[] = []): Promise<LoadedProgram> {
    const absolute = resolve(this.cwd, file);
    const existing = this.programs.get(absolute);
    if (existing) return existing;
    const loading = this.loadUncached(file, absolute, chain);
    this.programs.set(absolute, loading);
    return loading;
  }

  private async loadUncached(file: string, absolute: string, chain: readonly string[]): Promise<LoadedProgram> {
    const read = await readBoundedFile(absolute, await this.files.limit('program'));
    if (!read.ok) return { file, source: '', diagnostics: [readDiagnostic(file, read.reason)], dependencies: [] };
    const source = read.text;
    const parsed = parseProg(source, file);
    if (!parsed.document) return { file, source, diagnostics: parsed.diagnostics, dependencies: [] };
    const sink = new DiagnosticSink(file);
    const folder = dirname(absolute);
    const dependencies = new Set<string>();
    const programs = new Map<string, Program>();
    const verifiers = new Map<string, ModuleVerifier>();
    const failedImports = new Set<string>();
    const functions = new Map<string, { value: unknown; module: string }>();
    // Names a module exports as functions for the agent rather than as verifiers.
    const agentNames = new Set(
      parsed.document.program.items.flatMap((item) =>
        item.kind === 'tool' || item.kind === 'environment' ? [item.name.name] : [],
      ),
    );
    for (const item of parsed.document.imports) {
      const target = resolve(folder, item.from.value);
      dependencies.add(target);
      const extension = extname(target);
      const checked = await this.files.check(target);
      if (!checked.ok && checked.refusal === 'outside') {
        sink.error(
          refusalCodes.outside,
          `cannot import "${item.from.value}": ${checked.reason}`,
          item.from.span,
          checked.hint,
        );
        for (const name of item.names) failedImports.add(name.name);
      } else if (extension === '.prog') {
        await this.importProgram(item, target, [...chain, absolute], { sink, programs, failedImports, dependencies });
      } else if (['.ts', '.mts', '.js', '.mjs'].includes(extension)) {
        await this.importModule(item, target, agentNames, { sink, verifiers, functions, failedImports });
      } else {
        sink.error(
          'R030',
          `cannot import "${item.from.value}": imports name a .prog file or a TypeScript module (.ts)`,
          item.from.span,
        );
        for (const name of item.names) failedImports.add(name.name);
      }
    }
    const files = await readReferencedFiles(parsed.document, folder, this.files);
    for (const read of files.values()) dependencies.add(read.absolute);
    const compiled = compileParsed(parsed, source, file, {
      files,
      programs,
      verifiers,
      functions,
      failedImports,
      folder,
    });
    const diagnostics = [...sink.diagnostics, ...compiled.diagnostics];
    const result = { file, source, diagnostics, dependencies: [...dependencies] };
    return hasErrors(diagnostics) || !compiled.program ? result : { ...result, program: compiled.program };
  }

  private async importProgram(
    item: ImportItem,
    target: string,
    chain: readonly string[],
    into: {
      sink: DiagnosticSink;
      programs: Map<string, Program>;
      failedImports: Set<string>;
      dependencies: Set<string>;
    },
  ): Promise<void> {
    const fail = () => {
      for (const name of item.names) into.failedImports.add(name.name);
    };
    const cycleHint = 'a program cannot call itself, directly or through others';
    if (chain.includes(target)) {
      const members = chain.slice(chain.indexOf(target));
      // Relative to the folder where the cycle starts, as the imports are written: the same from any working folder.
      const from = dirname(members[0] as string);
      const shown = [...members, target].map((path) => relative(from, path) || path).join(' → ');
      for (const member of members) if (!this.cycles.has(member)) this.cycles.set(member, shown);
      into.sink.error('R032', `import cycle: ${shown}`, item.from.span, cycleHint);
      return fail();
    }
    const loaded = await this.load(relative(this.cwd, target) || target, chain);
    for (const dependency of loaded.dependencies) into.dependencies.add(dependency);
    const cycle = this.cycles.get(target);
    if (!loaded.program && cycle) {
      // Shown where the user looks: the file they loaded, not only the one that closes the loop.
      into.sink.error('R032', `import cycle: ${cycle}`, item.from.span, cycleHint);
      return fail();
    }
    if (!loaded.program) {
      const unread =
        loaded.source === '' ? loaded.diagnostics.find((diagnostic) => diagnostic.code === 'F001') : undefined;
      const missing = unread !== undefined;
      const errors = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
      into.sink.error(
        'R030',
        missing
          ? `cannot import "${item.from.value}": ${unread.message.replace(/^cannot read the file: /, '')}`
          : `the imported program "${item.from.value}" has ${errors} error${errors === 1 ? '' : 's'}`,
        item.from.span,
        missing ? 'the path is relative to this .prog file' : `run \`informal check ${loaded.file}\``,
      );
      return fail();
    }
    const program = loaded.program;
    for (const name of item.names) {
      if (name.name === program.name) into.programs.set(name.name, program);
      else {
        into.sink.error(
          'R031',
          `"${item.from.value}" has no program \`${name.name}\``,
          name.span,
          suggest(name.name, [program.name])
            ? `did you mean \`${program.name}\`?`
            : `it holds the program \`${program.name}\``,
        );
        into.failedImports.add(name.name);
      }
    }
  }

  private loadModule(target: string) {
    const existing = this.modules.get(target);
    if (existing) return existing;
    const loading = (async () => {
      try {
        const { createJiti } = await import('jiti');
        const jiti = createJiti(pathToFileURL(target).href, { moduleCache: false });
        const exports = (await jiti.import(target)) as Record<string, unknown>;
        return { ok: true as const, exports };
      } catch (error) {
        return { ok: false as const, ...moduleLoadFailure(target, error) };
      }
    })();
    this.modules.set(target, loading);
    return loading;
  }

  /**
   * Imports names from a TypeScript module: verifiers, and (for names in `agentNames`, those of `tool` and
   * `environment` items) the exports as they are, which resolving checks are functions.
   */
  private async importModule(
    item: ImportItem,
    target: string,
    agentNames: ReadonlySet<string>,
    into: {
      sink: DiagnosticSink;
      verifiers: Map<string, ModuleVerifier>;
      functions: Map<string, { value: unknown; module: string }>;
      failedImports: Set<string>;
    },
  ): Promise<void> {
    const fail = () => {
      for (const name of item.names) into.failedImports.add(name.name);
    };
    // Read once here, bounded, so that a FIFO or a device is refused before the module loader blocks on it.
    const read = await this.files.read(target, 'program');
    if (!read.ok) {
      into.sink.error(
        read.refusal === 'unread' ? 'R030' : refusalCodes[read.refusal],
        `cannot import "${item.from.value}": ${read.reason}`,
        item.from.span,
        read.hint,
      );
      return fail();
    }
    const loaded = await this.loadModule(target);
    if (!loaded.ok) {
      into.sink.error(
        'R033',
        `the module "${item.from.value}" failed to load: ${loaded.reason}`,
        item.from.span,
        loaded.hint,
      );
      return fail();
    }
    const verifierNames = Object.keys(loaded.exports).filter((name) => isVerifierDefinition(loaded.exports[name]));
    for (const name of item.names) {
      if (!agentNames.has(name.name)) continue;
      const value = loaded.exports[name.name];
      if (value !== undefined) {
        into.functions.set(name.name, { value, module: target });
        continue;
      }
      const functionNames = Object.keys(loaded.exports).filter((key) => typeof loaded.exports[key] === 'function');
      const guess = suggest(name.name, functionNames);
      into.sink.error(
        'R031',
        `"${item.from.value}" has no export \`${name.name}\``,
        name.span,
        guess ? `did you mean \`${guess}\`?` : `its functions are ${listNames(functionNames)}`,
      );
      into.failedImports.add(name.name);
    }
    const verifierImports = item.names.filter((name) => !agentNames.has(name.name));
    if (verifierImports.length === 0) return;
    if (verifierNames.length === 0) {
      // A module of tools: the names it gives that no `tool` or `environment` item uses are the mistake.
      const unused = verifierImports.map((name) => `\`${name.name}\``).join(', ');
      into.sink.error(
        'R033',
        `the module "${item.from.value}" exports no verifier`,
        item.from.span,
        agentNames.size > 0
          ? `${unused} ${verifierImports.length === 1 ? 'is' : 'are'} used by no \`tool\` or \`environment\` line: declare ${verifierImports.length === 1 ? 'it' : 'them'}, or remove ${verifierImports.length === 1 ? 'it' : 'them'} from the import`
          : "export one made with `defineVerifier` from 'informal'",
      );
      for (const name of verifierImports) into.failedImports.add(name.name);
      return;
    }
    for (const name of verifierImports) {
      const value = loaded.exports[name.name];
      if (isVerifierDefinition(value)) {
        into.verifiers.set(name.name, toModuleVerifier(name.name, value, target));
        continue;
      }
      const guess = suggest(name.name, verifierNames);
      into.sink.error(
        'R031',
        value === undefined
          ? `"${item.from.value}" has no export \`${name.name}\``
          : `the export \`${name.name}\` of "${item.from.value}" is not a verifier`,
        name.span,
        guess ? `did you mean \`${guess}\`?` : `its verifiers are ${listNames(verifierNames)}`,
      );
      into.failedImports.add(name.name);
    }
  }
}

function readDiagnostic(file: string, reason: string): Diagnostic {
  return {
    code: 'F001',
    severity: 'error',
    message: `cannot read the file: ${reason}`,
    file,
    span: { start: 0, end: 0 },
  };
}

/**
 * Reads every prompt and case file a document names, relative to its folder, as `files` allows: inside the project,
 * regular, within the size limit of its kind. Known secrets in what is read are masked (see `redactKnownSecrets`).
 */
async function readReferencedFiles(
  document: DocumentNode,
  folder: string,
  projectFiles: ProjectFiles,
): Promise<Map<string, ReadFile>> {
  const files = new Map<string, ReadFile>();
  for (const { path, kind } of fileReferences(document)) {
    if (files.has(path.value)) continue;
    const absolute = resolve(folder, path.value);
    const read = await projectFiles.read(absolute, kind);
    files.set(
      path.value,
      read.ok
        ? { ok: true, absolute, text: redactKnownSecrets(read.text) }
        : { ok: false, absolute, reason: read.reason, code: refusalCodes[read.refusal], hint: read.hint },
    );
  }
  return files;
}

/**
 * Reads, parses and resolves a `.prog` file with everything it imports and reads. `file` is read relative to
 * `cwd` and named as given in diagnostics. A file that cannot be read becomes a diagnostic. What the program and
 * its imports read stays inside its project (see `findProjectRoot` and `ProjectFiles`).
 */
export async function loadProgram(file: string, cwd: string = process.cwd()): Promise<LoadedProgram> {
  const project = findProjectRoot(dirname(resolve(cwd, file)));
  return new ProgramLoader(cwd, new ProjectFiles(project)).load(file);
}
