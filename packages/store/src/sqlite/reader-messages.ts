import type { ReadMethod } from './sqlite-reads.js';
import type { SerializedError } from './thread-errors.js';

/** From the store to a reader thread. */
export type ReaderRequest =
  | { kind: 'read'; id: number; method: ReadMethod; argument: unknown }
  | { kind: 'close' };

/** From a reader thread, one per read. */
export type ReaderReply = { id: number; result: unknown } | { id: number; error: SerializedError };
