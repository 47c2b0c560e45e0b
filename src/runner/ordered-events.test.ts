import { describe, expect, it } from 'vitest';
import { EventInterest } from './event-interest.js';
import { OrderedEvents } from './ordered-events.js';

const base = { runId: 'r', timestamp: 1 };

describe('OrderedEvents', () => {
  it('holds events until open, replays them in order to the listeners then registered, then passes through', () => {
    const events = new OrderedEvents(new EventInterest());
    const heard: string[] = [];
    events.emit('run-start', {
      ...base,
      programName: 'p',
      interpreterId: 'i',
      cases: 1,
      samplesPerCase: 1,
      planned: 1,
    });
    events.emit('case-start', { ...base, caseId: 'c0' });
    events.on('run-start', () => heard.push('run-start'));
    events.on('case-start', (event) => heard.push(`case-start ${event.caseId}`));
    events.on('case-end', (event) => heard.push(`case-end ${event.caseId}`));
    expect(heard).toEqual([]);
    expect(events.isOpen).toBe(false);
    events.open();
    expect(heard).toEqual(['run-start', 'case-start c0']);
    events.emit('case-end', { ...base, caseId: 'c0', samples: 1, successes: 1 });
    expect(heard).toEqual(['run-start', 'case-start c0', 'case-end c0']);
    events.open();
    expect(heard).toHaveLength(3);
  });

  it('counts, while held, the listeners the programs opened before had, so the engine builds those events', () => {
    const interest = new EventInterest();
    const first = new OrderedEvents(interest);
    const later = new OrderedEvents(interest);
    expect(later.listenerCount('sample-end')).toBe(0);
    first.on('sample-end', () => {});
    first.on('sample-end', () => {});
    first.open();
    expect(later.listenerCount('sample-end')).toBe(2);
    expect(later.listenerCount('token')).toBe(0);
    later.on('score', () => {});
    later.open();
    // Once open, the count is its own.
    expect(later.listenerCount('sample-end')).toBe(0);
    expect(later.listenerCount('score')).toBe(1);
  });

  it('asks the run to wait once it holds its limit of events, until it opens or is released', async () => {
    const events = new OrderedEvents(new EventInterest());
    const caseStart = () => events.emit('case-start', { ...base, caseId: 'c0' });
    for (let held = 0; held < OrderedEvents.holdLimit - 1; held++) caseStart();
    expect(events.room()).toBeUndefined();
    caseStart();
    const waiting = events.room();
    expect(waiting).toBeInstanceOf(Promise);
    let heard = 0;
    events.on('case-start', () => heard++);
    events.open();
    await waiting;
    expect(heard).toBe(OrderedEvents.holdLimit);
    expect(events.room()).toBeUndefined();

    const stopped = new OrderedEvents(new EventInterest());
    for (let held = 0; held < OrderedEvents.holdLimit; held++) stopped.emit('case-start', { ...base, caseId: 'c0' });
    const paused = stopped.room();
    stopped.release();
    await paused;
    expect(stopped.isOpen).toBe(false);
    expect(stopped.room()).toBeUndefined();
  });
});
