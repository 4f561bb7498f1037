import type pg from 'pg';
import {
  type Annotation,
  type AnnotationPage,
  type AnnotationQuery,
  type AnnotationSource,
  type AnnotationTarget,
  annotationPageOf,
  checkNewAnnotations,
  MAX_ANNOTATION_PAGE,
  type NewAnnotation,
  requireTargets,
  type ScoreValue,
  withNewId,
} from '../annotations.js';
import { pageLimit } from '../query/page-limit.js';
import { WhereClause } from '../sqlite/where-clause.js';
import { columnText, insertValues, jsonbText, unnestInsert } from './batch-rows.js';
import { inTransaction, positional, type Queryable, rows } from './connection.js';
import { tsvectorOf } from './words.js';

const ANNOTATION_COLUMNS = [
  ['project', 'text'],
  ['id', 'text'],
  ['trace_id', 'text'],
  ['span_id', 'text'],
  ['time_ns', 'bigint'],
  ['author', 'text'],
  ['source', 'text'],
  ['text', 'text'],
  ['tags', 'text[]'],
  ['score_name', 'text'],
  ['score_value', 'jsonb'],
  ['words', 'tsvector'],
] as const;

const INSERT_ANNOTATIONS = unnestInsert('annotations', ANNOTATION_COLUMNS);
/** The columns read back, in the order of `AnnotationRow`. */
const READ_COLUMNS = ANNOTATION_COLUMNS.slice(0, -1)
  .map(([name]) => `a.${name}`)
  .join(', ');

type AnnotationRow = [
  project: string,
  id: string,
  traceId: string,
  spanId: string | null,
  timeUnixNano: bigint,
  author: string,
  source: string,
  text: string,
  tags: string[],
  scoreName: string | null,
  /** JSONB keeps the score's type: a number, a label or a boolean. */
  scoreValue: ScoreValue | null,
];

function decodeAnnotation(row: AnnotationRow): Annotation {
  const [project, id, traceId, spanId, timeUnixNano, author, source, text, tags, scoreName, scoreValue] = row;
  return {
    id,
    project,
    traceId,
    spanId,
    timeUnixNano,
    author,
    source: source as AnnotationSource,
    text,
    tags,
    score: scoreName === null ? null : { name: scoreName, value: scoreValue! },
  };
}

/** An array as text-array input (elements quoted, so any text is safe). */
function textArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * The targets among these that the project holds, as `trace/span` keys (`trace/` for a trace).
 * The traces found are locked against deletion until the caller's transaction ends.
 */
export async function heldTargets(
  on: Queryable,
  project: string,
  targets: readonly AnnotationTarget[],
): Promise<Set<string>> {
  const traces = await rows<[string]>(
    on,
    'SELECT trace_id FROM traces WHERE project = $1 AND trace_id = ANY($2::text[]) FOR SHARE',
    [project, [...new Set(targets.map((target) => target.traceId))]],
  );
  const held = new Set(traces.map(([traceId]) => `${traceId}/`));
  const spanTargets = targets.filter((target) => target.spanId !== null && held.has(`${target.traceId}/`));
  if (spanTargets.length > 0) {
    const spans = await rows<[string, string]>(
      on,
      'SELECT s.trace_id, s.span_id FROM spans s JOIN unnest($2::text[], $3::text[]) AS w (trace_id, span_id) ' +
        'ON s.trace_id = w.trace_id AND s.span_id = w.span_id WHERE s.project = $1',
      [project, spanTargets.map((target) => target.traceId), spanTargets.map((target) => target.spanId)],
    );
    for (const [traceId, spanId] of spans) held.add(`${traceId}/${spanId}`);
  }
  return held;
}

export function targetKey({ traceId, spanId }: AnnotationTarget): string {
  return `${traceId}/${spanId ?? ''}`;
}

/**
 * A PostgreSQL store's annotations. An addition checks its targets and stores its annotations in
 * one transaction, the targets' traces locked so that no concurrent deletion slips in between.
 */
export class PostgresAnnotations {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async add(project: string, annotations: readonly NewAnnotation[]): Promise<Annotation[]> {
    checkNewAnnotations(annotations);
    return inTransaction(this.#pool, async (client) => {
      const held = await heldTargets(client, project, annotations);
      requireTargets(project, annotations, (target) => held.has(targetKey(target)));
      const stored = annotations.map((annotation) => withNewId(project, annotation));
      if (stored.length > 0) {
        const tuples = stored.map((annotation) => [
          project,
          annotation.id,
          annotation.traceId,
          annotation.spanId,
          annotation.timeUnixNano,
          columnText(annotation.author),
          annotation.source,
          columnText(annotation.text),
          textArray(annotation.tags.map(columnText)),
          annotation.score === null ? null : columnText(annotation.score.name),
          annotation.score === null ? null : jsonbText(JSON.stringify(annotation.score.value)),
          tsvectorOf([annotation.text, ...annotation.tags].join('\n')),
        ]);
        await client.query(INSERT_ANNOTATIONS, insertValues(ANNOTATION_COLUMNS, tuples));
      }
      return stored;
    });
  }

  async delete(project: string, id: string): Promise<boolean> {
    const count = await this.#pool.query('DELETE FROM annotations WHERE project = $1 AND id = $2', [
      project,
      id,
    ]);
    return (count.rowCount ?? 0) > 0;
  }

  /** Newest first, by the index its conditions choose, each ending in page order. */
  async find(query: AnnotationQuery): Promise<AnnotationPage> {
    const limit = pageLimit(query.limit, MAX_ANNOTATION_PAGE);
    const where = new WhereClause('a.project = ?', query.project);
    if (query.tag !== undefined) where.add('a.tags @> ?::text[]', [query.tag]);
    where.add('a.trace_id = ?', query.traceId);
    where.add('a.span_id = ?', query.spanId);
    where.add('a.score_name = ?', query.scoreName);
    where.add('a.author = ?', query.author);
    where.add('a.source = ?', query.source);
    where.add('a.time_ns >= ?', query.timeMin);
    where.add('a.time_ns <= ?', query.timeMax);
    where.add('(a.time_ns, a.id) < (?, ?)', query.after?.timeUnixNano, query.after?.id);
    const found = await rows<AnnotationRow>(
      this.#pool,
      positional(
        `SELECT ${READ_COLUMNS} FROM annotations a WHERE ${where.sql} ORDER BY a.time_ns DESC, a.id DESC LIMIT ?`,
      ),
      [...where.params, limit + 1],
    );
    return annotationPageOf(found.map(decodeAnnotation), limit);
  }
}
