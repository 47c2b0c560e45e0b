import type { EventEmitter } from 'eventemitter3';
import type { RunEvents } from '../contracts/run-events.js';
import type { Program } from '../program/program.js';
import type { Reporter, WriteText } from '../runner/reporter.js';
import { formatDuration } from './format-number.js';

export interface ProgressReporterOptions {
  /** Where progress goes: standard error. */
  readonly write: WriteText;
  /** A terminal gets a live line redrawn in place; anything else gets a plain line every `intervalMs`. */
  readonly interactive: boolean;
  readonly intervalMs?: number;
  readonly clock?: () => number;
}

/**
 * Shows progress while a program runs: samples done of planned, rate, time left, errors and cache hits. On a
 * terminal it redraws one line about ten times a second; elsewhere (CI) it prints a plain line now and then, and
 * nothing at all for runs shorter than that.
 */
export function createProgressReporter(options: ProgressReporterOptions): Reporter {
  const clock = options.clock ?? Date.now;
  const interval = options.intervalMs ?? (options.interactive ? 100 : 10_000);
  return {
    onProgramStart(program: Program, events: EventEmitter<RunEvents>) {
      let planned = 0;
      let done = 0;
      let errors = 0;
      let cached = 0;
      let started = clock();
      let lastDrawn = started;
      let drawn = false;
      const line = () => {
        const elapsed = Math.max(1, clock() - started);
        const rate = (done * 1000) / elapsed;
        const left = rate > 0 ? ((planned - done) / rate) * 1000 : 0;
        const width = 20;
        const filled = planned > 0 ? Math.round((done / planned) * width) : 0;
        const bar = options.interactive ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ` : '';
        return `${program.name} ${bar}${done}/${planned} · ${rate.toFixed(0)}/s · ${formatDuration(left)} left · ${errors} errors · ${cached} cached`;
      };
      const draw = (force: boolean) => {
        const now = clock();
        if (!force && now - lastDrawn < interval) return;
        lastDrawn = now;
        drawn = true;
        options.write(options.interactive ? `\r\u001b[2K${line()}` : `${line()}\n`);
      };
      events.on('run-start', (event) => {
        planned = event.planned;
        started = event.timestamp;
        lastDrawn = started;
      });
      events.on('sample-end', (event) => {
        done++;
        if (event.cached) cached++;
        draw(false);
      });
      events.on('error', () => errors++);
      events.on('run-end', () => {
        if (options.interactive && drawn) options.write('\r\u001b[2K');
      });
    },
  };
}
