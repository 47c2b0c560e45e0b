import type { ComparisonOperator } from '../lang/ast.js';

/** Compares two numbers, or any two values for `==` and `!=` (by JSON equality). */
export function compare(left: unknown, operator: ComparisonOperator, right: unknown): boolean {
  switch (operator) {
    case '==':
      return JSON.stringify(left) === JSON.stringify(right);
    case '!=':
      return JSON.stringify(left) !== JSON.stringify(right);
    case '>=':
      return (left as number) >= (right as number);
    case '>':
      return (left as number) > (right as number);
    case '<=':
      return (left as number) <= (right as number);
    case '<':
      return (left as number) < (right as number);
    default:
      return operator satisfies never;
  }
}
