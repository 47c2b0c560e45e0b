import type { z } from 'zod';
import type { SamplingSettings } from '../interpreters/interpreter-call.js';
import type { ComparisonOperator, ExpressionNode, TemplatePart, TypeNode } from '../lang/ast.js';
import type { SourceSpan } from '../lang/source-span.js';

/** A typed input of a program. */
export interface InputDeclaration {
  readonly name: string;
  readonly type: TypeNode;
  /** The value used when a case leaves the input out; absent when the input is required. */
  readonly defaultValue?: unknown;
}

/** The program's typed output: text of this type, parsed and checked after every call. */
export interface OutputDeclaration {
  readonly type: TypeNode;
  readonly schema: z.ZodType;
  /** Sent to interpreters as a response format, for object and array outputs. */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
}

/** One message of a prompt, as a template over the inputs. */
export interface MessageTemplate {
  readonly role: 'system' | 'user';
  readonly parts: readonly TemplatePart[];
}

/** A test case: inputs, after defaults, and an optional reference value. */
export interface ProgramCase {
  readonly id: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Whether the case has a reference value; `expected` may legitimately be `null`. */
  readonly hasExpected: boolean;
  readonly expected?: unknown;
  readonly span: SourceSpan;
}

/** A metric an expectation can be written over. */
export interface MetricReference {
  readonly name: 'pass@k' | 'pass^k';
  readonly k: number;
}

/** `expect <metric> <operator> <threshold>`, resolved. */
export interface Expectation {
  readonly metric: MetricReference;
  readonly operator: ComparisonOperator;
  readonly threshold: number;
  /** The expectation as written, such as `pass@10 >= 0.9`. */
  readonly text: string;
  readonly span: SourceSpan;
}

/** How many samples to draw per case, from which base seed, with which settings. */
export interface SamplingPlan {
  readonly samples: number;
  /** The base seed; the CLI's `--seed` overrides it. */
  readonly seed: number;
  readonly settings: SamplingSettings;
}

/**
 * A program whose names were all resolved: ready to run. Built from a parsed `.prog` file by `resolveProgram`.
 */
export interface Program {
  readonly file: string;
  /** The file's text, for rendering diagnostics that arise later. */
  readonly source: string;
  readonly name: string;
  readonly description?: string;
  /** The interpreter named by `model`, used when the user names none. */
  readonly defaultInterpreter?: string;
  readonly inputs: readonly InputDeclaration[];
  readonly messages: readonly MessageTemplate[];
  /** The typed output; absent for text. */
  readonly output?: OutputDeclaration;
  readonly verify: { readonly expression: ExpressionNode };
  /** A sample succeeds when its score compares to the threshold this way; `>= 1` unless `pass when` says otherwise. */
  readonly passWhen: { readonly operator: ComparisonOperator; readonly threshold: number };
  readonly cases: readonly ProgramCase[];
  readonly sampling: SamplingPlan;
  readonly expectations: readonly Expectation[];
  /**
   * SHA-256 of what an interpreter sees: name, inputs, messages and sampling settings. Verifiers, cases and
   * expectations do not enter it, so changing a check keeps the seeds and the cached samples.
   */
  readonly hash: string;
}
