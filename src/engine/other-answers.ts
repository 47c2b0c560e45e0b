import type { ProgramCase } from '../program/program.js';

const byCases = new WeakMap<readonly ProgramCase[], readonly unknown[]>();

/** How many reference values a call carries at most. */
const maxAnswers = 32;

/**
 * The distinct reference values of a program's cases (at most 32), computed once per case list: the simulator
 * answers some failed samples with another case's answer, as a confused model answers a neighbouring question.
 */
export function otherAnswers(cases: readonly ProgramCase[]): readonly unknown[] {
  let answers = byCases.get(cases);
  if (!answers) {
    const seen = new Map<string, unknown>();
    for (const testCase of cases) {
      if (!testCase.hasExpected || seen.size >= maxAnswers) continue;
      seen.set(JSON.stringify(testCase.expected), testCase.expected);
    }
    answers = [...seen.values()];
    byCases.set(cases, answers);
  }
  return answers;
}
