/** The counts of one case: `n` samples scored, `c` of them successes. */
export interface CaseCounts {
  /** Samples scored for the case, a non-negative integer. */
  readonly n: number;
  /** Successes among them, an integer between 0 and n. */
  readonly c: number;
}

/** A case's counts under its id, as adaptive sampling and the runner's summaries carry them. */
export interface NamedCaseCounts extends CaseCounts {
  /** The case's id, unique within the program. */
  readonly caseId: string;
}
