import type { Program } from '../program/program.js';
import { getOrCreate } from '../util/get-or-create.js';
import { EventInterest } from './event-interest.js';
import { OrderedEvents } from './ordered-events.js';
import type { ProgramSummary } from './program-summary.js';

/** One run of a suite: a program on one of the suite's interpreters. */
export interface ScheduledRun {
  readonly program: Program;
  /** The interpreter's name in the suite. */
  readonly name: string;
  /**
   * Runs on the same lane share one limit of calls in flight (the interpreter's): each starts as soon as the one
   * before it on the lane has started all its samples, and fills the slots that one's last samples leave.
   */
  readonly lane: string;
}

/** Why a run of the schedule was not started. */
export type NotStartedReason = 'not-run' | 'stopped';

/** What the scheduler runs, and what it tells as runs start and end. */
export interface SuiteSchedule {
  /** Every run, in suite order: the order in which reporters hear of them. */
  readonly runs: readonly ScheduledRun[];
  /** One run at a time, in suite order, each once the one before it was reported (as `bail` needs). */
  readonly oneAtATime: boolean;
  /** Asked just before a run would start: why it must not (`undefined` starts it). */
  readonly holdBack: () => NotStartedReason | undefined;
  /**
   * Starts a run, its engine emitting into `events`; it calls `allStarted` once every sample it will draw has
   * started (or never, when it signals its end only by resolving).
   */
  readonly start: (run: ScheduledRun, events: OrderedEvents, allStarted: () => void) => Promise<ProgramSummary>;
  /** In suite order, when a started run comes first among the runs not yet reported: its reporters subscribe here. */
  readonly onRunStart: (run: ScheduledRun, events: OrderedEvents) => void;
  /** In suite order, once the run ended and every event of it reached the reporters; awaited. */
  readonly onRunEnd: (run: ScheduledRun, summary: ProgramSummary) => Promise<void>;
  /** In suite order, for a run that was not started. */
  readonly onNotStarted: (run: ScheduledRun, reason: NotStartedReason) => void;
  /** Once, when a run (or a hook) throws: no run starts after it, and those in flight should stop. */
  readonly onFailure: () => void;
}

interface Deferred<Value> {
  readonly promise: Promise<Value>;
  readonly resolve: (value: Value) => void;
}

function deferred<Value>(): Deferred<Value> {
  let resolve: (value: Value) => void = () => {};
  const promise = new Promise<Value>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** What became of a run when its lane reached it. */
type Launch =
  | { readonly kind: 'started'; readonly events: OrderedEvents; readonly summary: Promise<ProgramSummary> }
  | { readonly kind: NotStartedReason };

/**
 * Runs a suite's program runs as one stream of samples per interpreter, and tells of them in suite order.
 *
 * Each lane (an interpreter's limit) starts its runs in suite order, the next as soon as the one before it has
 * started all its samples, so the samples of consecutive programs queue for the interpreter's slots without a gap
 * and the programs end mostly in suite order. Lanes run side by side. Each run's events are held (`OrderedEvents`)
 * until every run before it was reported, then replayed and passed through: reporters hear one program at a time,
 * whole, in suite order, and `onRunEnd` comes in suite order after each run's last event.
 *
 * Resolves once every run started has ended and been told; rejects with the first error a run or a hook threw,
 * after the runs in flight have ended (`onFailure` asks them to stop).
 */
export async function runSchedule(schedule: SuiteSchedule): Promise<void> {
  const { runs } = schedule;
  const launches = runs.map(() => deferred<Launch>());
  const reported = runs.map(() => deferred<void>());
  let failure: { readonly error: unknown } | undefined;
  // The run the reporters are told of now: every run before it was reported.
  let head = 0;
  const interest = new EventInterest();
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    schedule.onFailure();
  };

  const lanes = new Map<string, number[]>();
  for (const [index, run] of runs.entries())
    getOrCreate(lanes, schedule.oneAtATime ? '' : run.lane, () => []).push(index);

  const driveLane = async (indices: readonly number[]) => {
    for (const index of indices) {
      const run = runs[index] as ScheduledRun;
      const launch = launches[index] as Deferred<Launch>;
      const reason = failure ? 'stopped' : schedule.holdBack();
      if (reason) {
        launch.resolve({ kind: reason });
        continue;
      }
      const events = new OrderedEvents(interest);
      // The run reporters are to hear next hears from its start, as a suite of one program always did.
      if (index === head) {
        try {
          open(run, events);
        } catch (error) {
          fail(error);
          launch.resolve({ kind: 'stopped' });
          continue;
        }
      }
      const allStarted = deferred<void>();
      const summary = schedule.start(run, events, () => allStarted.resolve());
      launch.resolve({ kind: 'started', events, summary });
      const settled = summary.then(
        () => undefined,
        () => undefined,
      );
      await (schedule.oneAtATime
        ? (reported[index] as Deferred<void>).promise
        : Promise.race([allStarted.promise, settled]));
    }
  };

  const open = (run: ScheduledRun, events: OrderedEvents) => {
    schedule.onRunStart(run, events);
    events.open();
  };

  const tell = async () => {
    for (const [index, run] of runs.entries()) {
      head = index;
      let running: Promise<ProgramSummary> | undefined;
      let held: OrderedEvents | undefined;
      try {
        const launch = await (launches[index] as Deferred<Launch>).promise;
        if (launch.kind !== 'started') {
          if (!failure) schedule.onNotStarted(run, launch.kind);
          continue;
        }
        running = launch.summary;
        held = launch.events;
        if (!launch.events.isOpen) {
          // After a failure nothing more is told, but a run waiting for its events to be heard must still end.
          if (failure) launch.events.release();
          else open(run, launch.events);
        }
        const summary = await launch.summary;
        if (!failure) await schedule.onRunEnd(run, summary);
      } catch (error) {
        fail(error);
        held?.release();
        // A run is never left behind: the schedule ends when every run it started has.
        await running?.then(
          () => undefined,
          () => undefined,
        );
      } finally {
        (reported[index] as Deferred<void>).resolve();
      }
    }
  };

  await Promise.all([tell(), ...[...lanes.values()].map(driveLane)]);
  if (failure) throw failure.error;
}
