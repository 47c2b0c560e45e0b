import { createHash } from 'node:crypto';
import { getOrCreate } from '../util/get-or-create.js';
import { openStoreDatabase } from './open-store-database.js';

/** What a merge did. */
export interface MergeSummary {
  /** Runs copied from the sources, by id. */
  readonly copiedRuns: readonly string[];
  /** Runs made by joining complete sets of shards: each holds every sample of the unsharded plan. */
  readonly mergedRuns: readonly { readonly id: string; readonly shards: readonly string[] }[];
  /** Shard sets that lack a part, as `count` and the missing indices, so the user can run them. */
  readonly incomplete: readonly {
    readonly count: number;
    readonly missing: readonly number[];
    readonly runs: readonly string[];
  }[];
}

/** Copies the attached `source` into `main`, remapping program run ids, which differ between files. */
const copySource = `
  INSERT OR IGNORE INTO main.runs SELECT * FROM source.runs;
  INSERT OR IGNORE INTO main.program_runs
    (run_id, program_name, program_file, program_hash, interpreter_id, base_seed, samples_per_case, planned, status)
    SELECT run_id, program_name, program_file, program_hash, interpreter_id, base_seed, samples_per_case, planned, status
    FROM source.program_runs;
  INSERT OR IGNORE INTO main.prompts SELECT * FROM source.prompts;
  INSERT OR IGNORE INTO main.key_prefixes SELECT * FROM source.key_prefixes;
  INSERT OR IGNORE INTO main.samples SELECT * FROM source.samples;
  INSERT OR IGNORE INTO main.score_texts SELECT * FROM source.score_texts;
  INSERT OR IGNORE INTO main.results
    (program_run_id, case_id, sample_index, seed, sample_key, score_json, success, trace_json)
    SELECT target.id, r.case_id, r.sample_index, r.seed, r.sample_key, r.score_json, r.success, r.trace_json
    FROM source.results r
    JOIN source.program_runs origin ON origin.id = r.program_run_id
    JOIN main.program_runs target ON target.run_id = origin.run_id AND target.program_name = origin.program_name
      AND target.interpreter_id = origin.interpreter_id;
`;

/**
 * Joins stores into `target`: every run, cached sample and result is copied (rows already there are kept), and
 * each complete set of shards of the same plan (same programs, hashes, interpreters and seeds) becomes one run
 * whose results are the union of its shards', so that its statistics equal those of an unsharded run.
 */
export function mergeStores(target: string, sources: readonly string[]): MergeSummary {
  const database = openStoreDatabase(target, 'write');
  const copiedRuns: string[] = [];
  try {
    for (const source of sources) {
      openStoreDatabase(source, 'write').close(); // migrates the source to this schema first
      database.prepare('ATTACH DATABASE ? AS source').run(source);
      try {
        copiedRuns.push(
          ...database
            .prepare<[], { id: string }>('SELECT id FROM source.runs')
            .all()
            .map((row) => row.id),
        );
        database.transaction(() => database.exec(copySource))();
      } finally {
        database.exec('DETACH DATABASE source');
      }
    }

    // Shards of one plan share everything but their part; group them by the plan's signature.
    const shardRuns = database
      .prepare<[], { id: string; shard: string }>(
        "SELECT id, shard FROM runs WHERE shard IS NOT NULL AND status = 'complete'",
      )
      .all();
    const groups = new Map<string, { count: number; byIndex: Map<number, string> }>();
    for (const run of shardRuns) {
      const [index, count] = run.shard.split('/').map(Number) as [number, number];
      const signature = database
        .prepare<[string], { line: string }>(
          `SELECT program_name || ' ' || program_hash || ' ' || interpreter_id || ' ' || base_seed || ' ' || samples_per_case AS line
           FROM program_runs WHERE run_id = ? ORDER BY line`,
        )
        .all(run.id)
        .map((row) => row.line)
        .join('\n');
      const key = `${count}\n${signature}`;
      const group = getOrCreate(groups, key, () => ({ count, byIndex: new Map<number, string>() }));
      if (!group.byIndex.has(index)) group.byIndex.set(index, run.id);
    }

    const mergedRuns: { id: string; shards: string[] }[] = [];
    const incomplete: { count: number; missing: number[]; runs: string[] }[] = [];
    for (const group of groups.values()) {
      const shards = [...group.byIndex.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
      const missing = Array.from({ length: group.count }, (_, index) => index + 1).filter(
        (index) => !group.byIndex.has(index),
      );
      if (missing.length > 0) {
        incomplete.push({ count: group.count, missing, runs: shards });
        continue;
      }
      const id = `merged-${createHash('sha256').update(shards.join('\n')).digest('hex').slice(0, 12)}`;
      database.transaction(() => {
        const now = Date.now();
        database
          .prepare(
            `INSERT OR REPLACE INTO runs (id, created_at, updated_at, status, command_json, shard)
             SELECT ?, ?, ?, 'complete', command_json, NULL FROM runs WHERE id = ?`,
          )
          .run(id, now, now, shards[0]);
        const placeholders = shards.map(() => '?').join(', ');
        database
          .prepare(
            `INSERT OR REPLACE INTO program_runs
               (run_id, program_name, program_file, program_hash, interpreter_id, base_seed, samples_per_case, planned, status)
             SELECT ?, program_name, program_file, program_hash, interpreter_id, base_seed, samples_per_case,
                    SUM(planned), 'complete'
             FROM program_runs WHERE run_id IN (${placeholders}) GROUP BY program_name, interpreter_id`,
          )
          .run(id, ...shards);
        database
          .prepare(
            `INSERT OR REPLACE INTO results
               (program_run_id, case_id, sample_index, seed, sample_key, score_json, success, trace_json)
             SELECT target.id, r.case_id, r.sample_index, r.seed, r.sample_key, r.score_json, r.success, r.trace_json
             FROM results r
             JOIN program_runs origin ON origin.id = r.program_run_id
             JOIN program_runs target ON target.run_id = ? AND target.program_name = origin.program_name
               AND target.interpreter_id = origin.interpreter_id
             WHERE origin.run_id IN (${placeholders})`,
          )
          .run(id, ...shards);
      })();
      mergedRuns.push({ id, shards });
    }
    return { copiedRuns, mergedRuns, incomplete };
  } finally {
    database.close();
  }
}
