import type { SqliteStore } from './sqlite-store.js';
import { rebuildSteps, stepReader } from './stored-trace.js';

/**
 * Writes a run as JSON Lines: one line per verified sample, with its program, interpreter, case, index, seed,
 * score, success, every step of its trace in order (messages, text, usage, latency, and the nested traces of called
 * programs) as `steps`, and the final step again as `step` (null when its call failed). Returns the number of lines.
 */
export function exportRunJsonl(store: SqliteStore, runId: string, write: (line: string) => void): number {
  store.flush();
  const rows = store.database
    .prepare<
      [string],
      {
        program_name: string;
        interpreter_id: string;
        case_id: string;
        sample_index: number;
        seed: number;
        score_json: string;
        success: number;
        sample_key: string;
        trace_json: string | null;
      }
    >(
      `SELECT pr.program_name, pr.interpreter_id, r.case_id, r.sample_index, r.seed, r.score_json, r.success,
              r.sample_key, r.trace_json
       FROM results r JOIN program_runs pr ON pr.id = r.program_run_id
       WHERE pr.run_id = ? ORDER BY pr.program_name, pr.interpreter_id, r.case_id, r.sample_index`,
    )
    .iterate(runId);
  const read = stepReader(store.database);
  let count = 0;
  for (const row of rows) {
    const { steps, complete } = rebuildSteps(row.trace_json, row.sample_key, read, {
      interpreterId: row.interpreter_id,
      caseId: row.case_id,
      sampleIndex: row.sample_index,
      settings: {},
    });
    write(
      `${JSON.stringify({
        runId,
        program: row.program_name,
        interpreter: row.interpreter_id,
        caseId: row.case_id,
        sampleIndex: row.sample_index,
        seed: row.seed,
        success: row.success === 1,
        score: JSON.parse(row.score_json),
        step: complete ? (steps.at(-1) ?? null) : null,
        steps,
      })}\n`,
    );
    count++;
  }
  return count;
}
