import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServerSentEvents } from './server-sent-events.js';

/** The data of every event in `pieces`, fed in order. */
function eventsOf(pieces: readonly string[]): string[] {
  const events = new ServerSentEvents();
  const seen: string[] = [];
  for (const piece of pieces) {
    events.push(piece, (data) => {
      seen.push(data);
      return true;
    });
  }
  return seen;
}

describe('ServerSentEvents', () => {
  it('reads data lines, joining those of one event, and skips comments and other fields', () => {
    const stream =
      ': a comment\n\nevent: delta\nid: 7\ndata: {"a":1}\n\ndata:two\ndata:  lines\n\nretry: 10\n\ndata\n\n';
    expect(eventsOf([stream])).toEqual(['{"a":1}', 'two\n lines', '']);
  });

  it('takes \\n, \\r\\n and \\r as line ends, and drops an event the stream did not end', () => {
    expect(eventsOf(['data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d'])).toEqual(['a', 'b', 'c']);
  });

  it('gives the same events however the stream is split, a \\r\\n split in two included', () => {
    const stream = 'data: {"x":"é ✓"}\r\n\r\n: ping\n\ndata: second\rdata: part\r\rdata: [DONE]\n\n';
    const expected = eventsOf([stream]);
    expect(expected).toEqual(['{"x":"é ✓"}', 'second\npart', '[DONE]']);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 })), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const pieces = points.slice(1).map((end, index) => stream.slice(points[index], end));
        expect(eventsOf(pieces)).toEqual(expected);
      }),
    );
  });

  it('stops at once when the listener says so, and tells the caller', () => {
    const events = new ServerSentEvents();
    const seen: string[] = [];
    const wentOn = events.push('data: 1\n\ndata: 2\n\ndata: 3\n\n', (data) => {
      seen.push(data);
      return data !== '2';
    });
    expect([wentOn, seen]).toEqual([false, ['1', '2']]);
  });
});
