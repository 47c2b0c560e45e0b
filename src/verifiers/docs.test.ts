import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Score } from '../contracts/score.js';
import { builtinVerifiers } from './builtins.js';
import { signature } from './check-call.js';
import { verifyExpression } from './testing/verify-expression.js';

const docs = readFileSync(new URL('../../docs/verifiers.md', import.meta.url), 'utf8');

/** The text of the fenced block that follows a `<!-- name -->` marker in the docs. */
function block(name: string): string {
  const match = new RegExp(`<!-- ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(docs);
  if (!match) throw new Error(`docs/verifiers.md has no block marked ${name}`);
  return match[1] as string;
}

/** A score tree drawn as the docs draw it: one line per score, its parts indented below it. */
function draw(score: Score, depth = 0): string[] {
  const line = `${'  '.repeat(depth)}${score.name} = ${score.value}${score.explanation ? `  (${score.explanation})` : ''}`;
  return [line, ...(score.parts ?? []).flatMap((part) => draw(part, depth + 1))];
}

describe('docs/verifiers.md', () => {
  it('documents every built-in with its signature', () => {
    for (const verifier of builtinVerifiers.values())
      expect(docs, verifier.name).toContain(`\`${signature(verifier)}\``);
  });

  it('shows the score tree the worked example really gives', async () => {
    const example = JSON.parse(block('example-input')) as { output: unknown; expected: unknown };
    const expression = block('example-verify')
      .trim()
      .replace(/^verify\s+/, '');
    const score = await verifyExpression(expression, example.output, example.expected);
    expect(draw(score).join('\n')).toBe(block('example-tree').trimEnd());
  });
});
