import { type Attributes, type Context, context, type HrTime, type Span, trace } from '@opentelemetry/api';
import { reportInternalError, sdk, warnOnce } from '../setup/sdk-state.js';
import { type RecordingSpan, type SpanRef, toLink } from './span-handle.js';
import {
  isSpanKind,
  OPERATION_ATTRIBUTE,
  type SextantSpanKind,
  SPAN_KIND_ATTRIBUTE,
  SPAN_KINDS,
} from './span-kinds.js';

/** How a span starts. */
export interface SpanOptions {
  /** What the span is; default `step`. */
  kind?: SextantSpanKind;
  attributes?: Attributes;
  /** Links to other spans, recorded at start (samplers see them). */
  links?: SpanRef[];
  /**
   * A new trace instead of a child of the current span: for work resumed after a suspension,
   * link back to where it was suspended with `links`.
   */
  root?: boolean;
  /** An explicit parent (another process's span, a saved `ref()`), instead of the current span. */
  parent?: SpanRef;
}

export interface Opened<H extends RecordingSpan> {
  handle: H;
  /** The context the wrapped code runs in: the parent's, with this span current. */
  context: Context;
}

const DEFAULT_KIND: SextantSpanKind = 'step';

function parentContext(options: SpanOptions, active: Context): Context {
  if (options.root) return trace.deleteSpan(active);
  if (options.parent !== undefined) {
    return trace.setSpanContext(active, { ...toLink(options.parent).context, isRemote: true });
  }
  return active;
}

function kindOf(options: SpanOptions): SextantSpanKind {
  const kind = options.kind ?? DEFAULT_KIND;
  if (isSpanKind(kind)) return kind;
  warnOnce(
    `kind:${String(kind)}`,
    `span kind ${JSON.stringify(kind)} is not one of ${Object.keys(SPAN_KINDS).join(', ')}; using ${DEFAULT_KIND}`,
  );
  return DEFAULT_KIND;
}

/**
 * Starts a span with the SDK's tracer and clock and wraps it in a handle; its parent is the span
 * current in `base` (the active context, or one extracted from incoming headers). Null when it could not
 * be started: the caller then runs the application's code without a span.
 */
export function openSpan<H extends RecordingSpan>(
  name: string,
  options: SpanOptions,
  make: (span: Span, startTime: HrTime) => H,
  base: Context = context.active(),
): Opened<H> | null {
  try {
    const kind = kindOf(options);
    const spec: { operation?: string; nameAttribute?: string; otelKind: number } = SPAN_KINDS[kind];
    const attributes: Attributes = { [SPAN_KIND_ATTRIBUTE]: kind };
    if (spec.operation !== undefined) attributes[OPERATION_ATTRIBUTE] = spec.operation;
    if (spec.nameAttribute !== undefined) attributes[spec.nameAttribute] = name;
    if (options.attributes !== undefined) Object.assign(attributes, options.attributes);
    const parent = parentContext(options, base);
    const startTime = sdk.clock.now();
    const span = sdk.tracer.startSpan(
      name,
      {
        kind: spec.otelKind,
        attributes,
        startTime,
        ...(options.links === undefined ? {} : { links: options.links.map((link) => toLink(link)) }),
      },
      parent,
    );
    return { handle: make(span, startTime), context: trace.setSpan(parent, span) };
  } catch (error) {
    reportInternalError('starting a span', error);
    return null;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `fn` with the span current, through `await`, callbacks and parallel branches; ends the
 * span when `fn` returns or its promise settles, recording a throw or rejection as an error.
 */
export function runInSpan<H extends RecordingSpan, T>(opened: Opened<H>, fn: (span: H) => T): T {
  const { handle } = opened;
  return context.with(opened.context, () => {
    let result: T;
    try {
      result = fn(handle);
    } catch (error) {
      handle.recordError(error);
      handle.end();
      throw error;
    }
    if (!isThenable(result)) {
      handle.end();
      return result;
    }
    return result.then(
      (value) => {
        handle.end();
        return value;
      },
      (error: unknown) => {
        handle.recordError(error);
        handle.end();
        throw error;
      },
    ) as T;
  });
}
