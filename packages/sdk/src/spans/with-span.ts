import { sdk } from '../setup/sdk-state.js';
import { openSpan, runInSpan, type SpanOptions } from './open-span.js';
import { NOOP_SPAN, RecordingSpan, type SpanHandle } from './span-handle.js';

const NO_OPTIONS: SpanOptions = {};

function recordingSpan(
  span: RecordingSpan['otelSpan'],
  startTime: RecordingSpan['startTime'],
): RecordingSpan {
  return new RecordingSpan(span, startTime);
}

/**
 * Runs `fn` (sync or async) inside a new span, child of the current one. The span ends when `fn`
 * returns or its promise settles; a throw or rejection is recorded and the span marked as an
 * error, then passed on unchanged.
 */
export function withSpan<T>(name: string, fn: (span: SpanHandle) => T): T;
export function withSpan<T>(name: string, options: SpanOptions, fn: (span: SpanHandle) => T): T;
export function withSpan<T>(
  name: string,
  optionsOrFn: SpanOptions | ((span: SpanHandle) => T),
  maybeFn?: (span: SpanHandle) => T,
): T {
  const fn = maybeFn ?? (optionsOrFn as (span: SpanHandle) => T);
  if (!sdk.recording) return fn(NOOP_SPAN);
  const opened = openSpan(
    name,
    maybeFn === undefined ? NO_OPTIONS : (optionsOrFn as SpanOptions),
    recordingSpan,
  );
  return opened === null ? fn(NOOP_SPAN) : runInSpan(opened, fn);
}

/**
 * Starts a span that the caller ends with `span.end()`, for work that does not fit in one
 * function (a stream consumed elsewhere). It is not made current: pass `span.ref()` as `parent`
 * to nest spans under it.
 */
export function startSpan(name: string, options: SpanOptions = NO_OPTIONS): SpanHandle {
  if (!sdk.recording) return NOOP_SPAN;
  return openSpan(name, options, recordingSpan)?.handle ?? NOOP_SPAN;
}
