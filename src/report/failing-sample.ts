import type { CaseRun, SampleRecord } from '../contracts/program-run.js';

/** The sample a report shows for a case: its first failed one (an error first), else its first one. */
export function representativeSample(caseRun: CaseRun | undefined): SampleRecord | undefined {
  if (!caseRun) return undefined;
  return (
    caseRun.samples.find((sample) => sample.score.status === 'error') ??
    caseRun.samples.find((sample) => !sample.success) ??
    caseRun.samples[0]
  );
}
