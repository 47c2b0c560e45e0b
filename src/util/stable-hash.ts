import { createHash } from 'node:crypto';

/** SHA-256 of the parts, joined with a separator no part can contain ambiguously (each is length-prefixed). */
function digest(parts: readonly (string | number)[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) {
    const text = String(part);
    hash.update(`${text.length}:${text};`);
  }
  return hash.digest();
}

/** A stable 31-bit non-negative integer from the parts: the same parts give the same number on every machine. */
export function hashToUint31(...parts: readonly (string | number)[]): number {
  return digest(parts).readUInt32BE(0) >>> 1;
}

/** A stable number in [0, 1) from the parts, with 53 bits of resolution. */
export function hashToUnit(...parts: readonly (string | number)[]): number {
  const bytes = digest(parts);
  const high = bytes.readUInt32BE(0) >>> 5; // 27 bits
  const low = bytes.readUInt32BE(4) >>> 6; // 26 bits
  return (high * 2 ** 26 + low) / 2 ** 53;
}

/**
 * Mixes a 31-bit base with a counter into a well-spread 31-bit number (murmur3's finaliser on both halves). Stable,
 * and cheap enough to call once per sample where a SHA-256 per sample would dominate the run's cost.
 */
export function mixToUint31(base: number, counter: number): number {
  let h = (base ^ Math.imul(counter + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ counter, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 1;
}

/** `mixToUint31` scaled to a number in [0, 1). */
export function mixToUnit(base: number, counter: number): number {
  return mixToUint31(base, counter) / 2 ** 31;
}
