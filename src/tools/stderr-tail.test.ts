import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { StderrTail } from './stderr-tail.js';

test('keeps the last lines within its bound, whole once the stream ends', async () => {
  const stream = new PassThrough();
  const tail = new StderrTail(40);
  tail.attach(stream);
  stream.write('an early line that falls out of the bound\n');
  stream.write('second\r\n\n   \nthird  \n');
  stream.end('fourth');
  await tail.settled(600_000);
  expect(tail.lines()).toEqual(['second', 'third', 'fourth']);
  expect(tail.lines(2)).toEqual(['third', 'fourth']);
});

test('a missing stream is settled at once and has no lines', async () => {
  const tail = new StderrTail();
  tail.attach(null);
  await tail.settled(600_000);
  expect(tail.lines()).toEqual([]);
});
