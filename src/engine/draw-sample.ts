import type { SampleRecord } from '../contracts/program-run.js';
import { storeStep } from './cached-call.js';
import { interpretStep } from './interpret-step.js';
import type { CasePrompt, PlannedSample, SamplePlan } from './plan-samples.js';
import type { ProgramRunSetup } from './program-run-setup.js';
import { runSteps } from './run-steps.js';
import type { SampleRecorder } from './sample-recorder.js';

/**
 * Draws one planned sample that the cached pass left: a single prompt's one interpreter call (known not to be
 * stored), or every step of a program of several steps (each found in the cache or called). Records the sample,
 * unless the run was cancelled while it was in flight: then it is not a result, and the answer is `'stop'`.
 * Returns the sample as recorded otherwise.
 */
export async function drawSample(
  run: ProgramRunSetup,
  plan: SamplePlan,
  recorder: SampleRecorder,
  planned: PlannedSample,
): Promise<'stop' | SampleRecord> {
  const { testCase } = planned;
  recorder.startCase(testCase.id);
  if (run.perSample.sampleStart)
    run.events?.emit('sample-start', {
      runId: run.runId,
      timestamp: run.clock(),
      caseId: testCase.id,
      sampleIndex: planned.index,
      seed: planned.seed,
    });
  if (!run.single) {
    const ran = await runSteps(
      run.program,
      testCase.inputs,
      {
        caseId: testCase.id,
        index: planned.index,
        seed: planned.seed,
        hasExpected: testCase.hasExpected,
        ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
      },
      run.steps,
    );
    if (run.options.signal?.aborted && ran.steps.some((step) => step.error)) return 'stop';
    if (ran.cached) recorder.cacheHits++;
    return recorder.record(planned, ran.steps, ran.cached, ran.lastKey, ran.keys);
  }
  const prompt = plan.prompts.get(testCase.id) as CasePrompt;
  const step = await interpretStep(run.steps, {
    stepName: run.singleStepName,
    caseId: testCase.id,
    sampleIndex: planned.index,
    seed: planned.seed,
    call: prompt.call,
    messages: prompt.messages,
    estimate: prompt.estimate,
    ...(run.program.output ? { output: run.program.output } : {}),
  });
  // The cached pass found no stored result: the call's result is stored straight away.
  storeStep(run.steps.cache, prompt, planned.key, planned.seed, step);
  if (run.options.signal?.aborted && step.error) return 'stop';
  return recorder.record(planned, [step], false, planned.key);
}
