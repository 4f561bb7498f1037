import { formatRfc3339Nano } from '@sextant/core';
import type { Annotation, AnnotationCursor, AnnotationPage } from '@sextant/store';
import { decodeCursor, encodeCursor } from './cursor.js';

/** An annotation as the API shows it: its time both as RFC 3339 and exact nanoseconds. */
export function annotationView(annotation: Annotation) {
  return {
    id: annotation.id,
    traceId: annotation.traceId,
    spanId: annotation.spanId,
    author: annotation.author,
    text: annotation.text,
    tags: annotation.tags,
    score: annotation.score,
    source: annotation.source,
    time: formatRfc3339Nano(annotation.timeUnixNano),
    timeUnixNano: annotation.timeUnixNano.toString(),
  };
}

/*
 * An annotation's place in a listing is (time, 32-hex id), the shape of a trace's (start, trace
 * id): the same sealed cursor encoding carries it, so a cursor edited by hand is refused alike.
 */

export function encodeAnnotationCursor(cursor: AnnotationCursor): string {
  return encodeCursor({ startTimeUnixNano: cursor.timeUnixNano, traceId: cursor.id });
}

export function decodeAnnotationCursor(text: string): AnnotationCursor {
  const { startTimeUnixNano, traceId } = decodeCursor(text);
  return { timeUnixNano: startTimeUnixNano, id: traceId };
}

export function annotationPageView(page: AnnotationPage) {
  return {
    annotations: page.annotations.map(annotationView),
    nextCursor: page.nextCursor === null ? null : encodeAnnotationCursor(page.nextCursor),
  };
}
