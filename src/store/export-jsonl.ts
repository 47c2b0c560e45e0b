import type { SqliteStore } from './sqlite-store.js';

/**
 * Writes a run as JSON Lines: one line per verified sample, with its program, interpreter, case, index, seed,
 * score, success, and the interpreter's step (messages, text, usage, latency). Returns the number of lines.
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
        step_json: string | null;
        messages_json: string | null;
      }
    >(
      `SELECT pr.program_name, pr.interpreter_id, r.case_id, r.sample_index, r.seed, r.score_json, r.success,
              s.step_json, p.messages_json
       FROM results r JOIN program_runs pr ON pr.id = r.program_run_id
       LEFT JOIN samples s ON s.key = r.sample_key
       LEFT JOIN key_prefixes k ON k.prefix = substr(s.key, 1, instr(s.key, '.') - 1)
       LEFT JOIN prompts p ON p.hash = k.prompt_hash
       WHERE pr.run_id = ? ORDER BY pr.program_name, pr.interpreter_id, r.case_id, r.sample_index`,
    )
    .iterate(runId);
  let count = 0;
  for (const row of rows) {
    const step = row.step_json
      ? { ...JSON.parse(row.step_json), messages: JSON.parse(row.messages_json ?? '[]') }
      : null;
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
        step,
      })}\n`,
    );
    count++;
  }
  return count;
}
