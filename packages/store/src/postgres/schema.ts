/**
 * The PostgreSQL schema's history: each step moves a database from the version before it (kept
 * in `sextant_migrations`) to its own. Steps are only ever appended; a released step never changes.
 */
export interface PostgresMigrationStep {
  version: number;
  description: string;
  sql: string;
}

/*
 * Version 1. Every row names its project; ids, names and ranks are compared byte by byte
 * (`COLLATE "C"`), as JavaScript compares strings, so that orders and rollups agree with the
 * other backends whatever the database's locale.
 * - `spans` is keyed by (project, trace_id, span_id): writes are idempotent by that key, and a
 *   trace's spans are one range of it. Besides the columns searches compare, each row keeps:
 *   `terms`, one 64-bit hash per exact fact of the span (service, name, type, model, provider,
 *   tag, attribute = value, has a numeric attribute; see search-terms.ts), under a GIN index that
 *   finds the spans carrying any set of facts at once (Jaeger's one-span rule); `numbers`, its
 *   numeric attributes for numeric conditions; `words`, the words of its text (core's
 *   `textTokens`, already folded and cut, so that no text-search parser gets a say) with their
 *   positions for phrases, under a GIN index. The rest of the span is in `body` (the value codec's
 *   JSON, as text: JSONB cannot hold every string a span may carry).
 * - `traces` holds one rollup per trace, merged by `INSERT … ON CONFLICT DO UPDATE` so that
 *   spans of one trace written by several instances at once all count (the row is locked while
 *   each merge runs). `traces_by_start` serves every search newest first, with keyset pages.
 * - `span_minutes` pre-aggregates spans per minute and group for analytics, merged the same way;
 *   latency sketches merge in SQL (`sextant_combine_sketches`).
 * - Resources and scopes, repeated on every span of an export, are kept once per project.
 * - The `*_by_age` indexes let retention find the oldest rows across projects.
 */
const INITIAL_SCHEMA = `
CREATE TABLE resources (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text COLLATE "C" NOT NULL,
  hash text COLLATE "C" NOT NULL,
  body text NOT NULL,
  UNIQUE (project, hash)
);

CREATE TABLE scopes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text COLLATE "C" NOT NULL,
  hash text COLLATE "C" NOT NULL,
  body text NOT NULL,
  UNIQUE (project, hash)
);

CREATE TABLE spans (
  project text COLLATE "C" NOT NULL,
  trace_id text COLLATE "C" NOT NULL,
  span_id text COLLATE "C" NOT NULL,
  parent_span_id text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  service text COLLATE "C" NOT NULL,
  kind smallint NOT NULL,
  status_code smallint NOT NULL,
  start_ns bigint NOT NULL,
  end_ns bigint NOT NULL,
  resource_id bigint NOT NULL,
  scope_id bigint NOT NULL,
  body text NOT NULL,
  numbers jsonb,
  terms bigint[] NOT NULL,
  words tsvector NOT NULL,
  PRIMARY KEY (project, trace_id, span_id)
);

CREATE INDEX spans_by_start ON spans (project, start_ns);
CREATE INDEX spans_by_terms ON spans USING gin (terms);
CREATE INDEX spans_by_words ON spans USING gin (words);

CREATE TABLE traces (
  project text COLLATE "C" NOT NULL,
  trace_id text COLLATE "C" NOT NULL,
  root_span_id text COLLATE "C",
  root_name text COLLATE "C",
  root_service text COLLATE "C",
  root_rank text COLLATE "C",
  start_ns bigint NOT NULL,
  end_ns bigint NOT NULL,
  span_count bigint NOT NULL,
  error_count bigint NOT NULL,
  llm_call_count bigint NOT NULL,
  tool_call_count bigint NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  cache_read_tokens bigint NOT NULL,
  cache_write_tokens bigint NOT NULL,
  reasoning_tokens bigint NOT NULL,
  total_tokens bigint NOT NULL,
  cost_nano_usd bigint NOT NULL,
  session_id text COLLATE "C",
  session_rank text COLLATE "C",
  user_id text COLLATE "C",
  user_rank text COLLATE "C",
  services text[] COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL,
  PRIMARY KEY (project, trace_id)
);

CREATE INDEX traces_by_start ON traces (project, start_ns, trace_id);
CREATE INDEX traces_by_age ON traces (start_ns);

CREATE TABLE logs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text COLLATE "C" NOT NULL,
  time_ns bigint NOT NULL,
  observed_ns bigint NOT NULL,
  trace_id text COLLATE "C" NOT NULL,
  span_id text COLLATE "C" NOT NULL,
  service text COLLATE "C" NOT NULL,
  severity_number smallint NOT NULL,
  resource_id bigint NOT NULL,
  scope_id bigint NOT NULL,
  body text NOT NULL,
  words tsvector
);

CREATE INDEX logs_by_time ON logs (project, time_ns, observed_ns);
CREATE INDEX logs_by_trace ON logs (project, trace_id, time_ns, observed_ns) WHERE trace_id <> '';
CREATE INDEX logs_by_words ON logs USING gin (words);
CREATE INDEX logs_by_age ON logs (time_ns);

CREATE TABLE metric_points (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  service text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,
  time_ns bigint NOT NULL,
  resource_id bigint NOT NULL,
  scope_id bigint NOT NULL,
  body text NOT NULL,
  terms bigint[] NOT NULL
);

CREATE INDEX metric_points_by_time ON metric_points (project, time_ns, name);
CREATE INDEX metric_points_by_name ON metric_points (project, name, time_ns);
CREATE INDEX metric_points_by_terms ON metric_points USING gin (terms);
CREATE INDEX metric_points_by_age ON metric_points (time_ns);

-- Long bodies and words compress with lz4, several times faster than the default (pglz), on
-- servers built with it (PostgreSQL's packages are).
DO $$ BEGIN
  ALTER TABLE spans ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN words SET COMPRESSION lz4;
  ALTER TABLE logs ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN words SET COMPRESSION lz4;
  ALTER TABLE metric_points ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;

CREATE TABLE span_minutes (
  project text COLLATE "C" NOT NULL,
  minute bigint NOT NULL,
  service text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  span_type text COLLATE "C" NOT NULL,
  model text COLLATE "C" NOT NULL,
  provider text COLLATE "C" NOT NULL,
  api_key_hash text COLLATE "C" NOT NULL,
  spans bigint NOT NULL,
  errors bigint NOT NULL,
  duration_sum_ns bigint NOT NULL,
  requests bigint NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  cache_read_tokens bigint NOT NULL,
  cache_write_tokens bigint NOT NULL,
  reasoning_tokens bigint NOT NULL,
  total_tokens bigint NOT NULL,
  cost_nano_usd bigint NOT NULL,
  duration_min_ns bigint NOT NULL,
  duration_max_ns bigint NOT NULL,
  latency text NOT NULL,
  PRIMARY KEY (project, minute, service, name, span_type, model, provider, api_key_hash)
);

-- The buckets of a latency sketch's text form (see core's sketch-text.ts): 'z' or an index, a count.
CREATE FUNCTION sextant_sketch_buckets(sketch text) RETURNS TABLE (bucket text, count bigint)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT split_part(entry, ':', 1), split_part(entry, ':', 2)::bigint
  FROM unnest(string_to_array(nullif(split_part(sketch, ';', 2), ''), ',')) AS entry
$$;

-- The bound of two sketches' bound texts ('min~max' parts) that 'which' (1 min, 2 max) asks for,
-- kept as written, so that the text stays in JavaScript's canonical number form.
CREATE FUNCTION sextant_sketch_bound(a text, b text, which integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN (split_part(a, '~', which)::numeric <= split_part(b, '~', which)::numeric) = (which = 1)
    THEN split_part(a, '~', which) ELSE split_part(b, '~', which) END
$$;

-- Sketch a with the counts of b added (sign 1) or taken away (sign -1), as LatencySketch's merge
-- and subtract do: buckets left empty go, bounds widen on a merge and stay on a subtraction,
-- and a sketch left empty is ''.
CREATE FUNCTION sextant_combine_sketches(a text, b text, sign integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce((
    SELECT CASE
        WHEN sign < 0 OR b = '' THEN split_part(a, ';', 1)
        WHEN a = '' THEN split_part(b, ';', 1)
        ELSE sextant_sketch_bound(split_part(a, ';', 1), split_part(b, ';', 1), 1) || '~' ||
          sextant_sketch_bound(split_part(a, ';', 1), split_part(b, ';', 1), 2)
      END || ';' || string_agg(bucket || ':' || total, ',' ORDER BY bucket <> 'z', nullif(bucket, 'z')::bigint)
    FROM (
      SELECT bucket, sum(count) AS total FROM (
        SELECT bucket, count FROM sextant_sketch_buckets(a)
        UNION ALL SELECT bucket, sign * count FROM sextant_sketch_buckets(b)
      ) AS entries GROUP BY bucket
    ) AS buckets
    WHERE total > 0
    HAVING count(*) > 0
  ), '')
$$;
`;

/*
 * Version 2: annotations and trace links, written by people and programs a few at a time, so
 * they can afford an index per filter, each ending in (time_ns, id), the order of every listing.
 * `score_value` is JSONB, which keeps a score's type: a number, a label or a boolean. Rows name a
 * trace by (project, trace_id), so that they can be written before or after its spans come and go.
 */
const ANNOTATIONS_SCHEMA = `
CREATE TABLE annotations (
  project text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  trace_id text COLLATE "C" NOT NULL,
  span_id text COLLATE "C",
  time_ns bigint NOT NULL,
  author text COLLATE "C" NOT NULL,
  source text COLLATE "C" NOT NULL,
  text text NOT NULL,
  tags text[] COLLATE "C" NOT NULL,
  score_name text COLLATE "C",
  score_value jsonb,
  words tsvector NOT NULL,
  PRIMARY KEY (project, id)
);

CREATE INDEX annotations_by_time ON annotations (project, time_ns, id);
CREATE INDEX annotations_by_trace ON annotations (project, trace_id, time_ns, id);
CREATE INDEX annotations_by_author ON annotations (project, author, time_ns, id);
CREATE INDEX annotations_by_score ON annotations (project, score_name, time_ns, id) WHERE score_name IS NOT NULL;
CREATE INDEX annotations_by_tags ON annotations USING gin (tags);
CREATE INDEX annotations_by_words ON annotations USING gin (words);

CREATE TABLE trace_links (
  project text COLLATE "C" NOT NULL,
  trace_id text COLLATE "C" NOT NULL,
  correlation_id text COLLATE "C",
  replay_of text COLLATE "C",
  PRIMARY KEY (project, trace_id)
);

CREATE INDEX trace_links_by_correlation ON trace_links (project, correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX trace_links_by_replay ON trace_links (project, replay_of) WHERE replay_of IS NOT NULL;
`;

export const POSTGRES_MIGRATIONS: readonly PostgresMigrationStep[] = [
  {
    version: 1,
    description: 'spans, trace rollups, logs, metric points, per-minute span aggregates',
    sql: INITIAL_SCHEMA,
  },
  { version: 2, description: 'annotations and trace links', sql: ANNOTATIONS_SCHEMA },
];
