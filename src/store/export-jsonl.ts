import type { StoreReader } from './store-reader.js';

/**
 * Writes a run as JSON Lines: one line per verified sample, with its program, interpreter, case, index, seed,
 * score, success, every step of its trace in order (messages, text, usage, latency, the nested traces of called
 * programs, and an agent step's trajectory as `agent`: its turns, how it ended, the end and expected states) as `steps`, and the final step again as `step` (null when its call failed). Returns the number of lines.
 */
export function exportRunJsonl(store: StoreReader, runId: string, write: (line: string) => void): number {
  let count = 0;
  for (const programRun of store.programRuns(runId)) {
    for (const sample of store.readSamples(programRun)) {
      write(
        `${JSON.stringify({
          runId,
          program: programRun.programName,
          interpreter: programRun.interpreterId,
          caseId: sample.caseId,
          sampleIndex: sample.sampleIndex,
          seed: sample.seed,
          success: sample.success,
          score: sample.score,
          step: sample.complete ? (sample.steps.at(-1) ?? null) : null,
          steps: sample.steps,
        })}\n`,
      );
      count++;
    }
  }
  return count;
}
