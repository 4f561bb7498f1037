import {
  type Attributes,
  type AttributeValue,
  type HrTime,
  INVALID_SPANID,
  INVALID_TRACEID,
  type Link,
  type Span,
  SpanStatusCode,
  TraceFlags,
} from '@opentelemetry/api';
import { sdk } from '../setup/sdk-state.js';

/** A span to link to or resume under: what `span.ref()` and `currentSpanRef()` give, serializable. */
export interface SpanRef {
  traceId: string;
  spanId: string;
  /** W3C trace flags (1 = sampled). Default 1. */
  traceFlags?: number;
}

/** What `withSpan` and the other helpers hand to the code they wrap. */
export interface SpanHandle {
  /** 32 hex digits; all zeros when tracing is disabled. */
  readonly traceId: string;
  /** 16 hex digits; all zeros when tracing is disabled. */
  readonly spanId: string;
  /** False when nothing is recorded (SDK disabled, or the trace was not sampled). */
  readonly recording: boolean;
  /** Sets one attribute, at any time before the span ends; undefined and null are ignored. */
  setAttribute(key: string, value: AttributeValue | undefined | null): this;
  setAttributes(attributes: Attributes): this;
  /** A timestamped event on the span. */
  addEvent(name: string, attributes?: Attributes): this;
  /** A link to another span (of this trace or another). */
  addLink(to: SpanRef, attributes?: Attributes): this;
  /** Records the error as an exception event and sets the span's status to error. */
  recordError(error: unknown): this;
  /** This span as a link target or parent, for work resumed later or elsewhere. */
  ref(): SpanRef;
  /** Ends the span (the helpers do it when the wrapped function returns); later calls do nothing. */
  end(): void;
}

export function toLink(ref: SpanRef, attributes?: Attributes): Link {
  return {
    context: { traceId: ref.traceId, spanId: ref.spanId, traceFlags: ref.traceFlags ?? TraceFlags.SAMPLED },
    ...(attributes === undefined ? {} : { attributes }),
  };
}

/** The OpenTelemetry exception attributes of anything thrown. */
export function exceptionOf(error: unknown): { type: string; message: string; stack?: string } {
  if (error instanceof Error) {
    return { type: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  }
  return { type: typeof error, message: String(error) };
}

/** Records `error` on any OpenTelemetry span as an exception event, `error.type` and error status. */
export function recordErrorOn(span: Span, error: unknown): void {
  const exception = exceptionOf(error);
  span.recordException(
    {
      name: exception.type,
      message: exception.message,
      ...(exception.stack ? { stack: exception.stack } : {}),
    },
    sdk.clock.now(),
  );
  span.setAttribute('error.type', exception.type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}

/** A span being recorded. Every time it writes comes from the SDK's clock. */
export class RecordingSpan implements SpanHandle {
  readonly otelSpan: Span;
  readonly startTime: HrTime;
  #ended = false;

  constructor(otelSpan: Span, startTime: HrTime) {
    this.otelSpan = otelSpan;
    this.startTime = startTime;
  }

  get traceId(): string {
    return this.otelSpan.spanContext().traceId;
  }

  get spanId(): string {
    return this.otelSpan.spanContext().spanId;
  }

  get recording(): boolean {
    return this.otelSpan.isRecording();
  }

  setAttribute(key: string, value: AttributeValue | undefined | null): this {
    if (value !== undefined && value !== null) this.otelSpan.setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const [key, value] of Object.entries(attributes)) this.setAttribute(key, value);
    return this;
  }

  addEvent(name: string, attributes?: Attributes): this {
    this.otelSpan.addEvent(name, attributes, sdk.clock.now());
    return this;
  }

  addLink(to: SpanRef, attributes?: Attributes): this {
    this.otelSpan.addLink(toLink(to, attributes));
    return this;
  }

  recordError(error: unknown): this {
    recordErrorOn(this.otelSpan, error);
    return this;
  }

  ref(): SpanRef {
    const context = this.otelSpan.spanContext();
    return { traceId: context.traceId, spanId: context.spanId, traceFlags: context.traceFlags };
  }

  end(): void {
    this.endAt(sdk.clock.now());
  }

  /** Ends the span at a given time (a marker at its start, a timer at the time it measured). */
  endAt(time: HrTime): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      this.beforeEnd();
    } finally {
      this.otelSpan.end(time);
    }
  }

  /** Last attributes computed from what was recorded (the LLM call's cost). */
  protected beforeEnd(): void {}
}

/** The handle given while tracing is disabled: every method does nothing. */
export class NoopSpan implements SpanHandle {
  readonly traceId = INVALID_TRACEID;
  readonly spanId = INVALID_SPANID;
  readonly recording = false;

  setAttribute(): this {
    return this;
  }

  setAttributes(): this {
    return this;
  }

  addEvent(): this {
    return this;
  }

  addLink(): this {
    return this;
  }

  recordError(): this {
    return this;
  }

  ref(): SpanRef {
    return { traceId: INVALID_TRACEID, spanId: INVALID_SPANID, traceFlags: TraceFlags.NONE };
  }

  end(): void {}
}

export const NOOP_SPAN: SpanHandle = new NoopSpan();
