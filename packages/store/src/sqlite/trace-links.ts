import type Database from 'better-sqlite3';
import { pageLimit } from '../query/page-limit.js';
import { pageOf } from '../query/trace-page.js';
import { summarizeRollup } from '../rollup/trace-rollup.js';
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
import { holdsTarget } from './annotations.js';
import { CachedStatements } from './cached-statements.js';
import { rollupOfRow, TRACE_COLUMNS, type TraceRow } from './rollup-codec.js';
import { WhereClause } from './where-clause.js';

/** The column of `trace_links` holding each link. */
const LINK_COLUMNS = {
  correlationId: 'correlation_id',
  replayOf: 'replay_of',
} as const satisfies Record<TraceLinkField, string>;

/** The columns of `traces` as `TraceRow` has them, from the table named `t`. */
const TRACE_COLUMNS_OF_T = TRACE_COLUMNS.split(',')
  .map((column) => `t.${column.trim()}`)
  .join(', ');

/**
 * A SQLite store's trace links. A change runs on the store's own connection in an immediate
 * transaction, which checks the traces it names as committed; reads run inside the store's read
 * transaction and see only links of traces the project holds.
 */
export class SqliteTraceLinks {
  readonly #statements: CachedStatements;
  readonly #link: Database.Transaction<(change: TraceLinkChange) => TraceLinks>;

  constructor(db: Database.Database) {
    this.#statements = new CachedStatements(db);
    this.#link = db.transaction((change) => this.#linkInTransaction(change));
  }

  link(change: TraceLinkChange): TraceLinks {
    checkLinkChange(change);
    return this.#link.immediate(change);
  }

  get(project: string, traceId: string): TraceLinks {
    const [row] = this.#statements.rows<[string | null, string | null]>(
      'SELECT l.correlation_id, l.replay_of FROM trace_links l ' +
        'WHERE l.project = ? AND l.trace_id = ? ' +
        'AND EXISTS (SELECT 1 FROM traces t WHERE t.project = l.project AND t.trace_id = l.trace_id)',
      [project, traceId],
    );
    return row === undefined ? { ...NO_TRACE_LINKS } : { correlationId: row[0], replayOf: row[1] };
  }

  /** Newest first: the traces with the link are looked up by id (they are few), then sorted. */
  find(query: LinkedTraceQuery): TracePage {
    const limit = pageLimit(query.limit, MAX_TRACE_PAGE);
    const where = new WhereClause(
      `l.project = ? AND l.${LINK_COLUMNS[query.field]} = ? AND t.project = l.project AND t.trace_id = l.trace_id`,
      query.project,
      query.value,
    );
    where.add('(t.start_ns, t.trace_id) < (?, ?)', query.after?.startTimeUnixNano, query.after?.traceId);
    // CROSS JOIN keeps the links as the outer loop: the walk never goes through the project's traces.
    const rows = this.#statements.rows<TraceRow>(
      `SELECT ${TRACE_COLUMNS_OF_T} FROM trace_links l CROSS JOIN traces t WHERE ${where.sql} ` +
        'ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?',
      [...where.params, limit + 1],
    );
    return pageOf(
      rows.map((row) => summarizeRollup(rollupOfRow(row))),
      limit,
    );
  }

  #linkInTransaction(change: TraceLinkChange): TraceLinks {
    const { project, traceId } = change;
    requireLinkTargets(change, (id) => holdsTarget(this.#statements, project, { traceId: id, spanId: null }));
    const links = changedLinks(this.get(project, traceId), change);
    if (links.correlationId === null && links.replayOf === null) {
      this.#statements.run('DELETE FROM trace_links WHERE project = ? AND trace_id = ?', [project, traceId]);
    } else {
      this.#statements.run(
        'INSERT INTO trace_links (project, trace_id, correlation_id, replay_of) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (project, trace_id) DO UPDATE SET ' +
          'correlation_id = excluded.correlation_id, replay_of = excluded.replay_of',
        [project, traceId, links.correlationId, links.replayOf],
      );
    }
    return links;
  }
}
