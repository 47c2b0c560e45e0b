import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { type ArgumentProblem, defineBuiltin } from './builtin-verifier.js';
import { readJson } from './json.js';

/** Zod schemas built from JSON Schemas, by the schema's JSON text, so a run builds each once. */
const built = new Map<string, z.ZodType>();

/** The zod schema for a JSON Schema; throws when the schema uses what zod cannot read (an external `$ref`). */
function zodSchema(schema: unknown): z.ZodType {
  const key = JSON.stringify(schema);
  let result = built.get(key);
  if (!result) {
    result = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    if (built.size < 1000) built.set(key, result);
  }
  return result;
}

/** A zod issue in words, with its path: `items.0.price: Too small: expected number to be >=0`. */
function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/**
 * `json_schema(value, schema, { strict })`: 1 when the value is JSON that the JSON Schema accepts, else 0 with
 * the first problems. The schema is a JSON Schema object (types, properties, required, enum, items, bounds,
 * local `$ref`s), read with zod's `fromJSONSchema`; a literal schema that cannot be read is reported before
 * anything runs.
 */
export const jsonSchema = defineBuiltin({
  name: 'json_schema',
  summary: 'the value is JSON that matches a JSON Schema',
  parameters: [
    { name: 'value', type: 'any value' },
    {
      name: 'schema',
      type: 'a JSON Schema object',
      schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]),
    },
  ],
  options: z.strictObject({
    /** When true, a text wrapped in a Markdown code fence is not JSON. Default false. */
    strict: z.boolean().optional(),
  }),
  check(known): ArgumentProblem[] {
    if (known.schema === undefined) return [];
    try {
      zodSchema(known.schema);
      return [];
    } catch (error) {
      return [
        {
          parameter: 'schema',
          message: `the schema cannot be read: ${(error as Error).message}`,
          hint: 'write a JSON Schema such as `{ type: "object", properties: { name: { type: "string" } }, required: ["name"] }`',
        },
      ];
    }
  },
  score([value, schema], options) {
    const reading = readJson(value, options.strict);
    if (!reading.ok) return scored(0, { explanation: reading.reason });
    const result = zodSchema(schema).safeParse(reading.data);
    if (result.success) return scored(1);
    const issues = result.error.issues;
    return scored(0, {
      explanation: `does not match the schema: ${issues.slice(0, 3).map(describeIssue).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
    });
  },
});
