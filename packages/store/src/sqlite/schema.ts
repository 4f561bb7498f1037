import { ANNOTATIONS_MIGRATION } from './schema-annotations.js';

/**
 * The schema's history: each step moves a database from the version before it (kept in
 * `PRAGMA user_version`) to its own. Steps are only ever appended; a released step never changes.
 */
export interface MigrationStep {
  version: number;
  description: string;
  sql: string;
}

/*
 * Version 1. Every row names its project. Indexes are few on purpose, since each one is paid for
 * on every ingested row, and a commit rewrites every page it touched (twice: into the WAL, then
 * the file): a key spread at random, such as a trace id, dirties one page per trace per commit.
 * - `traces` holds one rollup per trace, under a `trace_key` given in arrival order; its random
 *   key, (project, trace_id), is the one index every new trace scatters. `traces_by_start` serves
 *   every search newest first, with keyset pagination, and prunes by time before any span is read.
 * - `spans_by_trace`, (trace_key, span_id), makes writes idempotent, reads a trace in one range
 *   and checks a trace's spans against a search (Jaeger's one-span rule). Keyed by arrival, not by
 *   the random trace id, the spans of recent traces land together at its end. The rows stay in
 *   arrival (rowid) order, which packs pages full; clustered on a trace, rows of a few KiB left
 *   pages half empty.
 * - `spans_by_service` and `spans_by_name` find the traces of a service, or of a span name, for
 *   searches on them whose matches are rare. Ordered by trace key after the value, each value's
 *   entries are appended at its end, in arrival order; by span start they would land wherever
 *   the spans' clocks put them, which costs a dirty page each when exporters send old spans.
 * - Large strings go to `payloads`, keyed by their SHA-256, once per project; resources and
 *   scopes, which repeat on every span of an export, are kept once in their own tables.
 */
const INITIAL_SCHEMA = `
CREATE TABLE payloads (
  project TEXT NOT NULL,
  hash TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (project, hash)
);

CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  hash TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (project, hash)
);

CREATE TABLE scopes (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  hash TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (project, hash)
);

CREATE TABLE spans (
  project TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  parent_span_id TEXT NOT NULL,
  name TEXT NOT NULL,
  service TEXT NOT NULL,
  kind INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  body TEXT NOT NULL,
  trace_key INTEGER NOT NULL
);

CREATE UNIQUE INDEX spans_by_trace ON spans (trace_key, span_id);
CREATE INDEX spans_by_service ON spans (project, service, trace_key);
CREATE INDEX spans_by_name ON spans (project, name, trace_key);

CREATE TABLE traces (
  trace_key INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  root_span_id TEXT,
  root_name TEXT,
  root_service TEXT,
  root_rank TEXT,
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  span_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  llm_call_count INTEGER NOT NULL,
  tool_call_count INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  total_tokens INTEGER NOT NULL,
  cost_nano_usd INTEGER NOT NULL,
  session_id TEXT,
  session_rank TEXT,
  user_id TEXT,
  user_rank TEXT,
  services TEXT NOT NULL,
  status TEXT NOT NULL
);

CREATE UNIQUE INDEX traces_by_id ON traces (project, trace_id);
CREATE INDEX traces_by_start ON traces (project, start_ns, trace_id);

CREATE TABLE logs (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  time_ns INTEGER NOT NULL,
  observed_ns INTEGER NOT NULL,
  trace_id TEXT NOT NULL,
  span_id TEXT NOT NULL,
  service TEXT NOT NULL,
  severity_number INTEGER NOT NULL,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  body TEXT NOT NULL
);

CREATE INDEX logs_by_time ON logs (project, time_ns, observed_ns);
CREATE INDEX logs_by_trace ON logs (project, trace_id, time_ns, observed_ns) WHERE trace_id <> '';

CREATE TABLE metric_points (
  id INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  name TEXT NOT NULL,
  service TEXT NOT NULL,
  type TEXT NOT NULL,
  time_ns INTEGER NOT NULL,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  body TEXT NOT NULL
);

CREATE INDEX metric_points_by_time ON metric_points (project, time_ns, name);
CREATE INDEX metric_points_by_name ON metric_points (project, name, time_ns);
`;

/** A table of span aggregates per period (see span-aggregates.ts); `period` names its time column. */
function spanAggregatesTable(table: string, period: string): string {
  return `CREATE TABLE ${table} (
  project TEXT NOT NULL,
  ${period} INTEGER NOT NULL,
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  span_type TEXT NOT NULL,
  model TEXT NOT NULL,
  provider TEXT NOT NULL,
  api_key_hash TEXT NOT NULL,
  spans INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  duration_sum_ns INTEGER NOT NULL,
  duration_min_ns INTEGER NOT NULL,
  duration_max_ns INTEGER NOT NULL,
  latency TEXT NOT NULL,
  requests INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  total_tokens INTEGER NOT NULL,
  cost_nano_usd INTEGER NOT NULL,
  PRIMARY KEY (project, ${period}, service, name, span_type, model, provider, api_key_hash)
) WITHOUT ROWID;
`;
}

/*
 * Version 2: search and analytics.
 * - `span_terms` and `span_words` are full-text indexes keyed by the span's rowid, holding no copy
 *   of the text (contentless; deletable for retention). `span_terms` holds one hashed token per
 *   exact fact of a span (see search-terms.ts) and replaces `spans_by_service` and
 *   `spans_by_name`: it finds spans by any set of facts at once, attributes included. It keeps no
 *   positions (`detail=none`). `span_words` holds the words of the span's text (see core's
 *   `indexableText`: plain ASCII as it is, any other text already cut and folded by `textTokens`,
 *   so that the tokenizer only splits on spaces and keeps marks inside words), with positions for
 *   phrases and sizes for ranking.
 * - `log_words` holds the words of log bodies, `metric_terms` the terms of metric points'
 *   attributes (and their resources'), keyed by the record's id.
 * - `span_minutes` pre-aggregates spans per minute and group for analytics (see span-minutes.ts).
 * - `payloads.last_used_ns` is the latest time of the items using a payload, so that retention
 *   can collect the payloads of what it removed without reading every stored row.
 * Spans stored before this version are neither indexed nor aggregated, and their payloads are
 * never collected.
 */
const SEARCH_SCHEMA = `
ALTER TABLE payloads ADD COLUMN last_used_ns INTEGER NOT NULL DEFAULT 0;
UPDATE payloads SET last_used_ns = 9223372036854775807;

DROP INDEX spans_by_service;
DROP INDEX spans_by_name;

CREATE VIRTUAL TABLE span_terms USING fts5(terms, content='', contentless_delete=1, detail=none);

CREATE VIRTUAL TABLE span_words USING fts5(
  words, content='', contentless_delete=1,
  tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);

CREATE VIRTUAL TABLE log_words USING fts5(
  words, content='', contentless_delete=1,
  tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);

CREATE VIRTUAL TABLE metric_terms USING fts5(terms, content='', contentless_delete=1, detail=none);

${spanAggregatesTable('span_minutes', 'minute')}
`;

/*
 * Version 4: each span's numeric attributes (of every place) as JSON, so that numeric search
 * conditions are checked in SQL. Spans stored before it have none, and never meet them.
 */
const SPAN_NUMBERS_SCHEMA = 'ALTER TABLE spans ADD COLUMN numbers TEXT;';

/*
 * Version 5: each span's term tokens on its row too. Walking traces, a search checks a span's
 * exact facts there (a substring search in a few hundred bytes) instead of a seek per span in the
 * term index, which costs up to a millisecond on a large store; the index still gathers the spans
 * of rare facts. Spans stored before it have none, and never meet such conditions on a walk.
 */
const SPAN_TERMS_SCHEMA = 'ALTER TABLE spans ADD COLUMN terms TEXT;';

/*
 * Version 6: the span aggregates per hour too, so that analytics over days read whole hours (a
 * sixtieth of the rows) and minutes only at the window's edges. Spans stored before it are in
 * `span_minutes` only.
 */
const SPAN_HOURS_SCHEMA = spanAggregatesTable('span_hours', 'hour');

export const MIGRATIONS: readonly MigrationStep[] = [
  { version: 1, description: 'spans, trace rollups, logs, metric points and payloads', sql: INITIAL_SCHEMA },
  { version: 2, description: 'term and word indexes, per-minute span aggregates', sql: SEARCH_SCHEMA },
  ANNOTATIONS_MIGRATION,
  {
    version: 4,
    description: 'numeric attributes of spans for numeric search conditions',
    sql: SPAN_NUMBERS_SCHEMA,
  },
  { version: 5, description: 'term tokens of spans on their rows', sql: SPAN_TERMS_SCHEMA },
  { version: 6, description: 'span aggregates per hour', sql: SPAN_HOURS_SCHEMA },
];
