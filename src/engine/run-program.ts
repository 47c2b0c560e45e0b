import type { ProgramRun, SampleRecord } from '../contracts/program-run.js';
import type { ToolRuntime } from '../contracts/tool-runtime.js';
import type { Program } from '../program/program.js';
import { drawSample } from './draw-sample.js';
import { finishProgramRun } from './finish-program-run.js';
import { type PlannedSample, planSamples } from './plan-samples.js';
import { createProgramRunSetup } from './program-run-setup.js';
import { CaseLookups, recordCachedSamples } from './record-cached-samples.js';
import type { RunProgramOptions } from './run-program-options.js';
import { SampleRecorder } from './sample-recorder.js';
import { reserveAll, type SpendLimit } from './spend-limit.js';
import { runWorkerPool } from './worker-pool.js';

export { renderMessages } from './plan-samples.js';
export type { RunProgramOptions } from './run-program-options.js';

/**
 * Runs every case of a program `samples` times on one interpreter, verifies each sample, and returns all of it.
 * Cached results are reused and new ones cached; failures of the interpreter (after retries) or of a verifier
 * become error scores and the run goes on. Stopping keeps every finished sample.
 *
 * The run's phases: set up (ids, seeds, verifier, cache), plan (cases × samples × seeds), the cached pass (samples
 * already stored), the worker pool (interpreter calls, concurrency, cancel), and finish (what the run holds).
 */
export async function runProgram(program: Program, options: RunProgramOptions): Promise<ProgramRun> {
  const servers = program.agent?.mcpServers ?? [];
  if (options.tools || !options.startTools || servers.length === 0) return runWith(program, options);
  let tools: ToolRuntime;
  try {
    tools = await options.startTools(servers, options.signal);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return runWith(program, options, `the MCP servers could not be started: ${message}`);
  }
  try {
    return await runWith(program, { ...options, tools });
  } finally {
    await tools.close?.();
  }
}

/** Planned samples made and drawn at a time: the plan of a run of millions is never all in memory. */
const chunkSize = 4_096;

async function runWith(program: Program, options: RunProgramOptions, toolsProblem?: string): Promise<ProgramRun> {
  const run = createProgramRunSetup(program, options, toolsProblem);
  const plan = planSamples(run);
  run.events?.emit('run-start', {
    runId: run.runId,
    timestamp: run.startedAt,
    programName: program.name,
    interpreterId: run.interpreter.id,
    cases: program.cases.length,
    samplesPerCase: program.sampling.samples,
    planned: plan.planned,
  });
  const recorder = new SampleRecorder(run, plan.plannedByCase);
  const spend = options.spend;
  const budgetReached = () => spend?.limits.some((limit) => limit.reached) === true;
  const stopped = () => options.stopSignal?.aborted === true || options.signal?.aborted === true || budgetReached();
  const draw = !spend
    ? (planned: PlannedSample) => drawSample(run, plan, recorder, planned)
    : async (planned: PlannedSample) => {
        // One budget with room now, as most samples find it, reserves without waiting for a turn of the queue.
        const only = spend.limits.length === 1 ? (spend.limits[0] as SpendLimit).tryReserve() : 'wait';
        const reservation = only === 'wait' ? await reserveAll(spend.limits) : only;
        if (!reservation) return 'stop';
        let drawn: 'stop' | SampleRecord | undefined;
        try {
          drawn = await drawSample(run, plan, recorder, planned);
        } finally {
          // A sample cancelled in flight may have been paid for: it keeps what it reserved.
          reservation.settle(drawn === undefined || drawn === 'stop' ? undefined : spend.costOf(drawn));
        }
        return drawn === 'stop' ? 'stop' : undefined;
      };
  let allStarted = false;
  const onAllStarted = () => {
    if (allStarted) return;
    allStarted = true;
    options.onAllStarted?.();
  };
  // Samples found in the store are recorded even once the run is stopped: they cost nothing. The chunk after the
  // one being drawn is made first, so that the last chunk's pool is known and says when every sample has started.
  const lookups = new CaseLookups(run);
  const chunks = plan.chunks(chunkSize);
  for (let current = chunks.next(); !current.done; ) {
    const following = chunks.next();
    const pending = await recordCachedSamples(run, plan, current.value, recorder, lookups);
    await runWorkerPool(
      pending,
      {
        concurrency: Math.min(options.concurrency ?? 8, run.interpreter.maxConcurrentCalls ?? Number.POSITIVE_INFINITY),
        ...(options.sharedLimit ? { sharedLimit: options.sharedLimit } : {}),
        ...(following.done ? { onAllStarted } : {}),
        ...(options.room ? { room: options.room } : {}),
        stopped,
      },
      draw,
    );
    current = following;
  }
  onAllStarted();
  if (options.store?.flushed) await options.store.flushed();
  else options.store?.flush();
  return finishProgramRun(run, plan, recorder, budgetReached());
}
