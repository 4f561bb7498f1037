import {
  type Annotation,
  type AnnotationCursor,
  type AnnotationPage,
  type AnnotationQuery,
  annotationPageOf,
  checkNewAnnotations,
  MAX_ANNOTATION_PAGE,
  type NewAnnotation,
  requireTargets,
  withNewId,
} from '../annotations.js';
import { pageLimit } from '../query/page-limit.js';
import { rollupKey } from '../rollup/trace-rollup.js';
import type { MemoryState, TraceEntry } from './state.js';

/**
 * The annotations of a memory store, kept with the trace they are on: keyed weakly by its entry,
 * they go when the trace is evicted, and a trace that comes again after eviction starts bare.
 */
export class MemoryAnnotations {
  readonly #byTrace = new WeakMap<TraceEntry, Annotation[]>();

  add(state: MemoryState, project: string, annotations: readonly NewAnnotation[]): Annotation[] {
    checkNewAnnotations(annotations);
    const entryOf = (traceId: string) => state.traces.get(rollupKey(project, traceId));
    requireTargets(project, annotations, ({ traceId, spanId }) => {
      const entry = entryOf(traceId);
      return entry !== undefined && (spanId === null || entry.spans.has(spanId));
    });
    return annotations.map((annotation) => {
      const stored = withNewId(project, annotation);
      const entry = entryOf(annotation.traceId)!;
      const list = this.#byTrace.get(entry);
      if (list === undefined) this.#byTrace.set(entry, [stored]);
      else list.push(stored);
      return stored;
    });
  }

  find(state: MemoryState, query: AnnotationQuery): AnnotationPage {
    const limit = pageLimit(query.limit, MAX_ANNOTATION_PAGE);
    const matches: Annotation[] = [];
    for (const list of this.#listsOf(state, query.project, query.traceId)) {
      for (const annotation of list) if (matchesQuery(annotation, query)) matches.push(annotation);
    }
    matches.sort(compareNewestFirst);
    return annotationPageOf(matches.slice(0, limit + 1), limit);
  }

  delete(state: MemoryState, project: string, id: string): boolean {
    for (const list of this.#listsOf(state, project, undefined)) {
      const index = list.findIndex((annotation) => annotation.id === id);
      if (index < 0) continue;
      list.splice(index, 1);
      return true;
    }
    return false;
  }

  /** Every annotation of the project, by trace in insertion order. */
  all(state: MemoryState, project: string): Annotation[] {
    return [...this.#listsOf(state, project, undefined)].flat();
  }

  /** The annotation lists of the project's traces held, or of the one trace named. */
  *#listsOf(state: MemoryState, project: string, traceId: string | undefined): Iterable<Annotation[]> {
    const entries =
      traceId === undefined ? state.traces.values() : [state.traces.get(rollupKey(project, traceId))];
    for (const entry of entries) {
      if (entry === undefined || entry.rollup.project !== project) continue;
      const list = this.#byTrace.get(entry);
      if (list !== undefined) yield list;
    }
  }
}

function matchesQuery(annotation: Annotation, query: AnnotationQuery): boolean {
  const { spanId, tag, scoreName, author, source, timeMin, timeMax, after } = query;
  if (spanId !== undefined && annotation.spanId !== spanId) return false;
  if (tag !== undefined && !annotation.tags.includes(tag)) return false;
  if (scoreName !== undefined && annotation.score?.name !== scoreName) return false;
  if (author !== undefined && annotation.author !== author) return false;
  if (source !== undefined && annotation.source !== source) return false;
  if (timeMin !== undefined && annotation.timeUnixNano < timeMin) return false;
  if (timeMax !== undefined && annotation.timeUnixNano > timeMax) return false;
  return after === undefined || compareNewestFirst(annotation, after) > 0;
}

/** Time descending, then id descending: the order of every page. */
function compareNewestFirst(a: AnnotationCursor, b: AnnotationCursor): number {
  if (a.timeUnixNano !== b.timeUnixNano) return a.timeUnixNano > b.timeUnixNano ? -1 : 1;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}
