import type pg from 'pg';
import { contributionOfSpan } from '../rollup/trace-rollup.js';
import { spanFacts } from '../sqlite/search-indexer.js';
import type { SpanRow } from '../sqlite/span-codec.js';
import type { RemovalResult } from '../store.js';
import { inTransaction, rows } from './connection.js';
import type { PostgresRecordDecoder } from './record-decoder.js';
import { SPAN_ROW_COLUMNS_OF_S } from './record-decoder.js';
import { MinuteDeltas } from './span-minutes.js';

/** The traces named, as `unnest` of (project, trace id) arrays in `$1` and `$2`. */
const NAMED = 'unnest($1::text[], $2::text[]) AS d (project, trace_id)';
const NAMED_MATCH = (alias: string) => `${alias}.project = d.project AND ${alias}.trace_id = d.trace_id`;

/** The tables of records removed by age, oldest first. */
const RECORD_TABLES = [
  { table: 'logs', counted: 'logs' },
  { table: 'metric_points', counted: 'metrics' },
] as const;

/**
 * Removes traces and old records, each removal in one transaction. A trace goes whole: its spans,
 * its rollup, its annotations and links, and its spans' share of the per-minute aggregates, taken
 * from the spans this transaction itself deleted: two instances removing the same traces at once
 * never take a span away twice.
 */
export class PostgresRemoval {
  readonly #pool: pg.Pool;
  readonly #decoder: PostgresRecordDecoder;

  constructor(pool: pg.Pool, decoder: PostgresRecordDecoder) {
    this.#pool = pool;
    this.#decoder = decoder;
  }

  deleteTraces(project: string, traceIds: readonly string[]): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      const traces = await rows<[string, string]>(
        client,
        'SELECT project, trace_id FROM traces WHERE project = $1 AND trace_id = ANY($2::text[]) ' +
          'ORDER BY trace_id FOR UPDATE',
        [project, [...traceIds]],
      );
      return (await this.#removeTraces(client, traces)).traces;
    });
  }

  /**
   * Retention across projects: the oldest `limit` traces that started before `before`, then as
   * many log records and metric points older than it. Rows another instance is removing (locked)
   * are skipped, so that several instances running retention at once share the work.
   */
  removeOlderThan(before: bigint, limit: number): Promise<RemovalResult> {
    return inTransaction(this.#pool, async (client) => {
      const traces = await rows<[string, string]>(
        client,
        'SELECT project, trace_id FROM traces WHERE start_ns < $1 ORDER BY start_ns LIMIT $2 FOR UPDATE SKIP LOCKED',
        [before, limit],
      );
      const removed = await this.#removeTraces(client, traces);
      const result: RemovalResult = {
        ...removed,
        logs: 0,
        metrics: 0,
        payloads: 0,
        done: traces.length < limit,
      };
      for (const { table, counted } of RECORD_TABLES) {
        const deleted = await client.query(
          `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE time_ns < $1 ORDER BY time_ns LIMIT $2 ` +
            'FOR UPDATE SKIP LOCKED)',
          [before, limit],
        );
        result[counted] = deleted.rowCount ?? 0;
        if (result[counted] === limit) result.done = false;
      }
      return result;
    });
  }

  async #removeTraces(
    client: pg.PoolClient,
    traces: readonly [project: string, traceId: string][],
  ): Promise<{ traces: number; spans: number }> {
    if (traces.length === 0) return { traces: 0, spans: 0 };
    const named = [traces.map(([project]) => project), traces.map(([, traceId]) => traceId)];
    const spanRows = await rows<SpanRow>(
      client,
      `DELETE FROM spans s USING ${NAMED} WHERE ${NAMED_MATCH('s')} RETURNING ${SPAN_ROW_COLUMNS_OF_S}`,
      named,
    );
    const spans = await this.#decoder.spans(client, spanRows);
    const minutes = new MinuteDeltas();
    spans.forEach((span, index) => {
      minutes.add(spanRows[index]!, contributionOfSpan(span), spanFacts(span));
    });
    await minutes.takeAwayFrom(client);
    for (const table of ['annotations', 'trace_links']) {
      await client.query(`DELETE FROM ${table} t USING ${NAMED} WHERE ${NAMED_MATCH('t')}`, named);
    }
    const deleted = await client.query(
      `DELETE FROM traces t USING ${NAMED} WHERE ${NAMED_MATCH('t')}`,
      named,
    );
    return { traces: deleted.rowCount ?? 0, spans: spans.length };
  }
}
