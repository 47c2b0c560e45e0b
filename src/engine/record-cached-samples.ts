import type { CachedStep } from '../contracts/sample-store.js';
import { cachedTrace, lookupCached } from './cached-call.js';
import type { CasePrompt, PlannedSample, SamplePlan } from './plan-samples.js';
import type { ProgramRunSetup } from './program-run-setup.js';
import type { SampleRecorder } from './sample-recorder.js';

/**
 * A case's stored samples, looked up once when the plan reaches the case, before any of its samples is drawn, and
 * kept while the plan's chunks are in that case: what the run itself stores is not served back to it.
 */
export class CaseLookups {
  #caseId: string | undefined;
  #stored: ReadonlyMap<string, CachedStep> = new Map();

  constructor(private readonly run: ProgramRunSetup) {}

  /** The stored samples of `caseId`'s prompt. */
  of(caseId: string, prompt: CasePrompt): ReadonlyMap<string, CachedStep> {
    if (this.#caseId !== caseId) {
      this.#caseId = caseId;
      this.#stored = lookupCached(this.run.steps.cache, prompt);
    }
    return this.#stored;
  }
}

/**
 * The cached pass of a single-prompt program over a chunk of its plan: the samples found in the store are recorded
 * now, case by case. Returns the samples of the chunk left for an interpreter call, in plan order. A program of
 * several steps finds its cached steps as each sample runs: all of its samples are left.
 */
export async function recordCachedSamples(
  run: ProgramRunSetup,
  plan: SamplePlan,
  samples: readonly PlannedSample[],
  recorder: SampleRecorder,
  lookups: CaseLookups,
): Promise<readonly PlannedSample[]> {
  if (!run.single) return samples;
  const pending: PlannedSample[] = [];
  let caseStart = 0;
  while (caseStart < samples.length) {
    const testCase = (samples[caseStart] as PlannedSample).testCase;
    let caseEnd = caseStart;
    while (caseEnd < samples.length && (samples[caseEnd] as PlannedSample).testCase === testCase) caseEnd++;
    const prompt = plan.prompts.get(testCase.id) as CasePrompt;
    const stored = lookups.of(testCase.id, prompt);
    for (let position = caseStart; position < caseEnd; position++) {
      const planned = samples[position] as PlannedSample;
      const hit = stored.get(planned.key);
      if (!hit) {
        pending.push(planned);
        continue;
      }
      recorder.startCase(testCase.id);
      recorder.cacheHits++;
      await recorder.record(planned, [cachedTrace(hit, run.singleStepName, prompt.messages)], true, planned.key);
    }
    caseStart = caseEnd;
  }
  return pending;
}
