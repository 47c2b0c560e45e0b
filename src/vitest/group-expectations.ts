import type { Expectation } from '../program/program.js';

/** An expectation with its place in the program's list, which is also its place in the run's results. */
export interface PlacedExpectation {
  readonly expectation: Expectation;
  readonly index: number;
}

/** A program's expectations as the plugin declares them: those over the suite, then those on each case. */
export interface ExpectationGroups {
  readonly suite: readonly PlacedExpectation[];
  /** By case id, in the order the cases first appear among the expectations. */
  readonly byCase: ReadonlyMap<string, readonly PlacedExpectation[]>;
}

/** Splits expectations into those over the whole suite and those on one case, each keeping its index. */
export function groupExpectations(expectations: readonly Expectation[]): ExpectationGroups {
  const suite: PlacedExpectation[] = [];
  const byCase = new Map<string, PlacedExpectation[]>();
  expectations.forEach((expectation, index) => {
    if (expectation.caseId === undefined) suite.push({ expectation, index });
    else byCase.set(expectation.caseId, [...(byCase.get(expectation.caseId) ?? []), { expectation, index }]);
  });
  return { suite, byCase };
}
