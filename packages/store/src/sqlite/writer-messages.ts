import type { RemovalResult, WriteResult } from '../store.js';
import type { EncodedBatch } from './row-encoder.js';
import type { Removal } from './row-remover.js';
import type { SerializedError } from './thread-errors.js';

/** From the store to its writer thread, handled in the order sent. */
export type WriterRequest =
  | { kind: 'write'; id: number; batch: EncodedBatch }
  | { kind: 'remove'; id: number; removal: Removal }
  | { kind: 'close' };

/** From the writer thread, one per write or removal, in the order of the requests. */
export type WriterReply =
  | { id: number; result: WriteResult | RemovalResult }
  | { id: number; error: SerializedError };
