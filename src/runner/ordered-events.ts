import { EventEmitter } from 'eventemitter3';
import type { RunEvents } from '../contracts/run-events.js';
import type { EventInterest } from './event-interest.js';

/**
 * The events of one program run of a suite, held back until the reporters may hear them. A suite runs a program
 * while earlier ones still finish, but reporters hear each program whole and in suite order: the engine emits here
 * from the start, every event is kept (in order) until `open()`, which replays them to the listeners then
 * registered, and from then on events pass straight through. Until then it counts, for each event, the listeners
 * the reporters had on the programs opened before (`interest`), so that the engine builds the events they will hear.
 */
export class OrderedEvents extends EventEmitter<RunEvents> {
  /** Events held, beyond which the run is to wait for `open()` before drawing more (see `room`). */
  static readonly holdLimit = 10_000;
  /** The events emitted before `open()`, as replays; undefined once open. */
  #held: (() => unknown)[] | undefined = [];
  #opened: (() => void) | undefined;
  #released = false;
  readonly #whenOpen = new Promise<void>((resolve) => {
    this.#opened = resolve;
  });

  constructor(private readonly interest: EventInterest) {
    super();
  }

  /** True once the events pass straight through to the listeners. */
  get isOpen(): boolean {
    return this.#held === undefined;
  }

  override emit<Name extends EventEmitter.EventNames<RunEvents>>(
    event: Name,
    ...args: EventEmitter.EventArgs<RunEvents, Name>
  ): boolean {
    if (this.#held === undefined) return super.emit(event, ...args);
    this.#held.push(() => super.emit(event, ...args));
    return true;
  }

  override listenerCount(event: EventEmitter.EventNames<RunEvents>): number {
    return this.#held === undefined ? super.listenerCount(event) : this.interest.listenerCount(event);
  }

  /**
   * What a run emitting here waits for before drawing another sample: nothing (undefined) while it is open or holds
   * fewer than `holdLimit` events, else its opening. So a program that runs ahead of a slow one before it holds at
   * most that many events (each sample's carries its trace), not all of its samples'.
   */
  room(): Promise<void> | undefined {
    return this.#held !== undefined && !this.#released && this.#held.length >= OrderedEvents.holdLimit
      ? this.#whenOpen
      : undefined;
  }

  /** Lets a run waiting for `room` go on without opening: a suite that failed stops its runs and tells of none. */
  release(): void {
    this.#released = true;
    this.#opened?.();
  }

  /** Replays the events held so far to the listeners registered now, in the order they came; then passes through. */
  open(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    this.interest.learn(this);
    for (const replay of held) replay();
    this.#opened?.();
  }
}
