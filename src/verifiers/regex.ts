import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { valueToText } from '../lang/render-template.js';
import { type ArgumentProblem, defineBuiltin } from './builtin-verifier.js';
import { quote } from './normalize-text.js';

const regexOptions = z.strictObject({
  /** JavaScript regex flags, such as `i` (ignore case), `m` (multiline), `s` (dot matches newlines). */
  flags: z
    .string()
    .regex(/^[dgimsuvy]*$/, 'flags are letters among d, g, i, m, s, u, v and y')
    .optional(),
  /** When true the whole text must match, as if the pattern were wrapped in `^(?:…)$`. */
  full: z.boolean().optional(),
});

/** The regex a pattern and options denote; throws a SyntaxError when it does not compile. */
function compile(pattern: string, options: z.output<typeof regexOptions>): RegExp {
  const flags = (options.flags ?? '').replace('g', '').replace('y', '');
  return new RegExp(options.full ? `^(?:${pattern})$` : pattern, flags);
}

/** Compiled patterns, so a run of many samples compiles each pattern once. */
const compiled = new Map<string, RegExp>();

/**
 * `regex(value, pattern, { flags, full })`: 1 when the value's text matches the pattern (a JavaScript regular
 * expression), else 0. An invalid literal pattern is reported before anything runs. Matching is linear for
 * most patterns; a pattern with nested quantifiers can backtrack badly on long text, as in any JS regex.
 */
export const regex = defineBuiltin({
  name: 'regex',
  summary: 'the value matches a regular expression',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'pattern', type: 'a string', schema: z.string() },
  ],
  options: regexOptions,
  check(known, options): ArgumentProblem[] {
    if (typeof known.pattern !== 'string') return [];
    try {
      compile(known.pattern, options);
      return [];
    } catch (error) {
      return [
        {
          parameter: 'pattern',
          message: `the pattern does not compile: ${(error as Error).message}`,
          hint: 'in a .prog string a backslash is written twice: `"\\\\d+"` for the regex \\d+',
        },
      ];
    }
  },
  score([value, pattern], options) {
    const key = `${options.full ? 'full' : ''}/${options.flags ?? ''}/${pattern as string}`;
    let expression = compiled.get(key);
    if (!expression) {
      expression = compile(pattern as string, options);
      if (compiled.size < 1000) compiled.set(key, expression);
    }
    const text = valueToText(value);
    return expression.test(text)
      ? scored(1)
      : scored(0, { explanation: `${quote(text)} does not match /${pattern as string}/${options.flags ?? ''}` });
  },
});
