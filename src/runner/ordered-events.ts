import { EventEmitter } from 'eventemitter3';
import type { RunEvents } from '../contracts/run-events.js';

/**
 * The events of one program run of a suite, held back until the reporters may hear them. A suite runs a program
 * while earlier ones still finish, but reporters hear each program whole and in suite order: the engine emits here
 * from the start, every event is kept (in order) until `open()`, which replays them to the listeners then
 * registered, and from then on events pass straight through.
 */
export class OrderedEvents extends EventEmitter<RunEvents> {
  /** The events emitted before `open()`, as replays; undefined once open. */
  #held: (() => unknown)[] | undefined = [];

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

  /** Replays the events held so far to the listeners registered now, in the order they came; then passes through. */
  open(): void {
    const held = this.#held;
    if (held === undefined) return;
    // A listener may emit in turn: what it emits joins the end of the replay, after what came before it.
    for (let index = 0; index < held.length; index++) held[index]?.();
    this.#held = undefined;
  }
}
