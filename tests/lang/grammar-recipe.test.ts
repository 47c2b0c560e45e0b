import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { describe, expect, it } from 'vitest';
import { grammarFrom } from '../../src/lang/grammar.js';

const source = readFileSync(new URL('../../src/lang/prog.ohm', import.meta.url), 'utf8');
const stored = readFileSync(new URL('../../src/lang/prog.recipe.json', import.meta.url), 'utf8');
/** ohm's recipe of a grammar (`toRecipe` is missing from ohm's type declarations). */
const recipeOf = (grammar: ohm.Grammar): string => (grammar as unknown as { toRecipe(): string }).toRecipe();

describe('the stored recipe of the grammar', () => {
  it('was made from the current prog.ohm by the installed ohm (else run `npm run grammar:recipe`)', () => {
    const recipe = JSON.parse(stored) as { sourceSha256: string; ohmVersion: string; recipe: string };
    expect(recipe.sourceSha256).toBe(createHash('sha256').update(source).digest('hex'));
    expect(recipe.ohmVersion).toBe(ohm.version);
    expect(recipe.recipe).toBe(recipeOf(ohm.grammar(source)));
  });

  it('builds the grammar when it is current, and is passed over when it is not', () => {
    const current = grammarFrom(source, stored);
    expect(current.fromRecipe).toBe(true);
    expect(recipeOf(current.grammar)).toBe(recipeOf(ohm.grammar(source)));

    const edited = `${source}\n`;
    const stale = grammarFrom(edited, stored);
    expect(stale.fromRecipe).toBe(false);
    expect(stale.grammar.match('prog 1\nprogram p\n').succeeded()).toBe(true);

    expect(grammarFrom(source, undefined).fromRecipe).toBe(false);
    expect(grammarFrom(source, '{ not json').fromRecipe).toBe(false);
    const otherOhm = stored.replace(`"ohmVersion": "${ohm.version}"`, '"ohmVersion": "0.0.0"');
    expect(grammarFrom(source, otherOhm).fromRecipe).toBe(false);
  });
});
