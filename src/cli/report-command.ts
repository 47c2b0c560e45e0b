import { resolve } from 'node:path';
import { fileWriter } from '../report/file-writer.js';
import { buildReportModel } from '../report/html/build-report-model.js';
import { renderHtmlReport } from '../report/html/render-html-report.js';
import { readStoredRun } from '../report/stored-run.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { summarizeStoredRun } from '../runner/stored-summary.js';
import type { CommandIo } from './command-io.js';
import { openExistingStore, resolveRunIds } from './open-existing-store.js';
import { toolVersion } from './tool-version.js';

export interface ReportCommandOptions {
  /** The HTML file to write. */
  readonly html: string;
  readonly store: string;
}

/**
 * `informal report [runs…] --html <file>`: the HTML report of runs in the store (`latest` by default), summarised
 * again from the stored samples. Several runs go in one report, so that curves of one program on several
 * interpreters share a chart and their crossovers are shown.
 */
export async function reportCommand(
  runs: readonly string[],
  options: ReportCommandOptions,
  io: CommandIo,
): Promise<number> {
  const store = openExistingStore(options.store, io);
  if (!store) return 2;
  try {
    const ids = resolveRunIds(store, runs.length > 0 ? runs : ['latest'], io);
    if (!ids) return 2;
    const summaries: ProgramSummary[] = [];
    const unchecked = new Set<ProgramSummary>();
    const notes = [
      'Read back from the store: interpreter descriptions, sampling settings, warnings and the steps of failed calls are not kept there.',
    ];
    const statuses = new Set<string>();
    for (const id of ids) {
      const stored = readStoredRun(store, id);
      if (stored.length === 0) notes.push(`run ${id} holds no programs`);
      for (const programRun of stored) {
        const { summary, checked, notes: more } = await summarizeStoredRun(programRun);
        summaries.push(summary);
        if (!checked) unchecked.add(summary);
        else statuses.add(summary.status);
        notes.push(...more);
      }
      const status = store.getRun(id)?.status;
      if (status && status !== 'complete') statuses.add(status);
    }
    const status = statuses.has('failed')
      ? 'failed'
      : statuses.has('interrupted') || statuses.has('running') || statuses.has('partial')
        ? 'partial'
        : statuses.has('passed')
          ? 'passed'
          : 'unchecked';
    const model = buildReportModel(summaries, {
      title: `informal report ${ids.join(', ')}`,
      toolVersion,
      runIds: ids,
      status,
      notes,
      unchecked,
    });
    let failed = false;
    const target = resolve(io.cwd, options.html);
    fileWriter(target, (message) => {
      failed = true;
      io.stderr(`error: ${message}\n`);
    })(renderHtmlReport(model));
    if (failed) return 2;
    io.stderr(`Wrote ${options.html}: ${summaries.length} program runs from ${ids.join(', ')}\n`);
    return 0;
  } finally {
    store.close();
  }
}
