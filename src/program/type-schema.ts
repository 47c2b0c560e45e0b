import { z } from 'zod';
import type { TypeNode } from '../lang/ast.js';

/** The zod schema of a declared type. Objects are strict: a field the type does not name is an error. */
export function typeSchema(type: TypeNode): z.ZodType {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'string':
          return z.string();
        case 'number':
          return z.number();
        case 'integer':
          return z.int();
        case 'boolean':
          return z.boolean();
        default:
          return type.name satisfies never;
      }
    case 'enum':
      return type.values.length === 1
        ? z.literal(type.values[0] as string)
        : z.enum(type.values as [string, ...string[]]);
    case 'array':
      return z.array(typeSchema(type.element));
    case 'object':
      return z.strictObject(
        Object.fromEntries(
          type.fields.map((field) => [
            field.name.name,
            field.optional ? typeSchema(field.type).optional() : typeSchema(field.type),
          ]),
        ),
      );
    default:
      return type satisfies never;
  }
}

/** Describes a type as users write it: `string`, `"low" | "high"`, `string[]`, `{ a: number, b?: string }`. */
export function describeType(type: TypeNode): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'enum':
      return type.values.map((value) => JSON.stringify(value)).join(' | ');
    case 'array': {
      const element = describeType(type.element);
      return type.element.kind === 'enum' && type.element.values.length > 1 ? `(${element})[]` : `${element}[]`;
    }
    case 'object':
      return `{ ${type.fields.map((field) => `${field.name.name}${field.optional ? '?' : ''}: ${describeType(field.type)}`).join(', ')} }`;
    default:
      return type satisfies never;
  }
}

/** Schemas made by `valueHasType`, by type: a program checks the values of all its cases against a few types. */
const schemas = new WeakMap<TypeNode, z.ZodType>();

/** Whether a plain value belongs to a declared type. */
export function valueHasType(value: unknown, type: TypeNode): boolean {
  let schema = schemas.get(type);
  if (!schema) {
    schema = typeSchema(type);
    schemas.set(type, schema);
  }
  return schema.safeParse(value).success;
}
