import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { speedUpCharacterClasses } from './character-classes.js';
import { rememberFixedAnswers } from './fixed-answers.js';

/** What `npm run grammar:recipe` writes beside the grammar (see scripts/write-grammar-recipe.mjs). */
interface StoredRecipe {
  readonly sourceSha256: string;
  readonly ohmVersion: string;
  readonly recipe: string;
}

/**
 * A grammar built from `source`, or from ohm's recipe of it in `storedRecipe` (the text of a `prog.recipe.json`)
 * when that recipe was made from this very source by this version of ohm: about 2 ms instead of 130-200 ms.
 */
export function grammarFrom(
  source: string,
  storedRecipe: string | undefined,
): { grammar: ohm.Grammar; fromRecipe: boolean } {
  let stored: Partial<StoredRecipe> | undefined;
  try {
    stored = storedRecipe === undefined ? undefined : (JSON.parse(storedRecipe) as Partial<StoredRecipe>);
  } catch {
    stored = undefined;
  }
  if (
    stored?.ohmVersion === ohm.version &&
    stored.sourceSha256 === createHash('sha256').update(source).digest('hex') &&
    typeof stored.recipe === 'string'
  ) {
    // `makeRecipe` is exported by ohm's module but missing from its type declarations.
    const { makeRecipe } = ohm as unknown as { makeRecipe(recipe: string): ohm.Grammar };
    return { grammar: makeRecipe(stored.recipe), fromRecipe: true };
  }
  return { grammar: ohm.grammar(source), fromRecipe: false };
}

/** The text of a file beside this module, if it is there. */
function readBeside(name: string): string | undefined {
  try {
    return readFileSync(new URL(name, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The `.prog` grammar, made faster to match without changing what it matches: classes of characters are looked
 * up in tables, and fixed answers are not worked out again.
 */
export const progGrammar: ohm.Grammar = grammarFrom(
  readFileSync(new URL('./prog.ohm', import.meta.url), 'utf8'),
  readBeside('./prog.recipe.json'),
).grammar;
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
  'require',
  'pass',
  'case',
  'cases',
  'sample',
  'expect',
  'user',
  'assistant',
  'tool',
  'mcp',
  'environment',
  'agent',
  'simulate',
  'budget',
  'sequential',
] as const;
