import { parentPort, workerData } from 'node:worker_threads';
import { type ConnectionOptions, openConnection } from './connection.js';
import type { ReaderReply, ReaderRequest } from './reader-messages.js';
import { sqliteReads } from './sqlite-reads.js';
import { serializeError } from './thread-errors.js';

/*
 * A reader thread of a SQLite store (started by `ThreadReads`): its own connection runs the reads
 * it is sent, one at a time, so that a long read never holds the thread that serves HTTP and
 * decodes ingest. It sees every write committed before the read starts (WAL).
 */

if (parentPort === null) throw new Error('the SQLite reader runs as a worker thread, not on its own');
const port = parentPort;
const db = openConnection(workerData as ConnectionOptions);
const reads = sqliteReads(db);

port.on('message', (request: ReaderRequest) => {
  if (request.kind === 'close') {
    try {
      // Lets SQLite refresh the statistics its planner uses for the queries this connection ran.
      db.pragma('optimize');
    } finally {
      db.close();
    }
    port.close();
    return;
  }
  let reply: ReaderReply;
  try {
    const read = reads[request.method] as (argument: unknown) => unknown;
    reply = { id: request.id, result: read(request.argument) };
  } catch (error) {
    reply = { id: request.id, error: serializeError(error) };
  }
  port.postMessage(reply);
});
