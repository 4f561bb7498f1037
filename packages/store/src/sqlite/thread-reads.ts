import { builtScript } from './built-script.js';
import type { ConnectionOptions } from './connection.js';
import type { ReaderRequest } from './reader-messages.js';
import type { ReadArgument, ReadMethod, ReadResult } from './sqlite-reads.js';
import { WorkerChannel } from './worker-channel.js';

/** A reader thread ended while reads were under way (the next read starts a new one). */
export class SqliteReaderExitedError extends Error {
  override readonly name = 'SqliteReaderExitedError';
}

const READER_THREAD_EXPORT = '@sextant/store/sqlite-reader-thread';

/**
 * Runs reads on a few worker threads, each with its own connection, so that a long search or
 * analytics read never holds the thread that serves HTTP and decodes ingest. A read goes to the
 * thread with the fewest reads under way.
 */
export class ThreadReads {
  readonly #channels: WorkerChannel<ReaderRequest>[];

  /** @throws Error when the worker script is not built. */
  constructor(options: ConnectionOptions, threads: number) {
    const script = builtScript(READER_THREAD_EXPORT, "the SQLite reader thread's script");
    this.#channels = Array.from(
      { length: threads },
      () =>
        new WorkerChannel<ReaderRequest>(
          script,
          options,
          (message, failure) =>
            new SqliteReaderExitedError(`a SQLite reader thread ${message}`, { cause: failure }),
        ),
    );
  }

  read<M extends ReadMethod>(method: M, argument: ReadArgument<M>): Promise<ReadResult<M>> {
    let channel = this.#channels[0]!;
    for (const other of this.#channels) if (other.pending < channel.pending) channel = other;
    return channel.request((id) => ({ kind: 'read', id, method, argument })) as Promise<ReadResult<M>>;
  }

  async close(): Promise<void> {
    await Promise.all(this.#channels.map((channel) => channel.close({ kind: 'close' })));
  }
}
