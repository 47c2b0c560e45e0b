import type { TypeNode } from '../lang/ast.js';

/** Describes a type as users write it: `string`, or `"low" | "high"`. */
export function describeType(type: TypeNode): string {
  return type.kind === 'primitive' ? type.name : type.values.map((value) => JSON.stringify(value)).join(' | ');
}

/** Whether a plain value belongs to a declared input type. */
export function valueHasType(value: unknown, type: TypeNode): boolean {
  switch (type.kind) {
    case 'primitive':
      return typeof value === type.name && !(typeof value === 'number' && !Number.isFinite(value));
    case 'enum':
      return typeof value === 'string' && type.values.includes(value);
    default:
      return type satisfies never;
  }
}
