import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { speedUpCharacterClasses } from './character-classes.js';
import { rememberFixedAnswers } from './fixed-answers.js';

/**
 * The `.prog` grammar, read once from `prog.ohm` beside this module, made faster to match without changing what
 * it matches: classes of characters are looked up in tables, and fixed answers are not worked out again.
 */
export const progGrammar: ohm.Grammar = ohm.grammar(readFileSync(new URL('./prog.ohm', import.meta.url), 'utf8'));
speedUpCharacterClasses(progGrammar);
rememberFixedAnswers(progGrammar);

/** Keywords that may start an item inside a program, for "did you mean" hints. */
export const itemKeywords = [
  'model',
  'input',
  'output',
  'system',
  'prompt',
  'step',
  'judge',
  'verify',
  'pass',
  'case',
  'cases',
  'sample',
  'expect',
] as const;
