import { z } from 'zod';

/** The shape of an interpreter provider, as the config's `providers` holds them. */
const providerShape = z.object(
  {
    name: z
      .string({ error: 'expected the prefix of ids as a string, such as `myllm`' })
      .regex(/^[a-z][a-z0-9-]*$/, 'a provider name is lower-case letters, digits and dashes, starting with a letter'),
    summary: z.string({ error: 'expected one line describing the provider, as a string' }),
    create: z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', {
      error: 'expected a function `create(model, options)`',
    }),
  },
  { error: 'expected an interpreter provider, such as `aiSdkProvider({ name, model })` (called, not the function)' },
);

/**
 * Checks one entry of the config's `providers` against the `InterpreterProvider` shape, reporting each problem at
 * its path. A refinement rather than the schema itself, so that the entry stays the user's object, not a copy.
 */
export function checkInterpreterProvider(value: unknown, context: z.RefinementCtx): void {
  const parsed = providerShape.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
}
