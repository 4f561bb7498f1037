import type { TraceSummary } from '@sextant/core';
import type pg from 'pg';
import { summarizeRollup, type TraceRollup } from '../rollup/trace-rollup.js';
import { rollupOfRow, TRACE_COLUMNS, type TraceRow, traceRow } from '../sqlite/rollup-codec.js';
import { columnText, jsonbText } from './batch-rows.js';
import { type BinaryType, binaryArray } from './binary-arrays.js';

/*
 * The `traces` table holds the same columns as SQLite's, services as a text array. Rows are read
 * in the layout of `TraceRow` (services as JSON) so that the rollup codec serves both backends.
 */

const COLUMN_NAMES = TRACE_COLUMNS.split(',').map((column) => column.trim());
const SERVICES = COLUMN_NAMES.indexOf('services');

const COLUMN_TYPES: Partial<Record<string, BinaryType>> = {
  start_ns: 'bigint',
  end_ns: 'bigint',
  span_count: 'bigint',
  error_count: 'bigint',
  llm_call_count: 'bigint',
  tool_call_count: 'bigint',
  input_tokens: 'bigint',
  output_tokens: 'bigint',
  cache_read_tokens: 'bigint',
  cache_write_tokens: 'bigint',
  reasoning_tokens: 'bigint',
  total_tokens: 'bigint',
  cost_nano_usd: 'bigint',
};

/** The columns of `traces` from the table named `alias`, in the order of `TraceRow`. */
export function traceColumnsOf(alias: string): string {
  return COLUMN_NAMES.map((column) =>
    column === 'services' ? `array_to_json(${alias}.services)::text` : `${alias}.${column}`,
  ).join(', ');
}

export function summaryOfRow(row: TraceRow): TraceSummary {
  return summarizeRollup(rollupOfRow(row));
}

/** `new` is better than `old` when it is set and `old` is not, or sorts first (see `spanRank`). */
function better(column: string): string {
  return `excluded.${column} IS NOT NULL AND (t.${column} IS NULL OR excluded.${column} < t.${column})`;
}

function ranked(rank: string, columns: readonly string[]): string {
  return [rank, ...columns]
    .map((column) => `${column} = CASE WHEN ${better(rank)} THEN excluded.${column} ELSE t.${column} END`)
    .join(', ');
}

const SUMMED = [
  'span_count',
  'error_count',
  'llm_call_count',
  'tool_call_count',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'total_tokens',
  'cost_nano_usd',
];

/**
 * Merges rollups of new spans into the stored ones, as `mergeRollupInto` does, in SQL: a
 * concurrent merge of the same trace waits for the row's lock and then merges into what the
 * first committed, so no instance's spans are lost. Each expression reads the row as it was.
 */
const UPSERT =
  `INSERT INTO traces AS t (${COLUMN_NAMES.join(', ')}) ` +
  `SELECT ${COLUMN_NAMES.map((column) => (column === 'services' ? 'ARRAY(SELECT jsonb_array_elements_text(r.services::jsonb))' : `r.${column}`)).join(', ')} ` +
  `FROM unnest(${COLUMN_NAMES.map((column, index) => `$${index + 1}::${COLUMN_TYPES[column] ?? 'text'}[]`).join(', ')}) ` +
  `AS r (${COLUMN_NAMES.join(', ')}) ` +
  'ON CONFLICT (project, trace_id) DO UPDATE SET ' +
  [
    ranked('root_rank', ['root_span_id', 'root_name', 'root_service']),
    'start_ns = least(t.start_ns, excluded.start_ns)',
    'end_ns = greatest(t.end_ns, excluded.end_ns)',
    ...SUMMED.map((column) => `${column} = t.${column} + excluded.${column}`),
    ranked('session_rank', ['session_id']),
    ranked('user_rank', ['user_id']),
    'services = ARRAY(SELECT DISTINCT s.name COLLATE "C" FROM unnest(t.services || excluded.services) AS s (name) ORDER BY 1)',
    "status = CASE WHEN t.error_count + excluded.error_count > 0 THEN 'error' " +
      "WHEN t.root_span_id IS NULL AND excluded.root_span_id IS NULL THEN 'partial' ELSE 'ok' END",
  ].join(', ');

/** Merges the rollups (of disjoint sets of new spans) into their traces, in the write's transaction. */
export async function mergeTraceRollups(
  client: pg.PoolClient,
  rollups: readonly TraceRollup[],
): Promise<void> {
  if (rollups.length === 0) return;
  // In one order for every instance, so that two merging the same traces never deadlock.
  const sorted = [...rollups].sort((a, b) =>
    a.project !== b.project
      ? a.project < b.project
        ? -1
        : 1
      : a.traceId < b.traceId
        ? -1
        : a.traceId > b.traceId
          ? 1
          : 0,
  );
  const tuples = sorted.map((rollup) =>
    traceRow(rollup).map((value, at) =>
      typeof value !== 'string' ? value : at === SERVICES ? jsonbText(value) : columnText(value),
    ),
  );
  await client.query(
    UPSERT,
    COLUMN_NAMES.map((column, at) =>
      binaryArray(
        COLUMN_TYPES[column] ?? 'text',
        tuples.map((tuple) => tuple[at]),
      ),
    ),
  );
}
