import type { RemovalResult, WriteResult } from '../store.js';
import type { BatchWriter } from './batch-writer.js';
import { builtScript } from './built-script.js';
import type { ConnectionOptions } from './connection.js';
import type { EncodedBatch } from './row-encoder.js';
import type { Removal } from './row-remover.js';
import { WorkerChannel } from './worker-channel.js';
import type { WriterRequest } from './writer-messages.js';

/** The writer thread ended while writes were under way; none of them is known to have committed. */
export class SqliteWriterExitedError extends Error {
  override readonly name = 'SqliteWriterExitedError';
}

/** The package's own export of the built worker script (a worker cannot start on a `.ts` file). */
const WRITER_THREAD_EXPORT = '@sextant/store/sqlite-writer-thread';

/**
 * The file of the writer thread's script, the built one even when this module runs from source.
 * @throws Error saying what to do when it is not built.
 */
export function writerThreadScript(specifier = WRITER_THREAD_EXPORT): string {
  return builtScript(
    specifier,
    "the SQLite writer thread's script",
    ", or open the store with writer: 'inline'",
  );
}

/**
 * Commits batches on a worker thread with its own connection, so that SQLite's work (inserts,
 * indexing, commits, checkpoints) runs beside the calling thread's decoding and encoding, in the
 * order of the calls. The thread starts with the first write, and again after it died.
 */
export class ThreadWriter implements BatchWriter {
  readonly #channel: WorkerChannel<WriterRequest>;

  /** @throws Error when the worker script is not built. */
  constructor(options: ConnectionOptions) {
    this.#channel = new WorkerChannel(
      writerThreadScript(),
      options,
      (message, failure) =>
        new SqliteWriterExitedError(`the SQLite writer thread ${message}`, { cause: failure }),
    );
  }

  apply(batch: EncodedBatch): Promise<WriteResult> {
    return this.#channel.request((id) => ({ kind: 'write', id, batch })) as Promise<WriteResult>;
  }

  remove(removal: Removal): Promise<RemovalResult> {
    return this.#channel.request((id) => ({ kind: 'remove', id, removal })) as Promise<RemovalResult>;
  }

  close(): Promise<void> {
    return this.#channel.close({ kind: 'close' });
  }
}
