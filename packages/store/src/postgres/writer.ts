import type pg from 'pg';
import {
  mergeRollupInto,
  rollupKey,
  rollupOfContribution,
  type TraceRollup,
} from '../rollup/trace-rollup.js';
import type { WriteBatch, WriteResult } from '../store.js';
import {
  BatchEncoder,
  type BatchRows,
  insertValues,
  LOG_INSERT_COLUMNS,
  METRIC_INSERT_COLUMNS,
  SPAN_INSERT_COLUMNS,
  unnestInsert,
  withDescriptorIds,
} from './batch-rows.js';
import { inTransaction, rows } from './connection.js';
import { PostgresDescriptorIds } from './descriptors.js';
import { MinuteDeltas } from './span-minutes.js';
import { mergeTraceRollups } from './trace-rows.js';

const INSERT_SPANS = `${unnestInsert('spans', SPAN_INSERT_COLUMNS)} ON CONFLICT (project, trace_id, span_id) DO NOTHING RETURNING project, trace_id, span_id`;
const INSERT_LOGS = unnestInsert('logs', LOG_INSERT_COLUMNS);
const INSERT_METRICS = unnestInsert('metric_points', METRIC_INSERT_COLUMNS);

/** Where the trace key (unused here) and the numbers sit in a span row of the shared codec. */
const SPAN_TRACE_KEY = 13;

/**
 * Writes batches into PostgreSQL, each in one transaction on a connection of the pool, so any
 * number of instances may write at once. A span is inserted unless its (project, trace, span) key
 * is stored already, by this instance or another (an insert of a key another transaction holds
 * waits for it, then skips it); the insert answers which spans were new, and only those count:
 * their rollups are merged per trace into `traces` and their figures into `span_minutes`, by
 * upserts that merge in SQL under the row's lock. Logs and points are appended.
 */
export class PostgresWriter {
  readonly #pool: pg.Pool;
  readonly #encoder = new BatchEncoder();
  readonly #resources = new PostgresDescriptorIds('resources');
  readonly #scopes = new PostgresDescriptorIds('scopes');

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async write(batch: WriteBatch): Promise<WriteResult> {
    const encoded = this.#encoder.encode(batch);
    const resourceIds = await this.#resources.idsOf(this.#pool, encoded.resources);
    const scopeIds = await this.#scopes.idsOf(this.#pool, encoded.scopes);
    withDescriptorIds(encoded, resourceIds, scopeIds);
    return inTransaction(this.#pool, (client) => this.#writeRows(client, encoded));
  }

  async #writeRows(client: pg.PoolClient, encoded: BatchRows): Promise<WriteResult> {
    let spansWritten = 0;
    if (encoded.spans.length > 0) {
      const inserted = await rows<[string, string, string]>(
        client,
        INSERT_SPANS,
        insertValues(
          SPAN_INSERT_COLUMNS,
          encoded.spans.map((row, index) => [
            ...row.slice(0, SPAN_TRACE_KEY),
            row[SPAN_TRACE_KEY + 1],
            ...encoded.spanIndex[index]!,
          ]),
        ),
      );
      const isNew = new Set(
        inserted.map(([project, traceId, spanId]) => `${project}\n${traceId}\n${spanId}`),
      );
      const rollups = new Map<string, TraceRollup>();
      const minutes = new MinuteDeltas();
      encoded.spans.forEach((row, index) => {
        const [project, traceId, spanId] = row;
        if (!isNew.has(`${project}\n${traceId}\n${spanId}`)) return;
        const { contribution, facts } = encoded.spanExtras[index]!;
        const added = rollupOfContribution(project, traceId, contribution);
        const key = rollupKey(project, traceId);
        const rollup = rollups.get(key);
        if (rollup === undefined) rollups.set(key, added);
        else mergeRollupInto(rollup, added);
        minutes.add(row, contribution, facts);
      });
      spansWritten = isNew.size;
      await mergeTraceRollups(client, [...rollups.values()]);
      await minutes.addTo(client);
    }
    if (encoded.logs.length > 0) {
      await client.query(INSERT_LOGS, insertValues(LOG_INSERT_COLUMNS, encoded.logs));
    }
    if (encoded.metrics.length > 0) {
      await client.query(INSERT_METRICS, insertValues(METRIC_INSERT_COLUMNS, encoded.metrics));
    }
    return { spansWritten, logsWritten: encoded.logs.length, metricsWritten: encoded.metrics.length };
  }
}
