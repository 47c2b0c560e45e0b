import { describe, expect, it } from 'vitest';
import { type Score, scored, scoreError } from '../contracts/score.js';
import { parseProg } from '../lang/parse.js';
import { compileVerifier } from './compile-verifier.js';
import { scoreTree, trace } from './testing/verify-expression.js';
import type { Verifier } from './verifier.js';

/** A judge named `polite` that answers `value` (or an error), counting how often it is asked. */
function countingJudge(answer: () => Score | Promise<Score>) {
  const asked = { count: 0 };
  const judge: Verifier = () => {
    asked.count++;
    return answer();
  };
  return { asked, judges: new Map([['polite', judge]]), judgeNames: new Set(['polite']) };
}

/** Runs a program's `verify` and `require` lines (and nothing else) on one output. */
async function run(lines: string, output: string, options: ReturnType<typeof countingJudge>): Promise<Score> {
  const source = `prog 1\nprogram p\n${lines}\n`;
  const parsed = parseProg(source, 'p.prog');
  const items = parsed.document?.program.items ?? [];
  const verify = items.find((item) => item.kind === 'verify');
  if (verify?.kind !== 'verify') throw new Error(`did not parse: ${JSON.stringify(parsed.diagnostics)}`);
  const requires = items.flatMap((item) => (item.kind === 'require' ? [item.expression] : []));
  return compileVerifier(verify.expression, source, { ...options, requires })({
    inputs: {},
    output,
    steps: { main: output },
    expected: undefined,
    trace,
  });
}

describe('require gates', () => {
  const lines = 'require contains("ok")\nrequire word_count({ max: 3 })\nverify polite';

  it('leave the verify score as it is when every gate is met, with the gates beside it in the trace', async () => {
    const judge = countingJudge(() => scored(0.75, { name: 'polite' }));
    const score = await run(lines, 'ok then', judge);
    expect(score).toMatchObject({ status: 'scored', value: 0.75, name: 'require', expression: 'polite' });
    expect(scoreTree(score)).toEqual([
      'require',
      0.75,
      'polite',
      ['contains', 1, 'contains("ok")'],
      ['word_count', 1, 'word_count({ max: 3 })'],
      ['polite', 0.75, 'polite'],
    ]);
    expect(judge.asked.count).toBe(1);
  });

  it('make the score 0 with the first unmet gate as its reason, and evaluate nothing after it', async () => {
    const judge = countingJudge(() => scored(1));
    const score = await run(lines, 'ok, but far too many words here', judge);
    expect(score).toMatchObject({
      status: 'scored',
      value: 0,
      name: 'require',
      expression: 'word_count({ max: 3 })',
      explanation: '`require word_count({ max: 3 })` is not met (0)',
    });
    expect(scoreTree(score)).toEqual([
      'require',
      0,
      'word_count({ max: 3 })',
      ['contains', 1, 'contains("ok")'],
      ['word_count', 0, 'word_count({ max: 3 })'],
    ]);
    expect(score.span).toEqual({
      start: lines.indexOf('word_count') + 'prog 1\nprogram p\n'.length,
      end: expect.any(Number),
    });
    expect(judge.asked.count).toBe(0);
  });

  it('count a graded gate below 1 as unmet: a threshold makes it crisp', async () => {
    const judge = countingJudge(() => scored(1));
    expect(
      (
        await run(
          'require polite\nverify contains("ok")',
          'ok',
          countingJudge(() => scored(0.9)),
        )
      ).value,
    ).toBe(0);
    expect(
      (
        await run(
          'require polite >= 0.8\nverify contains("ok")',
          'ok',
          countingJudge(() => scored(0.9)),
        )
      ).value,
    ).toBe(1);
    expect((await run('require polite\nverify contains("ok")', 'ok', judge)).value).toBe(1);
  });

  it('turn a gate that cannot be checked into an error naming it, and wait for asynchronous gates', async () => {
    const failing = countingJudge(() => Promise.resolve(scoreError('the judge sent no score')));
    const score = await run('require polite\nverify contains("ok")', 'ok', failing);
    expect(score).toMatchObject({
      status: 'error',
      value: null,
      explanation: '`require polite` could not be checked: the judge sent no score',
    });
    const slow = countingJudge(() => new Promise((resolve) => setTimeout(() => resolve(scored(1)), 5)));
    expect(await run('require polite\nverify contains("ok")', 'ok', slow)).toMatchObject({
      status: 'scored',
      value: 1,
    });
  });
});
