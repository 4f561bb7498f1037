import Database from 'better-sqlite3';
import { ReadOnlySqlError } from './read-only-sql-error.js';
import type { AnswerMessage, QueryMessage } from './read-only-sql-messages.js';
import { runReadOnlySql } from './read-only-sql-query.js';

/*
 * The process of a read-only SQL runner (started by `openReadOnlySql` with the database's path as
 * its argument): its own read-only connection answers the queries it is sent, one at a time. It
 * is a process, not a worker thread, so that a query past its time can be stopped: SQLite cannot
 * be interrupted from JavaScript, and a thread busy in SQLite outlives `terminate()` (and keeps
 * its process from exiting), while a process is killed outright.
 */

const send = process.send?.bind(process);
if (send === undefined) throw new Error('the read-only SQL runner runs as a child process, not on its own');
const path = process.argv[2] ?? '';
let db: Database.Database | null = null;

function answer(query: QueryMessage): AnswerMessage {
  try {
    db ??= new Database(path, { readonly: true, fileMustExist: true });
    return { id: query.id, result: runReadOnlySql(db, query) };
  } catch (error) {
    if (error instanceof ReadOnlySqlError)
      return { id: query.id, refusal: error.reason, message: error.message };
    return { id: query.id, failure: error instanceof Error ? error.message : String(error) };
  }
}

process.on('message', (query: QueryMessage) => send(answer(query)));
// The runner closed or its process died: nothing is left to answer.
process.on('disconnect', () => process.exit(0));
