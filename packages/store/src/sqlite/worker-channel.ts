import { Worker } from 'node:worker_threads';
import type { ConnectionOptions } from './connection.js';
import { deserializeError, type SerializedError } from './thread-errors.js';

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** What a worker answers, one reply per request, by the request's id. */
type Reply = { id: number; result: unknown } | { id: number; error: SerializedError };

/**
 * Requests to a worker thread that opens its own connection to the store's file: it starts with
 * the first request, and again with the next request after it died (whose pending requests fail
 * with `exitError`). It keeps the process alive only while requests are under way, or closing.
 */
export class WorkerChannel<Request extends { kind: string }> {
  readonly #script: string;
  readonly #options: ConnectionOptions;
  readonly #exitError: (message: string, failure: Error | undefined) => Error;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #nextId = 0;
  #closing = false;

  constructor(
    script: string,
    options: ConnectionOptions,
    exitError: (message: string, failure: Error | undefined) => Error,
  ) {
    this.#script = script;
    this.#options = options;
    this.#exitError = exitError;
  }

  /** Requests under way. */
  get pending(): number {
    return this.#pending.size;
  }

  request(message: (id: number) => Request): Promise<unknown> {
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    worker.postMessage(message(id));
    if (this.#pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  /** Sends the closing request, handled after every request before it, and waits for the exit. */
  async close(message: Request): Promise<void> {
    const worker = this.#worker;
    if (worker === null) return;
    this.#closing = true;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref();
    worker.postMessage(message);
    await exited;
  }

  #start(): Worker {
    const worker = new Worker(this.#script, {
      workerData: this.#options,
      execArgv: withoutSourceCondition(process.execArgv),
    });
    worker.unref();
    let failure: Error | undefined;
    worker.on('message', (reply: Reply) => this.#settle(worker, reply));
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = null;
      if (this.#pending.size === 0) return;
      const error = this.#exitError(
        `exited (code ${code})${failure === undefined ? '' : `: ${failure.message}`}`,
        failure,
      );
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const request of pending) request.reject(error);
    });
    this.#worker = worker;
    return worker;
  }

  #settle(worker: Worker, reply: Reply): void {
    const request = this.#pending.get(reply.id);
    if (request === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0 && !this.#closing) worker.unref();
    if ('error' in reply) request.reject(deserializeError(reply.error));
    else request.resolve(reply.result);
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
