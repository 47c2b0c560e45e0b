import { randomBytes } from 'node:crypto';

/** A run id that sorts by time and reads as one: `20261127-053012-4f2a9c`, the UTC start and a random tail. */
export function newRunId(now: number = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
