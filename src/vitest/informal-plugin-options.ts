import { z } from 'zod';
import { suggest } from '../lang/suggest.js';
import { withoutStack } from './without-stack.js';

/** The options of the `informal()` vitest plugin. Unknown options are errors. */
export const informalPluginOptionsSchema = z.strictObject({
  /**
   * The interpreter of every program that names no `model`, or several: such a program then gets one `describe`
   * per interpreter. It takes the place of the config's `defaultInterpreter`; a program's `model` wins, as in
   * `informal test`. By default the config's `defaultInterpreter`, else `sim`.
   */
  interpreter: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
      error: "expected an interpreter id such as 'sim:large', or a non-empty array of them",
    })
    .optional(),
  /** Overrides every program's base seed. */
  seed: z.int().min(0).optional(),
  /**
   * The SQLite store, relative to vitest's root, that caches samples across runs. The config's `store`, else
   * `.informal/store.sqlite`, by default; `false` keeps nothing, so every run samples afresh.
   */
  store: z
    .union([z.string().min(1), z.literal(false)], {
      error: "expected a path such as '.informal/store.sqlite', or false",
    })
    .optional(),
  /** Calls in flight at once per interpreter (default: the config's, else 8). */
  concurrency: z.int().positive().optional(),
  /** The informal config file, relative to vitest's root; `informal.config.*` in the root by default. */
  config: z.string().min(1).optional(),
  /** Globs of the `.prog` files that are test files, relative to vitest's root: `['**\/*.prog']` by default. */
  include: z.array(z.string().min(1)).min(1).optional(),
  /** Registers the matchers (`toHavePassAtK` and the others) in every test file; true by default. */
  matchers: z.boolean().optional(),
  /** How long one program may sample on one interpreter, in milliseconds; ten minutes by default. */
  timeout: z.number().positive().optional(),
  /**
   * Compares each program with `informal.baseline.json` (beside the config, else in vitest's root) when that file
   * holds it, as `informal test` does: each metric compared is a test that fails on a significant regression.
   * True by default; `false` ignores the baseline.
   */
  baseline: z.boolean().optional(),
});

/** The options of the `informal()` vitest plugin. */
export type InformalPluginOptions = z.input<typeof informalPluginOptionsSchema>;

/** Options the plugin was given that it cannot use: each with the option's name and what it allows. */
export class InformalPluginOptionsError extends Error {
  override readonly name = 'InformalPluginOptionsError';
  /** One line per problem. */
  declare readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`informal(): the options have problems:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    // Not enumerable: printers of errors (vitest's, Node's) would list it again under the message.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
    withoutStack(this);
  }
}

/** Checks the plugin's options; throws an `InformalPluginOptionsError` naming each option that is wrong. */
export function parsePluginOptions(options: unknown): z.output<typeof informalPluginOptionsSchema> {
  const parsed = informalPluginOptionsSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const allowed = Object.keys(informalPluginOptionsSchema.shape);
  const problems = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const guess = suggest(key, allowed);
        return `\`${key}\` is not an option${guess ? `; did you mean \`${guess}\`?` : ''} (allowed: ${allowed.join(', ')})`;
      });
    }
    return [`\`${issue.path.join('.') || '(the options)'}\`: ${issue.message}`];
  });
  throw new InformalPluginOptionsError(problems);
}
