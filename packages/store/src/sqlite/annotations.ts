import { indexableText } from '@sextant/core';
import type Database from 'better-sqlite3';
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
import { CachedStatements } from './cached-statements.js';
import { WhereClause } from './where-clause.js';

/** The columns of `annotations`, in the order of `AnnotationRow`. */
const ANNOTATION_COLUMNS =
  'id, project, trace_id, span_id, time_ns, author, source, text, tags, score_name, score_value';

const COLUMN_NAMES = ANNOTATION_COLUMNS.split(', ');
const INSERT_ANNOTATION = `INSERT INTO annotations (${ANNOTATION_COLUMNS}) VALUES (${COLUMN_NAMES.map(() => '?').join(', ')})`;
/** The same columns, from the table named `a`. */
const ANNOTATION_COLUMNS_OF_A = COLUMN_NAMES.map((column) => `a.${column}`).join(', ');

type AnnotationRow = [
  id: string,
  project: string,
  traceId: string,
  spanId: string | null,
  timeUnixNano: bigint,
  author: string,
  source: string,
  text: string,
  /** JSON array of strings. */
  tags: string,
  scoreName: string | null,
  /** As stored: a REAL, a TEXT label, or a boolean as INTEGER 0/1 (read as a bigint). */
  scoreValue: number | string | bigint | null,
];

function annotationRow(annotation: Annotation): AnnotationRow {
  const { score } = annotation;
  const value = score === null ? null : typeof score.value === 'boolean' ? BigInt(score.value) : score.value;
  return [
    annotation.id,
    annotation.project,
    annotation.traceId,
    annotation.spanId,
    annotation.timeUnixNano,
    annotation.author,
    annotation.source,
    annotation.text,
    JSON.stringify(annotation.tags),
    score?.name ?? null,
    value,
  ];
}

function decodeAnnotation(row: AnnotationRow): Annotation {
  const [id, project, traceId, spanId, timeUnixNano, author, source, text, tags, scoreName, scoreValue] = row;
  return {
    id,
    project,
    traceId,
    spanId,
    timeUnixNano,
    author,
    source: source as AnnotationSource,
    text,
    tags: JSON.parse(tags) as string[],
    score: scoreName === null ? null : { name: scoreName, value: decodeScoreValue(scoreValue!) },
  };
}

function decodeScoreValue(value: number | string | bigint): ScoreValue {
  return typeof value === 'bigint' ? value !== 0n : value;
}

/**
 * Whether the project holds the target: the trace, and the span when one is named. Read through
 * the connection given, inside whatever transaction it is in.
 */
export function holdsTarget(
  statements: CachedStatements,
  project: string,
  target: AnnotationTarget,
): boolean {
  const [row] = statements.rows<[bigint]>(
    'SELECT EXISTS (SELECT 1 FROM traces t WHERE t.project = ? AND t.trace_id = ? AND (? IS NULL OR ' +
      'EXISTS (SELECT 1 FROM spans s WHERE s.trace_key = t.trace_key AND s.span_id = ?)))',
    [project, target.traceId, target.spanId, target.spanId],
  );
  return row![0] === 1n;
}

/**
 * A SQLite store's annotations. Writes run on the store's own connection, in an immediate
 * transaction each: they are few and small, and checking their targets needs the spans as
 * committed. Reads run inside the store's read transaction.
 */
export class SqliteAnnotations {
  readonly #statements: CachedStatements;
  readonly #add: Database.Transaction<
    (project: string, annotations: readonly NewAnnotation[]) => Annotation[]
  >;
  readonly #delete: Database.Transaction<(project: string, id: string) => boolean>;

  constructor(db: Database.Database) {
    this.#statements = new CachedStatements(db);
    this.#add = db.transaction((project, annotations) => this.#addInTransaction(project, annotations));
    this.#delete = db.transaction((project, id) => this.#deleteInTransaction(project, id));
  }

  add(project: string, annotations: readonly NewAnnotation[]): Annotation[] {
    checkNewAnnotations(annotations);
    return this.#add.immediate(project, annotations);
  }

  delete(project: string, id: string): boolean {
    return this.#delete.immediate(project, id);
  }

  /**
   * Newest first. A search on a tag walks that tag's rows in page order; any other search walks
   * the index its equality conditions choose, each of which ends in page order.
   */
  find(query: AnnotationQuery): AnnotationPage {
    const limit = pageLimit(query.limit, MAX_ANNOTATION_PAGE);
    const byTag = query.tag !== undefined;
    // The table whose (time_ns, id) the walk follows.
    const order = byTag ? 'g' : 'a';
    const where = new WhereClause(`${order}.project = ?`, query.project);
    where.add('g.tag = ? AND a.annotation_key = g.annotation_key', query.tag);
    where.add('a.trace_id = ?', query.traceId);
    where.add('a.span_id = ?', query.spanId);
    where.add('a.score_name = ?', query.scoreName);
    where.add('a.author = ?', query.author);
    where.add('a.source = ?', query.source);
    where.add(`${order}.time_ns >= ?`, query.timeMin);
    where.add(`${order}.time_ns <= ?`, query.timeMax);
    where.add(`(${order}.time_ns, ${order}.id) < (?, ?)`, query.after?.timeUnixNano, query.after?.id);
    // CROSS JOIN keeps the tag's rows as the outer loop, in their order.
    const from = byTag ? 'annotation_tags g CROSS JOIN annotations a' : 'annotations a';
    const rows = this.#statements.rows<AnnotationRow>(
      `SELECT ${ANNOTATION_COLUMNS_OF_A} FROM ${from} WHERE ${where.sql} ` +
        `ORDER BY ${order}.time_ns DESC, ${order}.id DESC LIMIT ?`,
      [...where.params, limit + 1],
    );
    return annotationPageOf(rows.map(decodeAnnotation), limit);
  }

  #addInTransaction(project: string, annotations: readonly NewAnnotation[]): Annotation[] {
    requireTargets(project, annotations, (target) => holdsTarget(this.#statements, project, target));
    return annotations.map((annotation) => {
      const stored = withNewId(project, annotation);
      const key = this.#statements.statement(INSERT_ANNOTATION).run(...annotationRow(stored)).lastInsertRowid;
      this.#statements.run('INSERT INTO annotation_words (rowid, words) VALUES (?, ?)', [
        key,
        indexableText([stored.text, ...stored.tags].join('\n')),
      ]);
      for (const tag of stored.tags) {
        this.#statements.run(
          'INSERT INTO annotation_tags (project, tag, time_ns, id, annotation_key) VALUES (?, ?, ?, ?, ?)',
          [project, tag, stored.timeUnixNano, stored.id, key],
        );
      }
      return stored;
    });
  }

  #deleteInTransaction(project: string, id: string): boolean {
    const [found] = this.#statements.rows<[bigint]>(
      'SELECT annotation_key FROM annotations WHERE project = ? AND id = ?',
      [project, id],
    );
    if (found === undefined) return false;
    removeAnnotation(this.#statements, found[0]);
    return true;
  }
}

/** Removes an annotation, its tags and its words. */
export function removeAnnotation(statements: CachedStatements, key: bigint): void {
  statements.run('DELETE FROM annotation_words WHERE rowid = ?', [key]);
  statements.run('DELETE FROM annotation_tags WHERE annotation_key = ?', [key]);
  statements.run('DELETE FROM annotations WHERE annotation_key = ?', [key]);
}
