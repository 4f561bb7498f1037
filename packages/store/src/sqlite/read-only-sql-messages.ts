import type { ReadOnlySqlRefusal } from './read-only-sql-error.js';
import type { ReadOnlySqlRequest, ReadOnlySqlResult } from './read-only-sql-query.js';

/** From the runner to its process: one query at a time. */
export interface QueryMessage extends ReadOnlySqlRequest {
  id: number;
}

/**
 * From the process, one per query: its result, its refusal, or an error that is not the query's
 * fault (the file cannot be opened or read), by message only.
 */
export type AnswerMessage =
  | { id: number; result: ReadOnlySqlResult }
  | { id: number; refusal: ReadOnlySqlRefusal; message: string }
  | { id: number; failure: string };
