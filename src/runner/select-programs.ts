import type { Program } from '../program/program.js';

/** A pattern as a regular expression; text that is not a valid one matches literally. */
export function patternOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

/**
 * The programs `-t <pattern>` selects: a program whose name matches runs whole; otherwise the cases whose
 * `program/case` name matches run, and only the expectations on those cases and the suite-wide ones (checked over
 * the selected cases). A program with no match is left out. The hash is unchanged, so seeds and cached samples are
 * the same as in a full run.
 */
export function selectPrograms(programs: readonly Program[], pattern: string): Program[] {
  const matcher = patternOf(pattern);
  const selected: Program[] = [];
  for (const program of programs) {
    if (matcher.test(program.name)) {
      selected.push(program);
      continue;
    }
    const cases = program.cases.filter((testCase) => matcher.test(`${program.name}/${testCase.id}`));
    if (cases.length === 0) continue;
    const kept = new Set(cases.map((testCase) => testCase.id));
    selected.push({
      ...program,
      cases,
      expectations: program.expectations.filter(
        (expectation) => expectation.caseId === undefined || kept.has(expectation.caseId),
      ),
    });
  }
  return selected;
}
