import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** A file read whole, or why it was not: not there, not a regular file, larger than allowed, or another failure. */
export type BoundedRead =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /** `missing`: no such file; `kind`: a folder, a FIFO, a device, a socket; `size`: over the limit. */
      readonly problem: 'missing' | 'kind' | 'size' | 'other';
      readonly reason: string;
    };

/** A limit in bytes as people read it: `16 MB`, `512 KB`, `100 bytes` (binary units, as the limits are set). */
export function formatByteLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** What a file is, for messages: `a folder`, `a FIFO (named pipe)`, … */
function kindOf(stats: import('node:fs').Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a regular file as UTF-8, at most `maxBytes` of it. The file is opened without blocking (so a FIFO cannot
 * hang the read) and checked on the open handle (so what is checked is what is read): a folder, a FIFO, a device
 * or a socket is refused, and so is a file larger than `maxBytes`, whether its size says so or, as for files whose
 * size is unknown until read (`/proc`), its content does. Never holds more than `maxBytes + 1` bytes. With
 * `noFollow`, a symbolic link at `path` itself is refused.
 */
export async function readBoundedFile(
  path: string,
  maxBytes: number,
  options: { readonly noFollow?: boolean } = {},
): Promise<BoundedRead> {
  let handle: import('node:fs/promises').FileHandle;
  // `noFollow` for a path already resolved: a link put in its place since is refused, not followed.
  const noFollow = options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | noFollow);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, problem: 'kind', reason: 'it became a symbolic link while it was read' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing', reason: 'no such file' };
    if (code === 'EISDIR') return { ok: false, problem: 'kind', reason: 'it is a folder' };
    if (code === 'ENXIO') return { ok: false, problem: 'kind', reason: 'it is a socket or a FIFO' };
    return { ok: false, problem: 'other', reason: (error as Error).message };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, problem: 'kind', reason: `it is ${kindOf(stats)}, not a regular file` };
    const limit = formatByteLimit(maxBytes);
    if (stats.size > maxBytes) return { ok: false, problem: 'size', reason: `it is larger than ${limit}` };
    // The size said is not trusted: the file may grow, and some (in /proc) say 0. One byte past the limit is enough.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(stats.size, 64 * 1024)) + 1);
    let chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, maxBytes + 1 - total), null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > maxBytes) {
        chunks = [];
        return { ok: false, problem: 'size', reason: `it is larger than ${limit}` };
      }
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, problem: 'kind', reason: 'it is a folder' };
    return { ok: false, problem: 'other', reason: (error as Error).message };
  } finally {
    await handle.close();
  }
}
