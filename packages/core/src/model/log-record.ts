import type { AnyValue, Attributes } from './attributes.js';
import type { InstrumentationScope, Resource } from './resource.js';

/** One OTLP log record as Sextant keeps it. */
export interface LogRecord {
  project: string;
  /** Nanoseconds since the Unix epoch, exact; 0n when the source did not set it. */
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  /** OTLP `SeverityNumber` (0..24). */
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  /** 32 lower-case hex digits, or '' when the record is not correlated with a trace. */
  traceId: string;
  /** 16 lower-case hex digits, or ''. */
  spanId: string;
  flags: number;
  eventName: string;
  service: string;
  resource: Resource;
  scope: InstrumentationScope;
  attributes: Attributes;
  droppedAttributesCount: number;
}
