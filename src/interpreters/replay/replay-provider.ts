import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { CachedStep } from '../../engine/sample-store.js';
import { InterpreterError } from '../interpreter-error.js';
import type { InterpreterProvider } from '../interpreter-provider.js';

/**
 * `replay:<run>` (or `replay:latest`): answers each call with the sample a recorded run drew for the same program,
 * case and seed, from the store. Re-verifies a suite with new verifiers at no cost; a call the run did not record
 * is an error, never a new sample. Seeds match when the prompts and the base seed are unchanged.
 */
export const replayProvider: InterpreterProvider = {
  name: 'replay',
  summary: 'recorded samples of an earlier run in the store (replay:<run id> or replay:latest)',
  async create(model, options) {
    const storePath = options.storePath;
    if (!storePath || !existsSync(storePath)) {
      return {
        ok: false,
        error: {
          message: `no store to replay from${storePath ? ` at ${storePath}` : ''}`,
          hint: 'run `informal test` first, or name the store with --store',
        },
      };
    }
    const database = new Database(storePath, { readonly: true, fileMustExist: true });
    const runId =
      model === '' || model === 'latest'
        ? database
            .prepare<[], { id: string }>(
              "SELECT id FROM runs WHERE status = 'complete' ORDER BY created_at DESC, id DESC LIMIT 1",
            )
            .get()?.id
        : database.prepare<[string], { id: string }>('SELECT id FROM runs WHERE id = ?').get(model)?.id;
    if (!runId) {
      const recent = database.prepare<[], { id: string }>('SELECT id FROM runs ORDER BY created_at DESC LIMIT 3').all();
      database.close();
      return {
        ok: false,
        error: {
          message: model && model !== 'latest' ? `no run ${model} in ${storePath}` : `no finished run in ${storePath}`,
          hint:
            recent.length > 0
              ? `recent runs: ${recent.map((run) => run.id).join(', ')}`
              : 'the store holds no runs yet',
        },
      };
    }
    const lookup = database.prepare<[string, string, string, number], { step_json: string }>(
      `SELECT s.step_json FROM results r
       JOIN program_runs pr ON pr.id = r.program_run_id
       JOIN samples s ON s.key = r.sample_key
       WHERE pr.run_id = ? AND pr.program_name = ? AND r.case_id = ? AND r.seed = ? LIMIT 1`,
    );
    let closed = false;
    return {
      ok: true,
      interpreter: {
        id: `replay:${runId}`,
        description: `replay of run ${runId}`,
        instant: true,
        async interpret(call, callOptions) {
          callOptions.signal?.throwIfAborted();
          const row = lookup.get(runId, call.origin.programName, call.origin.caseId, callOptions.seed);
          if (!row) {
            throw new InterpreterError(
              `run ${runId} recorded no sample of ${call.origin.programName}, case "${call.origin.caseId}", seed ${callOptions.seed}`,
              {
                kind: 'config',
                isRetryable: false,
                hint: 'replay with the same prompts, cases, sample count and --seed as the recorded run',
              },
            );
          }
          const step = JSON.parse(row.step_json) as CachedStep;
          callOptions.onToken?.(step.text);
          return {
            text: step.text,
            finishReason: step.finishReason,
            ...(step.usage ? { usage: step.usage } : {}),
            warnings: step.warnings,
          };
        },
        async close() {
          if (!closed) database.close();
          closed = true;
        },
      },
    };
  },
};
