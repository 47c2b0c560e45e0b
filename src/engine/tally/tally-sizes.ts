/** Values kept per case for the metrics that need them, over every case of a run. */
const subsampleBudget = 200_000;
/** Whole samples (with their traces) kept per run for reports. */
const keptBudget = 10_000;

/**
 * How many values a case's tally keeps (`TallyOptions.subsample`: every sample up to it, then a uniform subsample)
 * and how many whole samples of each outcome it keeps for reports (`TallyOptions.keep`), for a run of `cases` cases:
 * 1,000 values and 50 samples of each outcome for up to 200 cases, fewer per case beyond, so that a run's memory is
 * bounded whatever its samples and grows slowly with its cases.
 */
export function tallySizes(cases: number): { readonly subsample: number; readonly keep: number } {
  const perCase = Math.max(1, cases);
  return {
    subsample: Math.max(200, Math.min(1_000, Math.floor(subsampleBudget / perCase))),
    keep: Math.max(2, Math.min(50, Math.floor(keptBudget / perCase))),
  };
}
