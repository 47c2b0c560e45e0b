// The store's writer thread: applies batches to the SQLite file and tells the main thread how far it got.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { batchWriter, configureConnection, type WriteBatch } from './write-batch.js';

interface WriterData {
  readonly path: string;
  /** [0]: id of the last batch handled; [1]: 1 after a failure. */
  readonly progress: Int32Array;
  /** The first failure's code and message (`code\nmessage`), UTF-8, for the main thread to read while it waits. */
  readonly failure: Uint8Array;
}

const { path, progress, failure } = workerData as WriterData;
const database = new Database(path);
configureConnection(database);
const write = batchWriter(database);

parentPort?.on('message', (message: { id: number; batch: WriteBatch } | { close: true }) => {
  if ('close' in message) {
    database.close();
    parentPort?.close();
    return;
  }
  // After a failure nothing more is written: a file that failed once (damaged, or full) is left as it was.
  if (Atomics.load(progress, 1) === 0) {
    try {
      write(message.batch);
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? 'ERROR');
      new TextEncoder().encodeInto(`${code}\n${(error as Error).message.slice(0, 1000)}`, failure);
      Atomics.store(progress, 1, 1);
    }
  }
  Atomics.store(progress, 0, message.id);
  Atomics.notify(progress, 0);
  // For a thread that waits without blocking (`drained`): the word that this batch is done.
  parentPort?.postMessage({ done: message.id });
});
