import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { storeFailure } from './store-open-error.js';
import { batchWriter, type WriteBatch } from './write-batch.js';

/** Where the store's batches go: written here, or by a writer thread. */
export interface BatchSink {
  /** Hands a batch over; `wait` returns only once it is durable. */
  write(batch: WriteBatch, wait: boolean): void;
  /** Returns once every batch handed over is durable. */
  drain(): void;
  /** Resolves once every batch handed over is durable, leaving the thread free meanwhile. */
  drained(): Promise<void>;
  close(): void;
}

/** Writes batches on the calling thread. A failure to write stops every later write: see `threadSink`. */
export function inlineSink(database: Database.Database, path: string): BatchSink {
  const write = batchWriter(database);
  let failed: Error | undefined;
  return {
    write(batch) {
      if (failed) throw failed;
      try {
        write(batch);
      } catch (error) {
        failed = storeFailure(path, error) ?? (error as Error);
        throw failed;
      }
    },
    drain: () => {
      if (failed) throw failed;
    },
    drained: async () => {
      if (failed) throw failed;
    },
    close: () => {},
  };
}

/** The compiled writer thread beside this module, when it exists (it does in the built package). */
const workerUrl = new URL('./store-writer-worker.js', import.meta.url);
export const writerThreadAvailable = existsSync(fileURLToPath(workerUrl));

/** Batches handed to the writer thread and not yet committed, beyond which handing over another waits. */
const batchesInFlight = 4;

/**
 * Writes batches on a worker thread with its own connection, so that SQLite's work runs beside the sampling instead
 * of inside it. `drain` blocks (Atomics.wait) until the thread has committed every batch handed over, which keeps
 * the store's synchronous contract. A sampler faster than the disk waits once `batchesInFlight` batches are queued,
 * so that the queue, and memory, stay bounded.
 */
export function threadSink(path: string): BatchSink {
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const failure = new Uint8Array(new SharedArrayBuffer(4096));
  // No flags of the parent's (`--input-type`, `--eval` options) are meant for the writer, and some stop it starting.
  const worker = new Worker(workerUrl, { workerData: { path, progress, failure }, execArgv: [] });
  worker.unref();
  let sent = 0;
  /** Throws what the writer failed with, if it failed. */
  const checkFailure = () => {
    if (Atomics.load(progress, 1) === 1) {
      const [code, message] = new TextDecoder().decode(failure.slice()).replace(/\0+$/, '').split('\n', 2);
      const error = Object.assign(new Error(message), { code });
      throw storeFailure(path, error) ?? new Error(`the store's writer failed: ${message} (${code})`);
    }
  };
  const drain = (upTo = sent) => {
    while (Atomics.load(progress, 0) < upTo) Atomics.wait(progress, 0, Atomics.load(progress, 0), 1000);
    checkFailure();
  };
  // `drained` waits for the writer's word that a batch is done, keeping the process alive meanwhile (the writer
  // is unref'd otherwise, so that an idle store never holds a process open).
  const waiters: { readonly upTo: number; readonly resolve: () => void }[] = [];
  worker.on('message', (message: { done?: number }) => {
    if (message.done === undefined) return;
    for (const waiter of waiters.filter((waiting) => waiting.upTo <= (message.done as number))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (waiters.length === 0) worker.unref();
  });
  const drained = async () => {
    const upTo = sent;
    if (Atomics.load(progress, 0) < upTo) {
      worker.ref();
      // The writer posts its word after it records its progress: a batch not done at the check above is yet to
      // send it, so the waiter hears it.
      await new Promise<void>((resolve) => waiters.push({ upTo, resolve }));
    }
    checkFailure();
  };
  return {
    write(batch, wait) {
      sent++;
      worker.postMessage({ id: sent, batch });
      drain(wait ? sent : sent - batchesInFlight);
    },
    drain: () => drain(),
    drained,
    close() {
      drain();
      worker.postMessage({ close: true });
    },
  };
}
