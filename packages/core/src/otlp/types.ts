import type { IngestCounts, IngestLimits } from '../model/limits.js';
import type { LogRecord } from '../model/log-record.js';
import type { MetricPoint } from '../model/metric-point.js';
import type { Span } from '../model/span.js';

export const OTLP_ENCODINGS = ['protobuf', 'json'] as const;
export type OtlpEncoding = (typeof OTLP_ENCODINGS)[number];

export const OTLP_SIGNALS = ['traces', 'logs', 'metrics'] as const;
export type OtlpSignal = (typeof OTLP_SIGNALS)[number];

export interface DecodeOptions {
  /** The project of data whose resource names none with `sextant.project`. */
  project: string;
  limits: IngestLimits;
}

/** What one request held: the items kept, and what had to be rejected, cut or dropped. */
interface Decoded {
  counts: IngestCounts;
  /** Why items were rejected: the first few messages only. */
  rejections: string[];
}

export interface DecodedTraces extends Decoded {
  spans: Span[];
}

export interface DecodedLogs extends Decoded {
  logs: LogRecord[];
}

export interface DecodedMetrics extends Decoded {
  points: MetricPoint[];
}
