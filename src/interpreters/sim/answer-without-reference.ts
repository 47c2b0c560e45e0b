import { hashToUint31, mixToUnit } from '../../util/stable-hash.js';
import { refusal } from './wrong-answer.js';

type Schema = Readonly<Record<string, unknown>>;

/** The last non-empty line of the prompt, where the question or the case's input usually stands. */
function lastLine(prompt: string): string {
  const lines = prompt
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return (lines.at(-1) ?? '').slice(0, 300);
}

/** A value of the schema, built from the prompt's words: the first label of an enum, the prompt's line for text. */
function schemaValue(schema: Schema | undefined, prompt: string, depth = 0): unknown {
  if (!schema || depth > 8) return lastLine(prompt);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0)
    return schemaValue(schema.anyOf[0] as Schema, prompt, depth + 1);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [key, schemaValue(property, prompt, depth + 1)]),
      );
    }
    case 'array':
      return [schemaValue(schema.items as Schema | undefined, prompt, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return lastLine(prompt);
  }
}

/**
 * The simulator's answer to a case with no reference value, which a verifier can still judge: when the sample
 * succeeds, an on-topic reply (a value of the output type, or a sentence that takes up the prompt's last line, so
 * that `contains` of an input holds); when it fails, what failing models give: a refusal, an answer to something
 * else, or for a typed output a reply that is not a value of the type.
 */
export function answerWithoutReference(succeeds: boolean, prompt: string, seed: number, schema?: Schema): string {
  if (succeeds) {
    return schema ? JSON.stringify(schemaValue(schema, prompt)) : `Here is my answer. ${lastLine(prompt)}`;
  }
  const failures = [refusal, 'I can help with a different question instead.', 'It depends.'];
  return failures[Math.floor(mixToUnit(hashToUint31('sim-no-reference'), seed) * failures.length)] as string;
}
