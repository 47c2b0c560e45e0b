/** The JSON Schema keywords node-llama-cpp's JSON grammar enforces (its `GbnfJsonSchema`), besides `anyOf`. */
const enforced = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'enum',
  'const',
  'oneOf',
  '$ref',
  '$defs',
  'format',
]);

/** Keywords that only describe: dropping them loses no constraint. */
const annotations = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** The `format` values the grammar knows. */
const grammarFormats = new Set(['date-time', 'time', 'date']);

/** A JSON schema as node-llama-cpp's grammar takes it, and what of the original it cannot enforce. */
export interface GrammarSchema {
  readonly schema: Readonly<Record<string, unknown>>;
  /** Keywords the grammar ignores, such as `pattern` or `minimum`, each once, in order of appearance. */
  readonly unenforced: readonly string[];
}

const isSchema = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Rewrites a JSON schema (as `z.toJSONSchema` writes it) for `llama.createGrammarForJsonSchema`: `anyOf` becomes
 * `oneOf` (a grammar generates one branch either way), annotations go, and keywords the grammar would silently
 * ignore (`pattern`, `minimum`, `allOf`, …) are listed, so the interpreter can warn that the engine's validation,
 * not the grammar, enforces them.
 */
export function toGrammarSchema(schema: Readonly<Record<string, unknown>>): GrammarSchema {
  const unenforced = new Set<string>();
  const convert = (node: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (annotations.has(key)) continue;
      const target = key === 'anyOf' && !('oneOf' in node) ? 'oneOf' : key;
      if (!enforced.has(target)) {
        unenforced.add(key);
        continue;
      }
      if (key === 'format' && !grammarFormats.has(String(value))) {
        unenforced.add(`format: ${String(value)}`);
        continue;
      }
      out[target] = convertValue(target, value);
    }
    return out;
  };
  const convertValue = (key: string, value: unknown): unknown => {
    switch (key) {
      case 'properties':
      case '$defs':
        return isSchema(value)
          ? Object.fromEntries(
              Object.entries(value).map(([name, child]) => [name, isSchema(child) ? convert(child) : child]),
            )
          : value;
      case 'items':
      case 'additionalProperties':
        return isSchema(value) ? convert(value) : value;
      case 'prefixItems':
      case 'oneOf':
        return Array.isArray(value) ? value.map((child) => (isSchema(child) ? convert(child) : child)) : value;
      default:
        return value;
    }
  };
  return { schema: convert(schema), unenforced: [...unenforced] };
}
