import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { scored } from '../contracts/score.js';
import type { Trace } from '../contracts/trace.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { compileVerifier } from '../verifiers/compile-verifier.js';
import type { Verifier } from '../verifiers/verifier.js';
import { compileProgram, loadProgram } from './load-program.js';

const base = `prog 1
program p
input question: string
input ticket: { subject: string, body: string }
prompt "{{ question }} {{ ticket.subject }}"
`;
const tail = `case "a" { question: "q", ticket: { subject: "s", body: "b" } } -> "x"
`;

function compile(items: string, cases = tail) {
  return compileProgram(`${base}${items}\n${cases}`, 'p.prog');
}

const lines = (loaded: ReturnType<typeof compile>) =>
  loaded.diagnostics.map(
    (diagnostic) =>
      `${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}${diagnostic.hint ? ` | ${diagnostic.hint}` : ''}`,
  );

describe('expectations over every metric', () => {
  it('reads each metric, for the program and for one case', () => {
    const loaded = compile(
      `verify exact(expected)
sample 8
expect pass@8 >= 0.9
expect pass^2 >= 0.5
expect max@4 >= 0.5
expect g-pass@4[0.75] >= 0.5
expect mean_score > 0.6
expect attempts@9 <= 3
expect pass@inf >= 0.95
expect error_rate <= 0.01`,
      `case "a" { question: "q", ticket: { subject: "s", body: "b" } } -> "x" expect pass@1 >= 0.5 expect mean_score >= 0.2\n`,
    );
    expect(lines(loaded)).toEqual([]);
    expect(loaded.program?.expectations.map(({ metric, text, caseId }) => [metric, text, caseId])).toEqual([
      [{ name: 'pass@k', k: 8 }, 'pass@8 >= 0.9', undefined],
      [{ name: 'pass^k', k: 2 }, 'pass^2 >= 0.5', undefined],
      [{ name: 'max@k', k: 4 }, 'max@4 >= 0.5', undefined],
      [{ name: 'g-pass@k', k: 4, tau: 0.75 }, 'g-pass@4[0.75] >= 0.5', undefined],
      [{ name: 'mean-score' }, 'mean_score > 0.6', undefined],
      [{ name: 'attempts', budget: 9 }, 'attempts@9 <= 3', undefined],
      [{ name: 'pass@inf' }, 'pass@inf >= 0.95', undefined],
      [{ name: 'error-rate' }, 'error_rate <= 0.01', undefined],
      [{ name: 'pass@k', k: 1 }, 'pass@1 >= 0.5', 'a'],
      [{ name: 'mean-score' }, 'mean_score >= 0.2', 'a'],
    ]);
  });

  it('keeps an expect line after a case a program expectation', () => {
    const loaded = compile('verify exact(expected)', `${tail}expect pass@1 >= 0.5\n`);
    expect(loaded.program?.expectations.map((expectation) => expectation.caseId)).toEqual([undefined]);
  });

  it('checks k, τ and budgets against the sample count', () => {
    const loaded = compile(
      `verify exact(expected)
sample 4
expect max@5 >= 0.5
expect g-pass@4[1.5] >= 0.5
expect attempts@6 <= 2
expect pass@0 >= 0.1`,
      `case "a" { question: "q", ticket: { subject: "s", body: "b" } } -> "x" expect pass^9 >= 0.5\n`,
    );
    expect(lines(loaded)).toEqual([
      'error R010 max@5 needs at least 5 samples per case, and the program draws 4 | raise the count: `sample 5` or more',
      'error R037 the threshold τ of g-pass@4[1.5] must lie in (0, 1] | τ is the share of the 4 attempts that must pass: `g-pass@4[0.5]` asks for half of them',
      'error R010 attempts@6 is estimated for budgets up to the sample count + 1 (5) | raise the count: `sample 5` or more',
      'error R010 pass@0 needs k of at least 1',
      'error R010 pass^9 needs at least 9 samples per case, and the program draws 4 | raise the count: `sample 9` or more',
    ]);
  });
});

describe('suite_k@q', () => {
  it('reads the quantile, takes thresholds above 1, and works on one case', () => {
    const loaded = compile(
      'verify exact(expected)\nsample 4\nexpect suite_k@0.5 <= 1000\nexpect suite_k@0.95 <= 20',
      `case "a" { question: "q", ticket: { subject: "s", body: "b" } } -> "x" expect suite_k@0.5 <= 3\n`,
    );
    expect(lines(loaded)).toEqual([]);
    expect(loaded.program?.expectations.map((expectation) => [expectation.metric, expectation.caseId])).toEqual([
      [{ name: 'suite-k', quantile: 0.5 }, undefined],
      [{ name: 'suite-k', quantile: 0.95 }, undefined],
      [{ name: 'suite-k', quantile: 0.5 }, 'a'],
    ]);
  });

  it('points at a quantile outside (0, 1), with a hint', () => {
    const source = `${base}verify exact(expected)\nexpect suite_k@1 <= 10\nexpect suite_k@0 <= 10\n${tail}`;
    const loaded = compileProgram(source, 'p.prog');
    expect(lines(loaded)).toEqual([
      'error R037 the quantile q of suite_k@1 must lie strictly between 0 and 1 | `suite_k@0.5` is the median number of attempts per case that solve every case; `suite_k@0.9` is solved 9 times in 10',
      'error R037 the quantile q of suite_k@0 must lie strictly between 0 and 1 | `suite_k@0.5` is the median number of attempts per case that solve every case; `suite_k@0.9` is solved 9 times in 10',
    ]);
    const [first] = loaded.diagnostics;
    if (!first) throw new Error('no diagnostic');
    expect(renderDiagnostic(first, source)).toContain('p.prog:7:8');
  });
});

describe('named judges', () => {
  const trace: Trace = {
    programName: 'p',
    programHash: 'h',
    interpreterId: 'sim',
    caseId: 'a',
    sampleIndex: 0,
    seed: 1,
    settings: {},
    steps: [],
  };

  it('resolve with their settings and rubric, and score by name in verify', async () => {
    const folder = tempFolder({
      'rubric.md': 'Is this polite? {{ output }} (asked: {{ question }})\n',
      'p.prog': `${base}judge polite model "sim:large" samples 3 temperature 0 """
  Score from 0 to 1: is the answer polite? {{ output }}
  """
judge kind from "./rubric.md"
verify 0.5 * polite + 0.5 * kind
${tail}`,
    });
    const loaded = await loadProgram('p.prog', folder);
    expect(loaded.diagnostics).toEqual([]);
    const program = loaded.program;
    if (!program) throw new Error('no program');
    expect(program.judges.map(({ span: _span, messages, ...rest }) => [rest, messages[0]?.parts.length])).toEqual([
      [{ name: 'polite', interpreter: 'sim:large', samples: 3, settings: { temperature: 0 } }, 2],
      [{ name: 'kind', samples: 1, settings: {} }, 5],
    ]);
    const context = { inputs: {}, output: 'thanks', steps: {}, trace };
    const judged = compileVerifier(program.verify.expression, program.source, {
      judges: new Map<string, Verifier>([
        ['polite', () => scored(1)],
        ['kind', async () => scored(0.5)],
      ]),
    });
    expect((await judged(context)).value).toBe(0.75);
    const missing = compileVerifier(program.verify.expression, program.source, {
      judgeNames: new Set(['polite', 'kind']),
      judges: new Map([['polite', () => scored(1)]]),
    });
    const score = await missing(context);
    expect(score.status).toBe('error');
    expect(score.explanation).toContain('judge `kind` cannot run here');
  });

  it('report bad settings and unknown names in the rubric', () => {
    const loaded = compile(`judge j samples 0 seed 3 top_p 2 samples 2 "Rate {{ outptu }}"
verify j`);
    expect(lines(loaded)).toEqual([
      'error R016 a judge draws at least 1 sample',
      'error R027 a judge takes no `seed`: its verdicts are seeded from the sample they judge | remove `seed`',
      'error R019 `top_p` must be between 0 and 1',
      'error R007 `samples` is given twice',
      'error R001 unknown name `outptu` in the rubric of judge `j` | did you mean `output`?',
    ]);
  });
});

describe('checks after parsing', () => {
  it('finds type errors in verify expressions', () => {
    const loaded = compile('verify not "yes" and (question + 1) and ticket.subjct == "x" and exact(expected).value');
    expect(lines(loaded)).toEqual([
      'error T001 `not` needs scores, numbers or booleans, and this is a string | compare the text instead, such as `output == "yes"` or `contains("yes")`',
      'error T001 `+` needs numbers or scores, and this is a string | compare the text instead, such as `output == "yes"` or `contains("yes")`',
      'error T002 `ticket` has no field `subjct` | did you mean `subject`?',
      'error T002 a score has no field `value` | read fields of values, not of scores',
    ]);
    expect(lines(compile('verify question'))).toEqual([
      'error T003 a verifier must give a score, and this gives a string | compare it, such as `output == expected`, or call a verifier, such as `exact(expected)`',
    ]);
  });

  it('warns when the weights of a weighted sum do not add up to 1, and still resolves', () => {
    const loaded = compile('verify 0.6 * exact(expected) + 0.3 * contains("x")');
    expect(lines(loaded)).toEqual([
      'warning W001 the weights of this sum add up to 0.9, less than 1: no answer can score 1 | make them sum to 1, so that the sum is a weighted mean in [0, 1]',
    ]);
    expect(loaded.program).toBeDefined();
    expect(lines(compile('verify 0.6 * exact(expected) + contains("x") * 0.4'))).toEqual([]);
  });

  it('refuses weights that could take a score out of [0, 1]: a sum above 1, or a negative weight', () => {
    expect(lines(compile('verify 0.7 * exact(expected) + 0.5 * contains("x")'))).toEqual([
      'error R040 the weights of this sum add up to 1.2, more than 1: a fully correct answer would score 1.2, outside [0, 1] | make the weights sum to 1, so that the sum is a weighted mean in [0, 1]',
    ]);
    expect(lines(compile('verify 1.5 * exact(expected) + -0.5 * contains("x")'))[0]).toContain(
      'error R040 a weight of this sum is negative',
    );
  });

  it('finds duplicate and reserved names across inputs, steps and judges', () => {
    const loaded = compile(`step question = "x"
step s = "y"
step s = "z"
judge s "rate"
judge exact "rate"
input output: string
verify exact(expected)`);
    expect(lines(loaded)).toEqual([
      'error R020 `output` is a reserved name and cannot name an input | choose another name',
      'error R020 the name `question` is already taken by an input | give each step its own name',
      'error R020 the name `s` is already taken by a step | give each step its own name',
      'error R020 the name `s` is already taken by a step | give each judge its own name',
      'error R020 the judge `exact` has the name of a verifier | rename the judge',
    ]);
  });

  it('reports a step named `main` beside the `prompt` (the step named `main`) once', () => {
    expect(lines(compile('step main = "b"\nverify exact(expected)'))).toEqual([
      'error R020 the name `main` is taken by the `prompt` | give the step another name',
    ]);
    const promptAfter = compileProgram(
      'prog 1\nprogram p\ninput q: string\nstep main = "a"\nprompt "b"\nverify exact(expected)\ncase "a" { q: "x" } -> "y"\n',
      'p.prog',
    );
    expect(lines(promptAfter)).toEqual([
      'error R020 a program has one `prompt` (a step named `main`) | join the texts into one `prompt` block, or name the steps',
    ]);
  });

  it('lets verifiers read steps by name and as steps.<name>, and suggests step names', () => {
    const ok = compile(
      'step draft = "d: {{ question }}"\nverify contains(draft, "x") and length(steps.draft, { min: 1 })',
    );
    expect(lines(ok)).toEqual([]);
    const typo = compile('step draft = "d"\nverify contains(drat, "x") and length(steps.drft, { min: 1 })');
    expect(lines(typo)).toEqual([
      'error R012 unknown name `drat` in the verifier | did you mean `draft`?',
      'error R012 the program has no step `drft` | did you mean `draft`?',
    ]);
  });

  it('renders every diagnostic with its place, source line and caret', () => {
    const source = `${base}verify 0.5 * exact(expected) + 0.2 * contains("x")\n${tail}`;
    const loaded = compileProgram(source, 'p.prog');
    expect(renderDiagnostic(loaded.diagnostics[0] as (typeof loaded.diagnostics)[0], source)).toBe(
      [
        'p.prog:6:8: warning W001: the weights of this sum add up to 0.7, less than 1: no answer can score 1',
        '  |',
        '6 | verify 0.5 * exact(expected) + 0.2 * contains("x")',
        `  |        ${'^'.repeat('0.5 * exact(expected) + 0.2 * contains("x")'.length)}`,
        '  = hint: make them sum to 1, so that the sum is a weighted mean in [0, 1]',
      ].join('\n'),
    );
  });
});
