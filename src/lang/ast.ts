import type { SourceSpan } from './source-span.js';

/** Every AST node records where it came from. */
export interface Node {
  readonly span: SourceSpan;
}

/** A name written in the source, with its place. */
export interface Identifier extends Node {
  readonly name: string;
}

/** A whole `.prog` file: the version header and one program. */
export interface DocumentNode extends Node {
  readonly kind: 'document';
  readonly version: { readonly value: number; readonly span: SourceSpan };
  readonly program: ProgramNode;
}

export interface ProgramNode extends Node {
  readonly kind: 'program';
  readonly name: Identifier;
  readonly description?: string;
  readonly items: readonly ItemNode[];
}

export type ItemNode =
  | ModelItem
  | InputItem
  | OutputItem
  | MessageItem
  | VerifyItem
  | PassWhenItem
  | CaseItem
  | SampleItem
  | ExpectItem;

/** `model "provider:model"`: the program's default interpreter. */
export interface ModelItem extends Node {
  readonly kind: 'model';
  readonly interpreterId: string;
}

/** A type as written: `string`, `"low" | "high"`, `string[]`, `{ name: string, age?: integer }`. */
export type TypeNode =
  | {
      readonly kind: 'primitive';
      readonly name: 'string' | 'number' | 'integer' | 'boolean';
      readonly span: SourceSpan;
    }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly span: SourceSpan }
  | { readonly kind: 'array'; readonly element: TypeNode; readonly span: SourceSpan }
  | {
      readonly kind: 'object';
      readonly fields: readonly { readonly name: Identifier; readonly optional: boolean; readonly type: TypeNode }[];
      readonly span: SourceSpan;
    };

/** `input name: type = default`. */
export interface InputItem extends Node {
  readonly kind: 'input';
  readonly name: Identifier;
  readonly type: TypeNode;
  readonly defaultValue?: LiteralNode;
}

/** `output <type>`: the program's final output is JSON of this type (text when absent). */
export interface OutputItem extends Node {
  readonly kind: 'output';
  readonly type: TypeNode;
}

/** A piece of a prompt: literal text, or a `{{ path }}` to fill in. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly path: readonly string[]; readonly span: SourceSpan };

/** `system """…"""` or `prompt """…"""`. Block text is already dedented. */
export interface MessageItem extends Node {
  readonly kind: 'message';
  readonly role: 'system' | 'user';
  readonly parts: readonly TemplatePart[];
}

export interface VerifyItem extends Node {
  readonly kind: 'verify';
  readonly expression: ExpressionNode;
}

export type ComparisonOperator = '>=' | '>' | '<=' | '<' | '==' | '!=';

/** `pass when score >= 0.7`. */
export interface PassWhenItem extends Node {
  readonly kind: 'pass-when';
  readonly operator: ComparisonOperator;
  readonly threshold: number;
}

/** `case "id" { field: value, … } -> expected`. */
export interface CaseItem extends Node {
  readonly kind: 'case';
  readonly id: { readonly value: string; readonly span: SourceSpan };
  readonly inputs: ObjectLiteral;
  readonly expected?: LiteralNode;
}

export type SampleSettingName = 'temperature' | 'top_p' | 'max_tokens' | 'seed';

/** `sample 20 temperature 0.7 seed 1`. */
export interface SampleItem extends Node {
  readonly kind: 'sample';
  readonly count: { readonly value: number; readonly span: SourceSpan };
  readonly settings: readonly { readonly name: SampleSettingName; readonly value: number; readonly span: SourceSpan }[];
}

/** `expect pass@10 >= 0.9`. */
export interface ExpectItem extends Node {
  readonly kind: 'expect';
  readonly metric: { readonly name: 'pass@k' | 'pass^k'; readonly k: number; readonly span: SourceSpan };
  readonly operator: ComparisonOperator;
  readonly threshold: number;
}

export type LiteralNode =
  | { readonly kind: 'string'; readonly value: string; readonly span: SourceSpan }
  | { readonly kind: 'number'; readonly value: number; readonly span: SourceSpan }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: SourceSpan }
  | { readonly kind: 'null'; readonly span: SourceSpan }
  | ArrayLiteral
  | ObjectLiteral;

export interface ArrayLiteral extends Node {
  readonly kind: 'array';
  readonly items: readonly LiteralNode[];
}

export interface ObjectLiteral extends Node {
  readonly kind: 'object';
  readonly fields: readonly { readonly name: Identifier; readonly value: LiteralNode }[];
}

export type BinaryOperator = 'and' | 'or' | '+' | '-' | '*' | '/' | ComparisonOperator;

/** Verifier expressions. */
export type ExpressionNode =
  | { readonly kind: 'literal'; readonly literal: LiteralNode; readonly span: SourceSpan }
  | { readonly kind: 'name'; readonly name: string; readonly span: SourceSpan }
  | {
      readonly kind: 'member';
      readonly object: ExpressionNode;
      readonly property: Identifier;
      readonly span: SourceSpan;
    }
  | {
      readonly kind: 'call';
      readonly callee: Identifier;
      readonly args: readonly ExpressionNode[];
      readonly span: SourceSpan;
    }
  | { readonly kind: 'not'; readonly operand: ExpressionNode; readonly span: SourceSpan }
  | { readonly kind: 'negate'; readonly operand: ExpressionNode; readonly span: SourceSpan }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
      readonly span: SourceSpan;
    };

/** The plain JavaScript value a literal denotes. */
export function literalValue(literal: LiteralNode): unknown {
  switch (literal.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return literal.value;
    case 'null':
      return null;
    case 'array':
      return literal.items.map(literalValue);
    case 'object':
      return Object.fromEntries(literal.fields.map((field) => [field.name.name, literalValue(field.value)]));
    default:
      return literal satisfies never;
  }
}
