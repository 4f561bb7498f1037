import { parseTextQuery } from '@sextant/core';
import type pg from 'pg';
import { pageLimit } from '../query/page-limit.js';
import { WhereClause } from '../sqlite/where-clause.js';
import {
  type AnnotationTextHit,
  type LogTextHit,
  MAX_RANKED_MATCHES,
  MAX_TEXT_HITS,
  type SpanTextHit,
  type TextSearchQuery,
  type TextSearchResult,
} from '../store.js';
import { positional, rows } from './connection.js';
import { tsqueryOf } from './words.js';

/**
 * `ts_rank` divided by the document's length in words (normalization 2): a text where the words
 * are denser ranks higher, as BM25 has it, and a long text that mentions them once ranks low.
 */
const RANK_NORMALIZATION = 2;

/**
 * Spans, log records and annotations whose words hold every phrase of the query, ranked among the
 * newest `MAX_RANKED_MATCHES` matches of each kind in the project and time range, best first
 * (ties: newest first).
 */
export async function searchPostgresText(pool: pg.Pool, query: TextSearchQuery): Promise<TextSearchResult> {
  const text = tsqueryOf(parseTextQuery(query.text));
  const limit = pageLimit(query.limit, MAX_TEXT_HITS);
  /** The columns named (the time among them) of the best matches of the table, with their score. */
  const ranked = async <Row extends unknown[]>(table: string, time: string, columns: readonly string[]) => {
    const where = new WhereClause('r.project = ? AND r.words @@ ?::tsquery', query.project, text);
    where.add(`r.${time} >= ?`, query.startTimeMin);
    where.add(`r.${time} <= ?`, query.startTimeMax);
    return rows<[...Row, number]>(
      pool,
      positional(
        `SELECT ${columns.map((column) => `m.${column}`).join(', ')}, m.score FROM (SELECT ` +
          `${columns.map((column) => `r.${column}`).join(', ')}, ts_rank(r.words, ?::tsquery, ${RANK_NORMALIZATION}) AS score ` +
          `FROM ${table} r WHERE ${where.sql} ORDER BY r.${time} DESC LIMIT ?) m ` +
          `ORDER BY m.score DESC, m.${time} DESC LIMIT ?`,
      ),
      [text, ...where.params, MAX_RANKED_MATCHES, limit],
    );
  };
  const [spans, logs, annotations] = await Promise.all([
    ranked<[string, string, string, string, bigint]>('spans', 'start_ns', [
      'trace_id',
      'span_id',
      'name',
      'service',
      'start_ns',
    ]),
    ranked<[string, string, string, bigint, number]>('logs', 'time_ns', [
      'trace_id',
      'span_id',
      'service',
      'time_ns',
      'severity_number',
    ]),
    ranked<[string, string, string | null, bigint]>('annotations', 'time_ns', [
      'id',
      'trace_id',
      'span_id',
      'time_ns',
    ]),
  ]);
  return {
    spans: spans.map(
      ([traceId, spanId, name, service, startTimeUnixNano, score]): SpanTextHit => ({
        traceId,
        spanId,
        name,
        service,
        startTimeUnixNano,
        score,
      }),
    ),
    logs: logs.map(
      ([traceId, spanId, service, timeUnixNano, severityNumber, score]): LogTextHit => ({
        traceId,
        spanId,
        service,
        timeUnixNano,
        severityNumber,
        score,
      }),
    ),
    annotations: annotations.map(
      ([id, traceId, spanId, timeUnixNano, score]): AnnotationTextHit => ({
        id,
        traceId,
        spanId,
        timeUnixNano,
        score,
      }),
    ),
  };
}
