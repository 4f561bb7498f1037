import { StoreClosedError } from '../errors.js';
import type { WriteFailureClass } from '../store.js';

/** By SQLSTATE: exact codes first, then classes (the code's first two characters). */
const CLASS_BY_CODE: Readonly<Record<string, WriteFailureClass>> = {
  '57014': 'timeout', // query_canceled: the statement timeout
  '55P03': 'contention', // lock_not_available
  '40001': 'contention', // serialization_failure
  '40P01': 'contention', // deadlock_detected
  '57P01': 'connection', // admin_shutdown
  '57P02': 'connection', // crash_shutdown
  '57P03': 'connection', // cannot_connect_now: starting up or shutting down
  '25006': 'connection', // read_only_sql_transaction: a standby, e.g. during a failover
};

const CLASS_BY_CODE_CLASS: Readonly<Record<string, WriteFailureClass>> = {
  '08': 'connection', // connection exception
  '53': 'connection', // insufficient resources: disk full, out of memory, too many connections
  '58': 'connection', // system error: I/O
  '23': 'constraint', // integrity constraint violation
  '22': 'constraint', // data exception: a value PostgreSQL cannot take (say, a NUL in a text)
};

/** Errors of Node's sockets, which `pg` passes on when the server cannot be reached or goes away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What `pg` says when a connection ends or cannot be had (its errors carry no code then). */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'connection is not queryable',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end',
];

/** Classifies what `pg` throws: a server error by its SQLSTATE, a socket error by its code. */
export function classifyPostgresError(error: unknown): WriteFailureClass {
  if (error instanceof StoreClosedError) return 'connection';
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code)) return 'connection';
    const known = CLASS_BY_CODE[code] ?? CLASS_BY_CODE_CLASS[code.slice(0, 2)];
    if (known !== undefined) return known;
  }
  if (error.message === 'Query read timeout') return 'timeout';
  return CONNECTION_MESSAGES.some((message) => error.message.includes(message)) ? 'connection' : 'unknown';
}
