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
 * on every ingested row:
 * - `spans` has one key, (project, trace_id, span_id): it makes writes idempotent, reads a trace
 *   in one range and checks a trace's spans against a search (Jaeger's one-span rule). The rows
 *   themselves stay in arrival (rowid) order, which packs pages full; clustered on a random trace
 *   id, rows of a few KiB left pages half empty.
 * - `traces` holds one rollup per trace; `traces_by_start` serves every search newest first,
 *   with keyset pagination, and prunes by time before any span is looked at.
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
  UNIQUE (project, trace_id, span_id)
);

CREATE TABLE traces (
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
  status TEXT NOT NULL,
  PRIMARY KEY (project, trace_id)
) WITHOUT ROWID;

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

export const MIGRATIONS: readonly MigrationStep[] = [
  { version: 1, description: 'spans, trace rollups, logs, metric points and payloads', sql: INITIAL_SCHEMA },
];
