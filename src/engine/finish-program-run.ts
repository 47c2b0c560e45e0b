import { drawnOf, type ProgramRun } from '../contracts/program-run.js';
import { redactSecrets } from '../util/redact-secrets.js';
import type { SamplePlan } from './plan-samples.js';
import type { ProgramRunSetup } from './program-run-setup.js';
import type { SampleRecorder } from './sample-recorder.js';

/**
 * Ends a run: emits `run-end` and returns what the run holds: every case's samples in index order, whether it was
 * interrupted (fewer samples drawn than planned) and, when a budget was reached, that it stopped it, its cache hits, warnings and duration.
 */
export function finishProgramRun(
  run: ProgramRunSetup,
  plan: SamplePlan,
  recorder: SampleRecorder,
  budgetReached = false,
): ProgramRun {
  const { program, interpreter, options, clock } = run;
  const cases = recorder.cases();
  const drawn = cases.reduce((sum, caseRun) => sum + drawnOf(caseRun), 0);
  const interrupted = drawn < plan.planned;
  const durationMs = clock() - run.startedAt;
  run.events?.emit('run-end', { runId: run.runId, timestamp: clock(), samples: drawn, durationMs, interrupted });
  return {
    runId: run.runId,
    programName: program.name,
    file: program.file,
    programHash: program.hash,
    interpreterId: interpreter.id,
    // Descriptions may name an endpoint; reports show them, so credentials in them are masked.
    interpreterDescription: redactSecrets(interpreter.description),
    baseSeed: run.baseSeed,
    settings: run.settings,
    samplesPerCase: program.sampling.samples,
    planned: plan.planned,
    ...(options.shard ? { shard: options.shard } : {}),
    interrupted,
    ...(interrupted && budgetReached ? { stoppedBy: 'budget' as const } : {}),
    cacheHits: recorder.cacheHits,
    cases,
    warnings: [...recorder.warnings.values()],
    startedAt: run.startedAt,
    durationMs,
  };
}
