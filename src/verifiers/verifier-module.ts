import { z } from 'zod';
import { type Score, scored } from '../contracts/score.js';
import type { BuiltinParameter, BuiltinVerifier } from './builtin-verifier.js';
import { describeValue } from './normalize-text.js';
import type { VerifierContext } from './verifier.js';

/** Marks the objects `defineVerifier` returns, across copies of the package (a module may load `informal` from dist). */
const verifierBrand = Symbol.for('informal.verifier-definition');

/** The positional parameters of a module verifier: one schema, a tuple schema, or a list of schemas. */
export type VerifierArguments = z.ZodType | z.ZodTuple | readonly [z.ZodType, ...z.ZodType[]];

/** The values `score` receives for the parameters `args` describes, parsed by their schemas. */
export type ArgumentValues<Args extends VerifierArguments> = Args extends z.ZodTuple
  ? z.output<Args>
  : Args extends readonly z.ZodType[]
    ? { readonly [Index in keyof Args]: Args[Index] extends z.ZodType ? z.output<Args[Index]> : never }
    : Args extends z.ZodType
      ? readonly [z.output<Args>]
      : never;

/** What a module verifier's `score` may return: a score, a number in [0, 1], or a boolean (1 or 0). */
export type VerifierResult = Score | number | boolean;

/**
 * A verifier written in TypeScript, exported from a module that `.prog` files import:
 * `import { cites } from "./cites.ts"`. It is called in `verify` like a built-in: with every argument,
 * or with the first left out to check the program's `output`. Literal arguments are checked against the schemas
 * before anything runs; every argument is parsed by its schema when the verifier runs.
 */
export interface VerifierDefinition<
  Args extends VerifierArguments = VerifierArguments,
  Options extends z.ZodObject | undefined = z.ZodObject | undefined,
> {
  /** The name shown in scores and diagnostics; the name the program imports it by when absent. */
  readonly name?: string;
  /** One line saying what it checks, for hints. */
  readonly description?: string;
  /** The positional parameters, the checked value first. */
  readonly args: Args;
  /** The named options, a zod object given as a trailing object literal: `cites(sources, { strict: true })`. */
  readonly options?: Options;
  /**
   * Scores one sample. `context` holds the inputs, the output, each step's output and the reference value. May
   * return a promise; a throw, a rejection or a value outside [0, 1] becomes an `error` score.
   */
  readonly score: (
    context: VerifierContext,
    args: ArgumentValues<Args>,
    options: Options extends z.ZodObject ? z.output<Options> : Record<string, never>,
  ) => VerifierResult | Promise<VerifierResult>;
}

/** Defines a verifier for a TypeScript verifier module; export the result under the name programs import. */
export function defineVerifier<Args extends VerifierArguments, Options extends z.ZodObject | undefined = undefined>(
  definition: VerifierDefinition<Args, Options>,
): VerifierDefinition<Args, Options> {
  return Object.defineProperty({ ...definition }, verifierBrand, { value: true, enumerable: false });
}

/** A verifier definition of any parameters and options, as a loader sees a module's export. */
export type AnyVerifierDefinition = Omit<VerifierDefinition, 'score'> & {
  readonly score: (...args: never[]) => unknown;
};

/** Whether an export of a module is a verifier made by `defineVerifier`. */
export function isVerifierDefinition(value: unknown): value is AnyVerifierDefinition {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as Record<symbol, unknown>)[verifierBrand] === true &&
    typeof (value as AnyVerifierDefinition).score === 'function'
  );
}

/** A module verifier as programs call it: a built-in's shape, plus the module it came from and a context. */
export interface ModuleVerifier extends BuiltinVerifier {
  /** The module's absolute path. */
  readonly module: string;
  /** Scores evaluated arguments with the sample's context. */
  readonly scoreInContext: (
    context: VerifierContext,
    args: readonly unknown[],
    options: Readonly<Record<string, unknown>>,
  ) => Score | Promise<Score>;
}

/** Whether a verifier needs the sample's context (it came from a module). */
export function isModuleVerifier(verifier: BuiltinVerifier): verifier is ModuleVerifier {
  return typeof (verifier as Partial<ModuleVerifier>).scoreInContext === 'function';
}

type Definition = { readonly type?: string; readonly items?: readonly z.ZodType[] };
const definitionOf = (schema: z.ZodType) => (schema as unknown as { def: Definition }).def;

/** A zod schema in words, for diagnostics: "a string", "a list of strings", "one of …". */
export function describeSchema(schema: z.ZodType): string {
  if (schema.description) return schema.description;
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  const describe = (node: Record<string, unknown>): string => {
    if (Array.isArray(node.enum)) return `one of ${node.enum.map((value) => JSON.stringify(value)).join(', ')}`;
    if (node.const !== undefined) return JSON.stringify(node.const);
    switch (node.type) {
      case 'string':
        return 'a string';
      case 'number':
        return 'a number';
      case 'integer':
        return 'an integer';
      case 'boolean':
        return 'a boolean';
      case 'array':
        return node.items
          ? `a list of ${describe(node.items as Record<string, unknown>).replace(/^an? /, '')}s`
          : 'a list';
      case 'object':
        return 'an object';
      default:
        return 'any value';
    }
  };
  return describe(json);
}

function parameterSchemas(args: VerifierArguments): readonly z.ZodType[] {
  if (Array.isArray(args)) return args as readonly z.ZodType[];
  const definition = definitionOf(args as z.ZodType);
  return definition.type === 'tuple' && definition.items ? definition.items : [args as z.ZodType];
}

function toScore(result: VerifierResult): Score {
  if (typeof result === 'boolean') return scored(result ? 1 : 0);
  if (typeof result === 'number') return scored(result);
  return result;
}

/** Adapts a module's verifier to the calling convention of built-ins, under the name the program imports it by. */
export function toModuleVerifier(
  importedName: string,
  definition: AnyVerifierDefinition,
  module: string,
): ModuleVerifier {
  const schemas = parameterSchemas(definition.args);
  const parameters = schemas.map(
    (schema, index): BuiltinParameter => ({
      name: index === 0 ? 'value' : `argument ${index + 1}`,
      type: describeSchema(schema),
      schema,
    }),
  ) as unknown as readonly [BuiltinParameter, ...BuiltinParameter[]];
  const parse = (args: readonly unknown[]) =>
    schemas.map((schema, index) => {
      const parsed = schema.safeParse(args[index]);
      if (!parsed.success) {
        throw new Error(
          `${parameters[index]?.name} must be ${describeSchema(schema)}, got ${describeValue(args[index])}`,
        );
      }
      return parsed.data;
    });
  const scoreInContext: ModuleVerifier['scoreInContext'] = (context, args, options) => {
    const values = parse(args);
    const result = (definition.score as (c: VerifierContext, a: unknown, o: unknown) => unknown)(
      context,
      values,
      options,
    ) as VerifierResult | Promise<VerifierResult>;
    return result instanceof Promise ? result.then(toScore) : toScore(result);
  };
  return {
    name: importedName,
    summary: definition.description ?? `${definition.name ?? importedName} from ${module}`,
    parameters,
    ...(definition.options ? { options: definition.options } : {}),
    module,
    scoreInContext,
    score() {
      throw new Error(`${importedName} is a module verifier and needs the sample's context`);
    },
  };
}
