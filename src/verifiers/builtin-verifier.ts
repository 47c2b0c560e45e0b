import type { z } from 'zod';
import type { Score } from '../contracts/score.js';

/**
 * One positional parameter of a built-in verifier. The first parameter of every built-in is the checked value;
 * when a call gives one argument fewer than the parameters, that value is the program's `output`.
 */
export interface BuiltinParameter {
  /** The name docs and diagnostics show, such as `pattern`. */
  readonly name: string;
  /** Its type in words, for diagnostics and docs: "a string", "a list of strings". */
  readonly type: string;
  /**
   * The type an argument must have. Literal arguments are checked against it before anything runs, others when
   * the verifier runs. Omitted when any value will do (the checked value is read as text or JSON).
   */
  readonly schema?: z.ZodType;
  /**
   * What a call that leaves the parameter out gets: the case's `expected` value, or `undefined` (`optional`).
   * Omitted when the parameter is required.
   */
  readonly absent?: 'expected' | 'optional';
}

/** Something wrong with a call's literal arguments, found before anything runs. */
export interface ArgumentProblem {
  /** The parameter at fault, or `options` for the options object. */
  readonly parameter: string;
  /** One sentence for the author of the program. */
  readonly message: string;
  /** What to write instead. */
  readonly hint?: string;
}

/**
 * A verifier built into the language, called in `verify` expressions as `name(value, arguments…, { options })`.
 * With one argument fewer, `value` is the program's `output`; parameters left out after that take their
 * `absent` value (the case's `expected`, or nothing). A trailing object literal holds the named options.
 */
export interface BuiltinVerifier {
  readonly name: string;
  /** One line for docs and hints. */
  readonly summary: string;
  /** The positional parameters, the checked value first. */
  readonly parameters: readonly [BuiltinParameter, ...BuiltinParameter[]];
  /** The named options, as a strict zod object whose fields are all optional; omitted when there are none. */
  readonly options?: z.ZodObject;
  /**
   * What the checked value is when a call leaves it out: the program's `output` (the default), or the sample's
   * agent `trajectory` (the verifiers of trajectories, which score an error when the sample has none).
   */
  readonly subject?: 'output' | 'trajectory';
  /**
   * Checks the arguments known before anything runs, beyond their types: a regex that does not compile, a
   * schema that cannot be read. `known` holds the literal arguments by parameter name; `options` the parsed
   * options. Must not throw.
   */
  readonly check?: (
    known: Readonly<Record<string, unknown>>,
    options: Readonly<Record<string, unknown>>,
  ) => ArgumentProblem[];
  /**
   * Scores the evaluated arguments (one per parameter, in order) with the parsed options. Returns a score
   * without `name`, `expression` or `span`; the caller adds them. May throw or return a promise: a throw, a
   * rejection, NaN or a value outside [0, 1] becomes an `error` score at the call's place.
   */
  readonly score: (args: readonly unknown[], options: Readonly<Record<string, unknown>>) => Score | Promise<Score>;
}

/** The options a built-in's zod object describes, as its `score` and `check` receive them. */
type OptionsOf<Options extends z.ZodObject | undefined> = Options extends z.ZodObject
  ? z.output<Options>
  : Record<string, never>;

/** Defines a built-in with its options typed from its zod object. */
export function defineBuiltin<Options extends z.ZodObject | undefined = undefined>(definition: {
  readonly name: string;
  readonly summary: string;
  readonly parameters: readonly [BuiltinParameter, ...BuiltinParameter[]];
  readonly options?: Options;
  readonly subject?: 'output' | 'trajectory';
  readonly check?: (known: Readonly<Record<string, unknown>>, options: OptionsOf<Options>) => ArgumentProblem[];
  readonly score: (args: readonly unknown[], options: OptionsOf<Options>) => Score | Promise<Score>;
}): BuiltinVerifier {
  return definition as unknown as BuiltinVerifier;
}
