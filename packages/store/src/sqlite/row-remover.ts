import type Database from 'better-sqlite3';
import { contributionOfSpan } from '../rollup/trace-rollup.js';
import type { RemovalResult } from '../store.js';
import { removeAnnotation } from './annotations.js';
import { CachedStatements } from './cached-statements.js';
import { RecordDecoder } from './record-decoder.js';
import { spanFacts } from './search-indexer.js';
import type { SpanAggregates } from './span-aggregates.js';
import { SPAN_COLUMNS, type SpanRow } from './span-codec.js';

/** What to remove: given traces of a project, or (retention) what is older than a time. */
export type Removal =
  | { kind: 'traces'; project: string; traceIds: readonly string[] }
  | { kind: 'older-than'; before: bigint; limit: number };

/** The tables holding records by project and time, their word or term index, and their time index. */
const RECORD_TABLES = [
  { table: 'logs', index: 'log_words', byTime: 'logs_by_time', time: 'time_ns' },
  { table: 'metric_points', index: 'metric_terms', byTime: 'metric_points_by_time', time: 'time_ns' },
] as const;

/**
 * Removes traces whole (spans, rollup, index rows, their share of the per-minute aggregates) and
 * old records, inside the writer's transaction. The spans are decoded first, since their share of
 * the aggregates depends on their LLM fields and attributes.
 */
export class RowRemover {
  readonly #statements: CachedStatements;
  readonly #decoder: RecordDecoder;
  readonly #aggregates: SpanAggregates;

  constructor(db: Database.Database, aggregates: SpanAggregates) {
    this.#statements = new CachedStatements(db);
    this.#decoder = new RecordDecoder(db);
    this.#aggregates = aggregates;
  }

  remove(removal: Removal): RemovalResult {
    const result: RemovalResult = { traces: 0, spans: 0, logs: 0, metrics: 0, payloads: 0, done: true };
    if (removal.kind === 'traces') {
      const keys = this.#all<bigint>(
        'SELECT trace_key FROM traces WHERE project = ? AND trace_id IN (SELECT value FROM json_each(?))',
        removal.project,
        JSON.stringify(removal.traceIds),
      );
      this.#removeTraces(keys, result);
      return result;
    }
    const { before, limit } = removal;
    for (const project of this.#projects('traces')) {
      const keys = this.#all<bigint>(
        'SELECT trace_key FROM traces WHERE project = ? AND start_ns < ? ORDER BY start_ns LIMIT ?',
        project,
        before,
        limit,
      );
      if (keys.length === limit) result.done = false;
      this.#removeTraces(keys, result);
    }
    for (const { table, index, byTime, time } of RECORD_TABLES) {
      for (const project of this.#projects(table)) {
        const ids = this.#all<bigint>(
          `SELECT id FROM ${table} INDEXED BY ${byTime} WHERE project = ? AND ${time} < ? ORDER BY ${time} LIMIT ?`,
          project,
          before,
          limit,
        );
        if (ids.length === limit) result.done = false;
        const removeIndexed = this.#statement(`DELETE FROM ${index} WHERE rowid = ?`);
        const removeRow = this.#statement(`DELETE FROM ${table} WHERE id = ?`);
        for (const id of ids) {
          removeIndexed.run(id);
          removeRow.run(id);
        }
        result[table === 'logs' ? 'logs' : 'metrics'] += ids.length;
      }
    }
    // A payload last used before the cutoff is used only by what the cutoff removes: collected
    // once all of that is gone.
    if (result.done) {
      result.payloads = this.#statement('DELETE FROM payloads WHERE last_used_ns < ?').run(before).changes;
    }
    return result;
  }

  #removeTraces(keys: readonly bigint[], result: RemovalResult): void {
    const select = this.#statement(
      `SELECT rowid, ${SPAN_COLUMNS} FROM spans INDEXED BY spans_by_trace WHERE trace_key = ?`,
    );
    const removeTerms = this.#statement('DELETE FROM span_terms WHERE rowid = ?');
    const removeWords = this.#statement('DELETE FROM span_words WHERE rowid = ?');
    for (const key of keys) {
      const rows = select.raw().safeIntegers().all(key) as [bigint, ...SpanRow][];
      const spanRows = rows.map(([, ...row]) => row as SpanRow);
      const spans = spanRows.length === 0 ? [] : this.#decoder.spans(spanRows[0]![0], spanRows);
      for (let index = 0; index < spans.length; index++) {
        const span = spans[index]!;
        this.#aggregates.remove(spanRows[index]!, contributionOfSpan(span), spanFacts(span));
        removeTerms.run(rows[index]![0]);
        removeWords.run(rows[index]![0]);
      }
      this.#removeNotes(key);
      this.#statement('DELETE FROM spans WHERE trace_key = ?').run(key);
      this.#statement('DELETE FROM traces WHERE trace_key = ?').run(key);
      result.traces++;
      result.spans += spans.length;
    }
    this.#aggregates.flush();
  }

  /** The trace's annotations and links, which name it by project and id. */
  #removeNotes(key: bigint): void {
    const [trace] = this.#statements.rows<[string, string]>(
      'SELECT project, trace_id FROM traces WHERE trace_key = ?',
      [key],
    );
    if (trace === undefined) return;
    const annotations = this.#all<bigint>(
      'SELECT annotation_key FROM annotations WHERE project = ? AND trace_id = ?',
      ...trace,
    );
    for (const annotation of annotations) removeAnnotation(this.#statements, annotation);
    this.#statements.run('DELETE FROM trace_links WHERE project = ? AND trace_id = ?', trace);
  }

  /** The projects with rows in the table, each found by a seek in its project-first index. */
  #projects(table: string): string[] {
    const next = this.#statement(
      `SELECT project FROM ${table} WHERE project > ? ORDER BY project LIMIT 1`,
    ).pluck();
    const projects: string[] = [];
    for (
      let project = next.get('') as string | undefined;
      project !== undefined;
      project = next.get(project) as string | undefined
    ) {
      projects.push(project);
    }
    return projects;
  }

  #all<T>(sql: string, ...params: unknown[]): T[] {
    return this.#statement(sql)
      .pluck()
      .safeIntegers()
      .all(...params) as T[];
  }

  #statement(sql: string): Database.Statement {
    return this.#statements.statement(sql);
  }
}
