import type { InterpreterSetupError } from '../../contracts/interpreter-provider.js';
import type { LlamaSettings } from './llama-settings.js';
import type { LlamaLike, NodeLlamaCppModule } from './node-llama-cpp-api.js';

/** The version this project is tested with, and the one the install hint names. */
export const nodeLlamaCppVersion = '3.21.1';

/** The command that installs the optional package. */
export const nodeLlamaCppInstallCommand = `npm install node-llama-cpp@${nodeLlamaCppVersion}`;

/** Imports node-llama-cpp; a function so that tests can stand in for a missing package. */
export type ImportNodeLlamaCpp = () => Promise<NodeLlamaCppModule>;

// A specifier in a variable keeps TypeScript from resolving the optional package at build time.
const packageName = 'node-llama-cpp';
export const importNodeLlamaCpp: ImportNodeLlamaCpp = () => import(packageName) as Promise<NodeLlamaCppModule>;

const isModuleNotFound = (error: unknown) =>
  error instanceof Error &&
  ['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'].includes((error as NodeJS.ErrnoException).code ?? '') &&
  error.message.includes(packageName);

export type LoadLlamaResult =
  | { readonly ok: true; readonly llama: LlamaLike; readonly module: NodeLlamaCppModule }
  | { readonly ok: false; readonly error: InterpreterSetupError };

/** One line of llama.cpp's log. */
interface LlamaLogLine {
  readonly level: string;
  readonly message: string;
}
const recentLog: LlamaLogLine[] = [];
let logLinesSeen = 0;
const recordLog = (level: string, message: string) => {
  recentLog.push({ level, message: message.trim() });
  logLinesSeen++;
  if (recentLog.length > 100) recentLog.shift();
};

/** A mark in llama.cpp's log, to ask later what it said since. */
export const llamaLogMark = (): number => logLinesSeen;

/**
 * The first error llama.cpp logged since `mark`, without its function-name prefix: it says more than the
 * exception node-llama-cpp throws ("Failed to load model").
 */
export function llamaErrorSince(mark: number): string | undefined {
  const since = recentLog.slice(Math.max(0, recentLog.length - (logLinesSeen - mark)));
  const error = since.find((line) => line.level === 'error' && line.message !== '');
  return error?.message.replace(/^[a-z_]+: /, '').replace(/^error loading model: /, '');
}

// One llama.cpp binding per GPU choice for the whole process: loading it takes about a second.
const llamas = new Map<string, Promise<LlamaLike>>();

/**
 * Imports node-llama-cpp and gets its llama.cpp binding (prebuilt binaries only: nothing is compiled). A missing
 * package is a setup error whose hint is the install command.
 */
export async function loadLlama(
  settings: LlamaSettings,
  importModule: ImportNodeLlamaCpp = importNodeLlamaCpp,
): Promise<LoadLlamaResult> {
  let module: NodeLlamaCppModule;
  try {
    module = await importModule();
  } catch (error) {
    if (isModuleNotFound(error)) {
      return {
        ok: false,
        error: {
          message: 'node-llama-cpp is not installed, so llama: interpreters cannot run',
          hint: `install it: ${nodeLlamaCppInstallCommand}`,
        },
      };
    }
    return {
      ok: false,
      error: {
        message: `node-llama-cpp could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        hint: `reinstall it: ${nodeLlamaCppInstallCommand}`,
      },
    };
  }
  const key = String(settings.gpu);
  let llama = importModule === importNodeLlamaCpp ? llamas.get(key) : undefined;
  if (!llama) {
    // llama.cpp's own log lines would land in the middle of reports (even JSON on stdout): keep them for messages.
    llama = module.getLlama({ gpu: settings.gpu, build: 'never', logger: recordLog });
    if (importModule === importNodeLlamaCpp) llamas.set(key, llama);
  }
  try {
    return { ok: true, llama: await llama, module };
  } catch (error) {
    llamas.delete(key);
    return {
      ok: false,
      error: {
        message: `node-llama-cpp has no usable llama.cpp binary here: ${error instanceof Error ? error.message : String(error)}`,
        hint:
          settings.gpu === false
            ? `reinstall it (${nodeLlamaCppInstallCommand}); a platform without a prebuilt binary needs \`npx node-llama-cpp source download\``
            : 'set the llama setting `gpu` to false to run on the CPU',
      },
    };
  }
}
