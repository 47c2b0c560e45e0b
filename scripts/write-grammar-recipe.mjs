// Writes src/lang/prog.recipe.json: ohm's recipe of the `.prog` grammar, from which the grammar is built in about
// 2 ms instead of the 130-200 ms of reading its source. The file records a hash of prog.ohm and ohm's version, and
// src/lang/grammar.ts uses it only when both match; tests/lang/grammar-recipe.test.ts fails when it is out of date.
// Run after editing prog.ohm: npm run grammar:recipe
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as ohm from 'ohm-js';

const source = readFileSync(new URL('../src/lang/prog.ohm', import.meta.url), 'utf8');
const recipe = {
  sourceSha256: createHash('sha256').update(source).digest('hex'),
  ohmVersion: ohm.version,
  recipe: ohm.grammar(source).toRecipe(),
};
writeFileSync(new URL('../src/lang/prog.recipe.json', import.meta.url), `${JSON.stringify(recipe, null, 2)}\n`);
