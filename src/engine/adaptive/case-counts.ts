/**
 * What a case has shown so far: `n` samples drawn and scored, `c` of which succeeded. Structurally the same as the
 * runner's per-case counts, so a run's summary can be passed in as it is.
 */
export interface CaseCounts {
  /** The case's id, unique within the program. */
  readonly caseId: string;
  /** Samples drawn and scored; they count against the per-case cap and the budget. */
  readonly n: number;
  /** Successes among the `n` samples, 0 ≤ c ≤ n. */
  readonly c: number;
}
