import { loadConfig } from '../config/load-config.js';
import { hasErrors } from '../lang/diagnostic.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { loadProgram } from '../program/load-program.js';
import { checkInterpreterNames } from '../runner/check-interpreter-names.js';
import { defaultProgramPaths, discoverPrograms } from '../runner/discover-programs.js';
import { plural } from '../util/plural.js';
import type { CommandIo } from './command-io.js';

/**
 * `informal check [paths…]`: parses and resolves every program, checks the interpreters they name, calls none, and
 * prints every diagnostic.
 */
export async function checkCommand(
  paths: readonly string[],
  io: CommandIo,
  options: { readonly config?: string } = {},
): Promise<number> {
  const loadedConfig = await loadConfig(io.cwd, options.config);
  if (!loadedConfig.ok) {
    io.stderr(`error: the config ${loadedConfig.error.file} has problems:\n`);
    for (const problem of loadedConfig.error.problems) io.stderr(`  - ${problem}\n`);
    return 2;
  }
  const discovery = await discoverPrograms(paths.length > 0 ? paths : defaultProgramPaths(io.cwd), io.cwd);
  for (const path of discovery.missing) io.stderr(`error: no such file or folder: ${path}\n`);
  // Interpreter names are checked as `informal test` checks them, against the config's aliases and providers.
  const loaded = (await Promise.all(discovery.files.map((file) => loadProgram(file, io.cwd)))).map((file) => ({
    ...file,
    diagnostics: [...file.diagnostics, ...checkInterpreterNames(file, loadedConfig.config)],
  }));
  let errors = 0;
  let warnings = 0;
  for (const file of loaded) {
    for (const diagnostic of file.diagnostics) {
      io.stderr(`${renderDiagnostic(diagnostic, file.source)}\n\n`);
      if (diagnostic.severity === 'error') errors++;
      else warnings++;
    }
  }
  // Warnings (lints) are printed but do not fail the check.
  const failed = discovery.missing.length > 0 || loaded.some((file) => hasErrors(file.diagnostics));
  io.stdout(
    `${plural(loaded.length, 'program file')} checked, ${plural(errors + warnings, 'diagnostic')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})\n`,
  );
  return failed || discovery.files.length === 0 ? 2 : 0;
}
