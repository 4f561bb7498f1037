import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { builtScript } from './built-script.js';
import type { ReadOnlySqlParam } from './read-only-sql-check.js';
import { ReadOnlySqlError } from './read-only-sql-error.js';
import type { AnswerMessage, QueryMessage } from './read-only-sql-messages.js';
import type { ReadOnlySqlResult } from './read-only-sql-query.js';

export interface ReadOnlySqlOptions {
  /** The SQLite store's database file, which must exist. */
  path: string;
  /** A query still running after this many milliseconds is stopped, its process killed. */
  timeoutMs: number;
  /** The most rows one query answers: its default limit, and the largest it may ask for. */
  maxRows: number;
}

/** Runs users' read-only SQL on a SQLite store's file, beside the store, one query at a time. */
export interface ReadOnlySql {
  readonly maxRows: number;
  /**
   * Runs one query: a single `SELECT` (or `WITH … SELECT`) on Sextant's own tables, answering at
   * most `limit` rows (default `maxRows`). Queries run one at a time, in the order asked; the time
   * limit counts from a query's start.
   * @throws ReadOnlySqlError (as a rejection) when the query is refused, fails by its own fault,
   * runs out of time, or finds too many queries waiting; RangeError for a limit outside 1 to
   * `maxRows`; Error when the runner is closed or its process failed.
   */
  run(sql: string, params?: readonly ReadOnlySqlParam[], limit?: number): Promise<ReadOnlySqlResult>;
  /** Stops the runner's process, and the query running in it; the queries waiting are refused. */
  close(): Promise<void>;
}

/** Queries that may wait while one runs; past them, a query is refused as `busy`. */
export const MAX_WAITING_QUERIES = 8;

/** The package's own export of the built process script (a process cannot start on a `.ts` file). */
const PROCESS_EXPORT = '@sextant/store/sqlite-read-only-sql-process';

interface Query {
  message: QueryMessage;
  resolve(result: ReadOnlySqlResult): void;
  reject(error: Error): void;
}

function outcomeOf(answer: AnswerMessage): ReadOnlySqlResult | Error {
  if ('result' in answer) return answer.result;
  if ('refusal' in answer) return new ReadOnlySqlError(answer.refusal, answer.message);
  return new Error(`the read-only SQL process failed: ${answer.failure}`);
}

/** The process keeps its parent alive only while a query runs in it. */
function hold(child: ChildProcess, held: boolean): void {
  if (held) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

/**
 * A child process with its own connection to the file, opened `readonly` (SQLite refuses every
 * write on it), runs the queries: it starts with the first query, and again after it was killed.
 */
class ProcessReadOnlySql implements ReadOnlySql {
  readonly maxRows: number;
  readonly #path: string;
  readonly #timeoutMs: number;
  readonly #script: string;
  readonly #waiting: Query[] = [];
  #child: ChildProcess | null = null;
  #running: { query: Query; child: ChildProcess; timer: NodeJS.Timeout } | null = null;
  #nextId = 0;
  #closed = false;

  constructor(options: ReadOnlySqlOptions, script: string) {
    this.maxRows = options.maxRows;
    this.#path = options.path;
    this.#timeoutMs = options.timeoutMs;
    this.#script = script;
  }

  run(
    sql: string,
    params: readonly ReadOnlySqlParam[] = [],
    limit = this.maxRows,
  ): Promise<ReadOnlySqlResult> {
    if (this.#closed) return Promise.reject(new Error('the read-only SQL runner is closed'));
    if (!Number.isInteger(limit) || limit < 1 || limit > this.maxRows) {
      return Promise.reject(
        new RangeError(`limit must be an integer from 1 to ${this.maxRows}, not ${limit}`),
      );
    }
    if (this.#waiting.length >= MAX_WAITING_QUERIES) {
      return Promise.reject(
        new ReadOnlySqlError('busy', `${MAX_WAITING_QUERIES} queries are already waiting for their turn`),
      );
    }
    return new Promise((resolve, reject) => {
      this.#waiting.push({ message: { id: this.#nextId++, sql, params, limit }, resolve, reject });
      this.#startNext();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const closed = new Error('the read-only SQL runner is closed');
    for (const query of this.#waiting.splice(0)) query.reject(closed);
    const child = this.#child;
    if (child === null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // A reader leaves nothing behind to clean up.
    child.kill('SIGKILL');
    await exited;
  }

  #startNext(): void {
    if (this.#running !== null) return;
    const query = this.#waiting.shift();
    if (query === undefined) return;
    const child = this.#child ?? this.#spawn();
    const timer = setTimeout(() => this.#stop(child), this.#timeoutMs);
    this.#running = { query, child, timer };
    hold(child, true);
    child.send(query.message);
  }

  #spawn(): ChildProcess {
    const child = fork(this.#script, [this.#path], {
      // Not the parent's flags (a test runner's loaders, an inspector port).
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.on('message', (answer: AnswerMessage) => {
      if (this.#running?.child === child && this.#running.query.message.id === answer.id)
        this.#finish(outcomeOf(answer));
    });
    const ended = (why: string) => {
      if (this.#child === child) this.#child = null;
      if (this.#running?.child === child) {
        const state = this.#closed
          ? 'the read-only SQL runner is closed'
          : `the read-only SQL process ${why}`;
        this.#finish(new Error(state));
      }
    };
    child.on('exit', (code, signal) => ended(`exited (${signal ?? `code ${code}`}) before answering`));
    child.on('error', (error) => {
      ended(`failed: ${error.message}`);
      child.kill('SIGKILL');
    });
    this.#child = child;
    return child;
  }

  /** Past the time limit: SQLite cannot be interrupted, so its process is killed. */
  #stop(child: ChildProcess): void {
    if (this.#child === child) this.#child = null;
    child.kill('SIGKILL');
    this.#finish(
      new ReadOnlySqlError(
        'timeout',
        `the query ran past the ${this.#timeoutMs} ms time limit and was stopped`,
      ),
    );
  }

  #finish(outcome: ReadOnlySqlResult | Error): void {
    const running = this.#running;
    if (running === null) return;
    clearTimeout(running.timer);
    this.#running = null;
    hold(running.child, false);
    if (outcome instanceof Error) running.query.reject(outcome);
    else running.query.resolve(outcome);
    this.#startNext();
  }
}

/**
 * Opens a read-only SQL runner on a SQLite store's file. Its process starts with the first query.
 * @throws RangeError for a bad option, Error when the file does not exist or the runner's script
 * is not built.
 */
export function openReadOnlySql(options: ReadOnlySqlOptions): ReadOnlySql {
  for (const [name, value] of [
    ['timeoutMs', options.timeoutMs],
    ['maxRows', options.maxRows],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name} must be a positive integer, not ${value}`);
  }
  if (!existsSync(options.path)) throw new Error(`no SQLite database at ${options.path}`);
  return new ProcessReadOnlySql(options, builtScript(PROCESS_EXPORT, "the read-only SQL runner's script"));
}
