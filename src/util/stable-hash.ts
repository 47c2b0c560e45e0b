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
