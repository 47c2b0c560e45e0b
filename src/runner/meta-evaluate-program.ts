import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InformalConfig } from '../config/informal-config.js';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterProvider } from '../contracts/interpreter-provider.js';
import { createJudges, type JudgeInterpreter } from '../engine/judge-runtime.js';
import { defaultRetryPolicy } from '../engine/retry-policy.js';
import { hasErrors } from '../lang/diagnostic.js';
import { suggest } from '../lang/suggest.js';
import { type LoadedProgram, loadProgram } from '../program/load-program.js';
import type { JudgeDeclaration, Program } from '../program/program.js';
import { readLabels } from '../program/read-labels.js';
import { defaultStorePath, SqliteStore, StoreOpenError } from '../store/sqlite-store.js';
import { compileVerifier } from '../verifiers/compile-verifier.js';
import { type MetaEvaluation, metaEvaluate } from '../verifiers/meta-evaluate.js';
import type { Verifier } from '../verifiers/verifier.js';
import { defaultInterpreterId } from './run-suite.js';
import { setUpInterpreter } from './set-up-interpreter.js';
import type { SuiteError } from './suite-result.js';

/** What `informal meta-eval` is asked to do. */
export interface MetaEvaluateProgramOptions {
  readonly cwd: string;
  /** The `.prog` file, relative to `cwd`. */
  readonly file: string;
  /** The labels file, relative to `cwd`. */
  readonly labels: string;
  /** Check this named judge alone; without it, the program's whole `verify` expression. */
  readonly judge?: string;
  /** The interpreter of judges that name none (else the program's `model`, the config's default, `sim`). */
  readonly interpreter?: string;
  readonly config?: InformalConfig;
  readonly baseURL?: string;
  /** The pass threshold for κ; by default the program's `pass when` for the whole verifier, 0.5 for a judge. */
  readonly threshold?: number;
  /** The store caching the judges' answers (relative to `cwd`); `false` keeps nothing. */
  readonly store?: string | false;
  readonly readCache?: boolean;
  readonly concurrency?: number;
  /** The providers that can be named, the built-in ones by default; the config's `providers` are added to them. */
  readonly providers?: readonly InterpreterProvider[];
}

/** A finished meta-evaluation, or why it could not run. */
export type MetaEvaluateProgramResult =
  | {
      readonly ok: true;
      readonly program: Program;
      /** `judge <name>` or `verify`. */
      readonly subject: string;
      /** The judges involved, with the interpreter each ran on. */
      readonly judges: readonly { readonly name: string; readonly interpreterId: string; readonly samples: number }[];
      readonly evaluation: MetaEvaluation;
    }
  | { readonly ok: false; readonly loaded?: LoadedProgram; readonly errors: readonly SuiteError[] };

/**
 * Meta-evaluation of a program's verifier (or one of its judges) against a labels file: loads and checks the
 * program, reads the labels, sets up the judges' interpreters, and measures agreement with `metaEvaluate`. Judge
 * answers are cached in the store like samples.
 */
export async function metaEvaluateProgram(options: MetaEvaluateProgramOptions): Promise<MetaEvaluateProgramResult> {
  const loaded = await loadProgram(options.file, options.cwd);
  if (hasErrors(loaded.diagnostics) || !loaded.program) return { ok: false, loaded, errors: [] };
  const program = loaded.program;
  const config = options.config ?? {};

  let judge: JudgeDeclaration | undefined;
  if (options.judge !== undefined) {
    judge = program.judges.find((candidate) => candidate.name === options.judge);
    if (!judge) {
      const names = program.judges.map((candidate) => candidate.name);
      const guess = suggest(options.judge, names);
      return {
        ok: false,
        errors: [
          {
            message: `the program ${program.name} has no judge \`${options.judge}\``,
            hint: guess
              ? `did you mean \`${guess}\`?`
              : names.length > 0
                ? `its judges are ${names.join(', ')}`
                : 'it declares no judge; leave out --judge to check its whole verifier',
          },
        ],
      };
    }
  }

  const labelsPath = resolve(options.cwd, options.labels);
  let labelsText: string;
  try {
    labelsText = readFileSync(labelsPath, 'utf8');
  } catch (error) {
    return {
      ok: false,
      errors: [{ message: `cannot read the labels file ${options.labels}: ${(error as NodeJS.ErrnoException).code}` }],
    };
  }
  const labels = readLabels(options.labels, labelsText, program.inputs);
  if (!labels.ok) {
    return {
      ok: false,
      errors: labels.problems.map((message, index) =>
        index === labels.problems.length - 1
          ? {
              message,
              hint: 'each row needs `output`, `label` (0 to 1, true/false or pass/fail) and the inputs by name',
            }
          : { message },
      ),
    };
  }

  const storePath = resolve(options.cwd, (options.store || undefined) ?? config.store ?? defaultStorePath);
  const judges = judge ? [judge] : program.judges;
  const interpreters = new Map<string, Interpreter>();
  const defaultName =
    options.interpreter ?? program.defaultInterpreter ?? config.defaultInterpreter ?? defaultInterpreterId;
  const errors: SuiteError[] = [];
  const names = new Set(judges.map((declaration) => declaration.interpreter ?? defaultName));
  for (const name of names) {
    const setUp = await setUpInterpreter(name, {
      cwd: options.cwd,
      config,
      storePath,
      ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
      ...(options.providers ? { providers: options.providers } : {}),
    });
    if (setUp.ok) interpreters.set(name, setUp.value.interpreter);
    else errors.push(setUp.error);
  }
  let store: SqliteStore | undefined;
  if (errors.length === 0 && options.store !== false) {
    try {
      store = new SqliteStore(storePath);
    } catch (error) {
      if (!(error instanceof StoreOpenError)) throw error;
      errors.push({ message: error.message, hint: error.hint });
    }
  }
  const close = () => Promise.all([...interpreters.values()].map((interpreter) => interpreter.close?.()));
  if (errors.length > 0) {
    await close();
    return { ok: false, errors };
  }

  try {
    const judgeInterpreters = new Map<string, JudgeInterpreter>(
      judges.map((declaration) => [
        declaration.name,
        { interpreter: interpreters.get(declaration.interpreter ?? defaultName) as Interpreter },
      ]),
    );
    const judgeVerifiers = createJudges(
      judges.map((declaration) => ({ ...declaration, interpreter: declaration.interpreter ?? defaultName })),
      {
        interpreter: interpreters.get(defaultName) as Interpreter,
        judgeInterpreters,
        retry: { ...defaultRetryPolicy, ...config.retry },
        ...(store ? { store } : {}),
        ...(options.readCache !== undefined ? { readCache: options.readCache } : {}),
      },
    );
    const verifier: Verifier = judge
      ? (judgeVerifiers.get(judge.name) as Verifier)
      : compileVerifier(program.verify.expression, program.source, {
          requires: program.verify.requires,
          verifiers: program.verifiers,
          judgeNames: new Set(program.judges.map((declaration) => declaration.name)),
          judges: judgeVerifiers,
        });
    const passing = program.passWhen.operator === '>=' || program.passWhen.operator === '>';
    const threshold = options.threshold ?? (judge || !passing ? 0.5 : program.passWhen.threshold);
    const evaluation = await metaEvaluate(verifier, labels.rows, {
      programName: program.name,
      threshold,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    });
    return {
      ok: true,
      program,
      subject: judge ? `judge ${judge.name}` : 'verify',
      judges: judges.map((declaration) => ({
        name: declaration.name,
        interpreterId: (interpreters.get(declaration.interpreter ?? defaultName) as Interpreter).id,
        samples: declaration.samples,
      })),
      evaluation,
    };
  } finally {
    store?.close();
    await close();
  }
}
