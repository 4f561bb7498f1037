import type { Store } from '@sextant/store';
import { annotationPageView } from './annotation-view.js';
import { encodeCursor } from './cursor.js';

/** The newest annotations and replays a trace's view shows; cursors lead to the rest. */
export const TRACE_VIEW_ANNOTATIONS = 100;
export const TRACE_VIEW_REPLAYS = 20;

/**
 * What was said of a trace and how it relates to others, for its view: its newest annotations,
 * its correlation id, the trace it replays and the traces that replay it. The `nextCursor`s
 * continue on `GET /api/annotations?traceId=…` and `GET /api/traces/{traceId}/replays`.
 */
export async function traceNotesView(store: Store, project: string, traceId: string) {
  const [annotations, links, replays] = await Promise.all([
    store.findAnnotations({ project, traceId, limit: TRACE_VIEW_ANNOTATIONS }),
    store.getTraceLinks({ project, traceId }),
    store.findLinkedTraces({ project, field: 'replayOf', value: traceId, limit: TRACE_VIEW_REPLAYS }),
  ]);
  const { annotations: items, nextCursor } = annotationPageView(annotations);
  return {
    annotations: { items, nextCursor },
    correlationId: links.correlationId,
    replayOf: links.replayOf,
    replays: {
      traceIds: replays.traces.map((trace) => trace.traceId),
      nextCursor: replays.nextCursor ? encodeCursor(replays.nextCursor) : null,
    },
  };
}
