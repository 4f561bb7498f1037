import type Database from 'better-sqlite3';
import type { RemovalResult, WriteResult } from '../store.js';
import type { EncodedBatch } from './row-encoder.js';
import type { Removal } from './row-remover.js';
import { RowWriter } from './row-writer.js';

/** Where a SQLite store's encoded batches are committed: on a writer thread, or inline. */
export interface BatchWriter {
  /** Commits the batch, or nothing of it; batches are applied in the order of the calls. */
  apply(batch: EncodedBatch): Promise<WriteResult>;
  /** Removes traces or old records, in order with the batches. */
  remove(removal: Removal): Promise<RemovalResult>;
  /** Waits for the batches under way, then releases what the writer holds. */
  close(): Promise<void>;
}

/** Applies batches on the calling thread, on the store's own connection. */
export class InlineWriter implements BatchWriter {
  readonly #writer: RowWriter;

  constructor(db: Database.Database) {
    this.#writer = new RowWriter(db);
  }

  async apply(batch: EncodedBatch): Promise<WriteResult> {
    return this.#writer.apply(batch);
  }

  async remove(removal: Removal): Promise<RemovalResult> {
    return this.#writer.remove(removal);
  }

  /** Nothing of its own to release: the connection is the store's. */
  async close(): Promise<void> {}
}
