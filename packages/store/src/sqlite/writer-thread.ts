import { parentPort, workerData } from 'node:worker_threads';
import { type ConnectionOptions, openConnection } from './connection.js';
import { RowWriter } from './row-writer.js';
import { serializeError } from './thread-errors.js';
import type { WriterReply, WriterRequest } from './writer-messages.js';

/*
 * The writer thread of a SQLite store (started by `ThreadWriter`): its own connection applies the
 * encoded batches it is sent, one at a time in the order sent, and answers each. A failure to open
 * the file ends the thread, which fails the pending writes as connection failures.
 */

if (parentPort === null) throw new Error('the SQLite writer runs as a worker thread, not on its own');
const port = parentPort;
const db = openConnection(workerData as ConnectionOptions);
const writer = new RowWriter(db);

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    try {
      // Leaves the WAL empty, so that the file alone holds everything.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
      port.close();
    }
    return;
  }
  let reply: WriterReply;
  try {
    const result = request.kind === 'write' ? writer.apply(request.batch) : writer.remove(request.removal);
    reply = { id: request.id, result };
  } catch (error) {
    reply = { id: request.id, error: serializeError(error) };
  }
  port.postMessage(reply);
});
