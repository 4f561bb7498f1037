import type { MigrationStep } from './schema.js';

/*
 * Version 3: annotations and trace links. These are written by people and programs, a few at a
 * time, never at ingest rates, so unlike the span tables they can afford an index per filter.
 * - `annotations` keeps `text` and `tags` (a JSON array) in plain columns, for a full-text index to
 *   cover. `span_id` is NULL for an annotation on the trace as a whole. `score_value` has no
 *   declared type, so that no affinity converts it: REAL for a numeric score, TEXT for a label
 *   (even one that reads as a number), INTEGER 0/1 for a boolean.
 *   Each index ends in (time_ns, id), the order of every listing, so a filtered page is one range.
 * - `annotation_tags` holds one row per tag, in that same order, so a rare tag is found directly;
 *   its rows are found by annotation too, to go with it.
 * - `trace_links` holds a row per trace that has a correlation id or is a replay; the partial
 *   indexes find the traces sharing a correlation id and the replays of a trace.
 * Rows name a trace by (project, trace_id), not by its `trace_key`, so that they can be written
 * before or after the trace's spans come and go; reads join on `traces` where that matters.
 */
const ANNOTATIONS_SCHEMA = `
CREATE TABLE annotations (
  annotation_key INTEGER PRIMARY KEY,
  project TEXT NOT NULL,
  id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  span_id TEXT,
  time_ns INTEGER NOT NULL,
  author TEXT NOT NULL,
  source TEXT NOT NULL,
  text TEXT NOT NULL,
  tags TEXT NOT NULL,
  score_name TEXT,
  score_value
);

CREATE UNIQUE INDEX annotations_by_id ON annotations (project, id);
CREATE INDEX annotations_by_time ON annotations (project, time_ns, id);
CREATE INDEX annotations_by_trace ON annotations (project, trace_id, time_ns, id);
CREATE INDEX annotations_by_author ON annotations (project, author, time_ns, id);
CREATE INDEX annotations_by_score ON annotations (project, score_name, time_ns, id) WHERE score_name IS NOT NULL;

CREATE TABLE annotation_tags (
  project TEXT NOT NULL,
  tag TEXT NOT NULL,
  time_ns INTEGER NOT NULL,
  id TEXT NOT NULL,
  annotation_key INTEGER NOT NULL,
  PRIMARY KEY (project, tag, time_ns, id)
) WITHOUT ROWID;

CREATE INDEX annotation_tags_by_annotation ON annotation_tags (annotation_key);

CREATE VIRTUAL TABLE annotation_words USING fts5(
  words, content='', contentless_delete=1,
  tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);

CREATE TABLE trace_links (
  project TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  correlation_id TEXT,
  replay_of TEXT,
  PRIMARY KEY (project, trace_id)
) WITHOUT ROWID;

CREATE INDEX trace_links_by_correlation ON trace_links (project, correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX trace_links_by_replay ON trace_links (project, replay_of) WHERE replay_of IS NOT NULL;
`;

export const ANNOTATIONS_MIGRATION: MigrationStep = {
  version: 3,
  description: 'annotations, their tags, and trace links (correlation ids, replays)',
  sql: ANNOTATIONS_SCHEMA,
};
