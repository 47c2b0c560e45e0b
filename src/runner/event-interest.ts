import type { EventEmitter } from 'eventemitter3';
import type { RunEvents } from '../contracts/run-events.js';

/**
 * Which run events a suite's reporters listen to, learnt from the programs they were told of. The engine builds
 * per-sample events (and streams tokens) only for events someone listens to, and decides when a program starts:
 * a program started before its reporters subscribe (its events held, see `OrderedEvents`) is built for what they
 * listened to on the programs before it, since the same reporters subscribe to each program alike.
 */
export class EventInterest {
  readonly #listeners = new Map<keyof RunEvents, number>();

  /** Notes the listeners `events` has now, for each event. */
  learn(events: EventEmitter<RunEvents>): void {
    for (const name of events.eventNames()) {
      const count = events.listenerCount(name);
      if (count > (this.#listeners.get(name) ?? 0)) this.#listeners.set(name, count);
    }
  }

  /** The most listeners any program learnt from had for `name`; 0 when none listened. */
  listenerCount(name: keyof RunEvents): number {
    return this.#listeners.get(name) ?? 0;
  }
}
