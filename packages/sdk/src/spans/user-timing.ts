import { type Attributes, type Context, context, type HrTime } from '@opentelemetry/api';
import { millisBetween } from '../setup/clock.js';
import { sdk } from '../setup/sdk-state.js';
import { openSpan } from './open-span.js';
import { NOOP_SPAN, RecordingSpan, type SpanHandle } from './span-handle.js';

/** A stopwatch that is also a span when tracing is on. */
export interface Timer {
  /** The span, or a no-op handle when tracing is disabled. */
  readonly span: SpanHandle;
  /** Stops the timer (and ends the span at that instant): milliseconds since it started, always. */
  end(): number;
}

class RunningTimer implements Timer {
  readonly span: SpanHandle;
  readonly context: Context;
  readonly #start: HrTime;
  #durationMs: number | null = null;

  constructor(name: string, attributes: Attributes | undefined) {
    const opened = sdk.recording
      ? openSpan(
          name,
          { kind: 'timer', ...(attributes === undefined ? {} : { attributes }) },
          (span, startTime) => new RecordingSpan(span, startTime),
        )
      : null;
    this.span = opened?.handle ?? NOOP_SPAN;
    this.context = opened?.context ?? context.active();
    this.#start = opened?.handle.startTime ?? sdk.clock.now();
  }

  end(): number {
    if (this.#durationMs !== null) return this.#durationMs;
    const end = sdk.clock.now();
    this.#durationMs = millisBetween(this.#start, end);
    if (this.span instanceof RecordingSpan) this.span.endAt(end);
    return this.#durationMs;
  }
}

/**
 * Starts a timer. It measures even when tracing is disabled, so code can use it as its stopwatch;
 * when tracing is on it is also a span (child of the current one) lasting exactly what it returns.
 */
export function startTimer(name: string, attributes?: Attributes): Timer {
  return new RunningTimer(name, attributes);
}

/** Runs `fn` inside a timer: its value and how long it took, in milliseconds, always. */
export async function timed<T>(
  name: string,
  fn: () => T | Promise<T>,
  attributes?: Attributes,
): Promise<{ value: T; durationMs: number }> {
  const timer = new RunningTimer(name, attributes);
  try {
    const value = await context.with(timer.context, fn);
    return { value, durationMs: timer.end() };
  } catch (error) {
    timer.span.recordError(error);
    timer.end();
    throw error;
  }
}
