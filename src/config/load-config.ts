import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { suggest } from '../lang/suggest.js';
import { registerKnownSecrets } from '../util/redact-secrets.js';
import { type InformalConfig, informalConfigSchema } from './informal-config.js';
import { secretsInConfig } from './secrets-in-config.js';

/** The file names looked for, in order, in the project's folder. */
export const configFileNames = [
  'informal.config.ts',
  'informal.config.mts',
  'informal.config.js',
  'informal.config.mjs',
] as const;

/** A config that could not be used: which file, and each problem with the setting's path and the fix. */
export interface ConfigError {
  readonly file: string;
  readonly problems: readonly string[];
}

export type LoadConfigResult =
  | { readonly ok: true; readonly config: InformalConfig; readonly file?: string }
  | { readonly ok: false; readonly error: ConfigError };

type SchemaDefinition = {
  type?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
};
const definitionOf = (schema: z.ZodType) => (schema as unknown as { def: SchemaDefinition }).def;

/** The object schema inside optional wrappers and unions (the first object member of a union). */
function objectPart(schema: z.ZodType): z.ZodType | undefined {
  const definition = definitionOf(schema);
  if (definition.type === 'optional' && definition.innerType) return objectPart(definition.innerType);
  if (definition.type === 'union') return definition.options?.map(objectPart).find((part) => part !== undefined);
  return definition.type === 'object' || definition.type === 'record' ? schema : undefined;
}

/** The keys a strict object accepts at `path`, for "did you mean" hints. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType | undefined = informalConfigSchema;
  for (const key of path) {
    const part = schema ? objectPart(schema) : undefined;
    if (!part) return [];
    const definition = definitionOf(part);
    schema = definition.type === 'record' ? definition.valueType : definition.shape?.[String(key)];
  }
  const part = schema ? objectPart(schema) : undefined;
  return Object.keys((part && definitionOf(part).shape) ?? {});
}

/**
 * The issues of the one member of a union that the value was meant for, with their full paths: the member whose
 * issues all lie inside the value (an entry object with a wrong field, not a string). Undefined when no member, or
 * more than one, fits that well: the union's own message says what is allowed.
 */
function issuesOfIntendedMember(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const inside = issue.errors.filter(
    (member) => member.length > 0 && member.every((part) => part.path.length > 0 || part.code === 'unrecognized_keys'),
  );
  const [member] = inside;
  if (inside.length !== 1 || !member) return undefined;
  return member.map((part) => ({ ...part, path: [...issue.path, ...part.path] }));
}

/** Turns zod's issues into one line each: the setting's path, what is wrong, and the allowed keys or values. */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue): string[] => {
    if (issue.code === 'invalid_union') {
      const intended = issuesOfIntendedMember(issue);
      if (intended) return describeConfigIssues(intended);
    }
    const where = issue.path.length > 0 ? issue.path.join('.') : '(the config)';
    if (issue.code === 'unrecognized_keys') {
      const allowed = knownKeys(issue.path);
      return issue.keys.map((key) => {
        const guess = suggest(key, allowed);
        const setting = [...issue.path, key].join('.');
        return `\`${setting}\` is not a setting${guess ? `; did you mean \`${[...issue.path, guess].join('.')}\`?` : ''} (allowed here: ${allowed.join(', ')})`;
      });
    }
    return [`\`${where}\`: ${issue.message}`];
  });
}

/**
 * Checks a config object against the schema. The credentials of a valid one are registered as known secrets (see
 * `secretsInConfig`), so that what the run stores and reports never holds them.
 */
export function validateConfig(value: unknown, file: string): LoadConfigResult {
  const parsed = informalConfigSchema.safeParse(value);
  if (parsed.success) {
    registerKnownSecrets(secretsInConfig(parsed.data));
    return { ok: true, config: parsed.data, file };
  }
  return { ok: false, error: { file, problems: describeConfigIssues(parsed.error.issues) } };
}

/**
 * The project's config file as an absolute path: `explicit` when given (it may not exist), else the first of
 * `configFileNames` in `cwd`; undefined when there is none.
 */
export function findConfigFile(cwd: string, explicit?: string): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  return configFileNames.map((name) => resolve(cwd, name)).find((candidate) => existsSync(candidate));
}

/**
 * Finds and loads the project's config: `explicit` when given, else the first of `configFileNames` in `cwd`.
 * TypeScript configs are loaded with jiti, so they work on every supported Node. No config is an empty one.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadConfigResult> {
  const file = findConfigFile(cwd, explicit);
  if (!file) return { ok: true, config: {} };
  if (!existsSync(file)) return { ok: false, error: { file, problems: ['no such file'] } };
  let loaded: unknown;
  try {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(pathToFileURL(file).href, { moduleCache: false });
    loaded = await jiti.import(file, { default: true });
  } catch (error) {
    return {
      ok: false,
      error: { file, problems: [`the file could not be loaded: ${(error as Error).message.split('\n')[0]}`] },
    };
  }
  return validateConfig(loaded, file);
}
