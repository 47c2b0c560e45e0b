import { resumeCommandLine, shellWord } from '../runner/resume-command-line.js';
import { runProcessGone } from '../store/run-liveness.js';
import { plannedSamples } from '../store/run-plan.js';
import type { StoreReader } from '../store/store-reader.js';
import type { RunRecord } from '../store/store-types.js';
import type { CommandIo } from './command-io.js';
import { describeTime } from './describe-time.js';
import { openExistingStore } from './open-existing-store.js';

/** A list short enough for a table cell. */
function shortList(values: readonly string[], most = 3): string {
  if (values.length === 0) return '-';
  const shown = values.slice(0, most).join(', ');
  return values.length > most ? `${shown} +${values.length - most}` : shown;
}

/** One run as `informal runs` reports it. */
interface RunListing {
  readonly id: string;
  readonly status: RunRecord['status'];
  /** When the run started, in milliseconds since 1970. */
  readonly createdAt: number;
  readonly samplesStored: number;
  /** The samples the run planned, where its plan says (absent for adaptive runs and runs without a plan). */
  readonly samplesPlanned?: number;
  readonly programs: readonly string[];
  readonly interpreters: readonly string[];
  readonly shard?: { readonly index: number; readonly count: number };
  /** True for a `running` run whose process on this machine is gone (killed or crashed). */
  readonly processGone?: boolean;
}

function listing(store: StoreReader, run: RunRecord, stored: number): RunListing {
  // The plan names every program the run set out to run; the program runs only those it reached.
  const programRuns =
    run.command.plan?.programRuns ??
    store.programRuns(run.id).map((record) => ({
      program: record.programName,
      interpreterId: record.interpreterId,
    }));
  const planned = run.command.plan ? plannedSamples(run.command.plan, run.shard) : undefined;
  return {
    id: run.id,
    status: run.status,
    createdAt: run.createdAt,
    samplesStored: stored,
    ...(planned !== undefined ? { samplesPlanned: planned } : {}),
    programs: [...new Set(programRuns.map((programRun) => programRun.program))],
    interpreters: [...new Set(programRuns.map((programRun) => programRun.interpreterId))],
    ...(run.shard ? { shard: { index: run.shard.index, count: run.shard.count } } : {}),
    ...(runProcessGone(run) ? { processGone: true } : {}),
  };
}

/** One run as the table shows it. */
function runRow(run: RunListing): string[] {
  return [
    run.id,
    run.processGone ? 'stopped' : run.status,
    describeTime(run.createdAt),
    run.samplesPlanned !== undefined ? `${run.samplesStored} of ${run.samplesPlanned}` : String(run.samplesStored),
    shortList(run.programs),
    shortList(run.interpreters),
    run.shard ? `${run.shard.index}/${run.shard.count}` : '',
  ];
}

/**
 * `informal runs [--store <path>] [--json]`: every run in the store, oldest first, with its status, start, samples
 * stored, programs and interpreters; then how to resume the latest run that is not complete. With `--json`, one
 * document `{ version: 1, store, runs: [...] }` instead. Exit code 0, or 2 when there is no store.
 */
export function runsCommand(storePath: string, io: CommandIo, options: { readonly json?: boolean } = {}): number {
  const store = openExistingStore(storePath, io);
  if (!store) return 2;
  try {
    const runs = store.listRuns();
    const counts = store.storedSampleCounts();
    const listings = runs.map((run) => listing(store, run, counts.get(run.id) ?? 0));
    if (options.json) {
      io.stdout(`${JSON.stringify({ version: 1, store: storePath, runs: listings }, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      io.stdout(`No runs in ${storePath} yet.\n`);
      return 0;
    }
    const sharded = runs.some((run) => run.shard);
    const rows = [
      ['run', 'status', 'started', 'samples', 'programs', 'interpreters', 'shard'],
      ...listings.map(runRow),
    ].map((row) => (sharded ? row : row.slice(0, -1)));
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
    for (const row of rows) {
      io.stdout(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd().concat('\n'));
    }
    if (listings.some((run) => run.processGone)) {
      io.stdout(
        '\nstopped: the run reads `running`, but its process on this machine is gone (killed or crashed before it could\nmark the run interrupted)\n',
      );
    }
    const unfinished = runs.filter((run) => run.status !== 'complete').at(-1);
    if (unfinished) {
      const inFolder = unfinished.command.cwd === io.cwd ? '' : `cd ${shellWord(unfinished.command.cwd)} && `;
      io.stdout(
        `\nThe latest run not complete is ${unfinished.id}; resume it with\n  ${inFolder}informal ${resumeCommandLine(unfinished.command.argv, 'latest')}\n`,
      );
    }
    return 0;
  } finally {
    store.close();
  }
}
