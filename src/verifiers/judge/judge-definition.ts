import type { SamplingSettings } from '../../contracts/interpreter-call.js';
import type { TemplatePart } from '../../lang/ast.js';

/** What a judge verifier needs of a declared judge (`judge <name> = … """rubric"""`). */
export interface JudgeDefinition {
  readonly name: string;
  /** Verdicts drawn per sample; at least 1. */
  readonly samples: number;
  /** The settings of every call to the judge. */
  readonly settings: SamplingSettings;
  /**
   * The rubric's messages: templates over the case's inputs by name, `output` (the program's final output),
   * `steps.<name>` (each step's output) and `expected` (the case's reference value).
   */
  readonly messages: readonly {
    readonly role: 'system' | 'user' | 'assistant';
    readonly parts: readonly TemplatePart[];
  }[];
}
