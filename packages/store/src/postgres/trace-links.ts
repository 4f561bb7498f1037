import type pg from 'pg';
import { pageLimit } from '../query/page-limit.js';
import { pageOf } from '../query/trace-page.js';
import type { TraceRow } from '../sqlite/rollup-codec.js';
import { WhereClause } from '../sqlite/where-clause.js';
import { MAX_TRACE_PAGE, type TracePage } from '../store.js';
import {
  changedLinks,
  checkLinkChange,
  type LinkedTraceQuery,
  NO_TRACE_LINKS,
  requireLinkTargets,
  type TraceLinkChange,
  type TraceLinkField,
  type TraceLinks,
} from '../trace-links.js';
import { heldTargets, targetKey } from './annotations.js';
import { inTransaction, positional, type Queryable, rows } from './connection.js';
import { summaryOfRow, traceColumnsOf } from './trace-rows.js';

/** The column of `trace_links` holding each link. */
const LINK_COLUMNS = {
  correlationId: 'correlation_id',
  replayOf: 'replay_of',
} as const satisfies Record<TraceLinkField, string>;

/**
 * A PostgreSQL store's trace links. A change checks the traces it names and writes in one
 * transaction, with those traces locked against deletion; reads see only links of traces the
 * project holds.
 */
export class PostgresTraceLinks {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async link(change: TraceLinkChange): Promise<TraceLinks> {
    checkLinkChange(change);
    const { project, traceId } = change;
    return inTransaction(this.#pool, async (client) => {
      // Changes to one trace's links take turns, so that none is computed from a stale state.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))", [
        project,
        traceId,
      ]);
      const named = typeof change.replayOf === 'string' ? [traceId, change.replayOf] : [traceId];
      const held = await heldTargets(
        client,
        project,
        named.map((id) => ({ traceId: id, spanId: null })),
      );
      requireLinkTargets(change, (id) => held.has(targetKey({ traceId: id, spanId: null })));
      const links = changedLinks(await linksOf(client, project, traceId), change);
      if (links.correlationId === null && links.replayOf === null) {
        await client.query('DELETE FROM trace_links WHERE project = $1 AND trace_id = $2', [
          project,
          traceId,
        ]);
      } else {
        await client.query(
          'INSERT INTO trace_links (project, trace_id, correlation_id, replay_of) VALUES ($1, $2, $3, $4) ' +
            'ON CONFLICT (project, trace_id) DO UPDATE SET ' +
            'correlation_id = excluded.correlation_id, replay_of = excluded.replay_of',
          [project, traceId, links.correlationId, links.replayOf],
        );
      }
      return links;
    });
  }

  get(project: string, traceId: string): Promise<TraceLinks> {
    return linksOf(this.#pool, project, traceId);
  }

  /** Newest first: the traces with the link are looked up by id (they are few), then sorted. */
  async find(query: LinkedTraceQuery): Promise<TracePage> {
    const limit = pageLimit(query.limit, MAX_TRACE_PAGE);
    const where = new WhereClause(
      `l.project = ? AND l.${LINK_COLUMNS[query.field]} = ? AND t.project = l.project AND t.trace_id = l.trace_id`,
      query.project,
      query.value,
    );
    where.add('(t.start_ns, t.trace_id) < (?, ?)', query.after?.startTimeUnixNano, query.after?.traceId);
    const found = await rows<TraceRow>(
      this.#pool,
      positional(
        `SELECT ${traceColumnsOf('t')} FROM trace_links l, traces t WHERE ${where.sql} ` +
          'ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?',
      ),
      [...where.params, limit + 1],
    );
    return pageOf(found.map(summaryOfRow), limit);
  }
}

/** The trace's links, when the project holds it. */
async function linksOf(on: Queryable, project: string, traceId: string): Promise<TraceLinks> {
  const [row] = await rows<[string | null, string | null]>(
    on,
    'SELECT l.correlation_id, l.replay_of FROM trace_links l ' +
      'WHERE l.project = $1 AND l.trace_id = $2 ' +
      'AND EXISTS (SELECT 1 FROM traces t WHERE t.project = l.project AND t.trace_id = l.trace_id)',
    [project, traceId],
  );
  return row === undefined ? { ...NO_TRACE_LINKS } : { correlationId: row[0], replayOf: row[1] };
}
