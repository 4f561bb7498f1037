import { Worker } from 'node:worker_threads';
import type { RemovalResult, WriteResult } from '../store.js';
import type { BatchWriter } from './batch-writer.js';
import { builtScript } from './built-script.js';
import type { ConnectionOptions } from './connection.js';
import type { EncodedBatch } from './row-encoder.js';
import type { Removal } from './row-remover.js';
import { deserializeError, type WriterReply, type WriterRequest } from './writer-messages.js';

/** The writer thread ended while writes were under way; none of them is known to have committed. */
export class SqliteWriterExitedError extends Error {
  override readonly name = 'SqliteWriterExitedError';
}

interface PendingRequest {
  resolve(result: WriteResult | RemovalResult): void;
  reject(error: Error): void;
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
 * commits, checkpoints) runs beside the calling thread's decoding and encoding. The thread starts
 * with the first write, and again with the next write after it died. It keeps the process alive
 * only while writes are under way.
 */
export class ThreadWriter implements BatchWriter {
  readonly #script: string;
  readonly #options: ConnectionOptions;
  readonly #pending = new Map<number, PendingRequest>();
  #worker: Worker | null = null;
  #nextId = 0;
  /** Set by `close`: the thread must then keep the process alive until it has closed the file. */
  #closing = false;

  /** @throws Error when the worker script is not built. */
  constructor(options: ConnectionOptions) {
    this.#script = writerThreadScript();
    this.#options = options;
  }

  apply(batch: EncodedBatch): Promise<WriteResult> {
    return this.#request((id) => ({ kind: 'write', id, batch })) as Promise<WriteResult>;
  }

  remove(removal: Removal): Promise<RemovalResult> {
    return this.#request((id) => ({ kind: 'remove', id, removal })) as Promise<RemovalResult>;
  }

  #request(message: (id: number) => WriterRequest): Promise<WriteResult | RemovalResult> {
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    worker.postMessage(message(id));
    if (this.#pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (worker === null) return;
    this.#closing = true;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref();
    const request: WriterRequest = { kind: 'close' };
    worker.postMessage(request);
    await exited;
  }

  #start(): Worker {
    const worker = new Worker(this.#script, {
      workerData: this.#options,
      execArgv: withoutSourceCondition(process.execArgv),
    });
    worker.unref();
    let failure: Error | undefined;
    worker.on('message', (reply: WriterReply) => this.#settle(worker, reply));
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = null;
      if (this.#pending.size === 0) return;
      const error = new SqliteWriterExitedError(
        `the SQLite writer thread exited (code ${code})${failure === undefined ? '' : `: ${failure.message}`}`,
        { cause: failure },
      );
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const write of pending) write.reject(error);
    });
    this.#worker = worker;
    return worker;
  }

  #settle(worker: Worker, reply: WriterReply): void {
    const write = this.#pending.get(reply.id);
    if (write === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0 && !this.#closing) worker.unref();
    if ('error' in reply) write.reject(deserializeError(reply.error));
    else write.resolve(reply.result);
  }
}

/**
 * The worker's options without the `sextant-source` export condition: the worker runs the built
 * script, whose imports of other workspace packages must resolve to built code too, even when its
 * caller runs from TypeScript sources under test.
 */
function withoutSourceCondition(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index++) {
    const arg = execArgv[index]!;
    if (arg === '--conditions=sextant-source' || arg === '-C=sextant-source') continue;
    if ((arg === '--conditions' || arg === '-C') && execArgv[index + 1] === 'sextant-source') {
      index++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}
