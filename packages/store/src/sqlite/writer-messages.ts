import Database from 'better-sqlite3';
import type { RemovalResult, WriteResult } from '../store.js';
import type { EncodedBatch } from './row-encoder.js';
import type { Removal } from './row-remover.js';

/** From the store to its writer thread, handled in the order sent. */
export type WriterRequest =
  | { kind: 'write'; id: number; batch: EncodedBatch }
  | { kind: 'remove'; id: number; removal: Removal }
  | { kind: 'close' };

/** An error as it crosses threads: a structured clone would drop SQLite's result code. */
export interface SerializedError {
  name: string;
  message: string;
  code: string | undefined;
}

/** From the writer thread, one per write or removal, in the order of the requests. */
export type WriterReply =
  | { id: number; result: WriteResult | RemovalResult }
  | { id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), code: undefined };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined };
}

/** The error again, on the calling thread: a `SqliteError` with its code, or an error of its name. */
export function deserializeError({ name, message, code }: SerializedError): Error {
  if (name === 'SqliteError' && code !== undefined) return new Database.SqliteError(message, code);
  const error = new Error(message);
  error.name = name;
  if (code !== undefined) Object.assign(error, { code });
  return error;
}
