import type { Type } from 'protobufjs';
import type { IngestCounts } from '../model/limits.js';
import type { LogRecord } from '../model/log-record.js';
import type { MetricPoint } from '../model/metric-point.js';
import type { Span } from '../model/span.js';
import { createDecodeContext } from './decode-context.js';
import { OtlpDecodeError } from './errors.js';
import { parseOtlpJson } from './exact-json.js';
import type { RawObject } from './read-attributes.js';
import type { RequestLayout } from './read-groups.js';
import { countOne, readItems } from './read-groups.js';
import { readLogRecord } from './read-log-record.js';
import { readMetric, weighMetric } from './read-metric.js';
import { readSpan } from './read-span.js';
import { otlpSchema } from './schema.js';
import type { DecodedLogs, DecodedMetrics, DecodedTraces, DecodeOptions, OtlpEncoding } from './types.js';

const TRACES_LAYOUT: RequestLayout<Span> = {
  itemName: 'span',
  resourceGroups: ['resourceSpans', 'resource_spans'],
  scopeGroups: ['scopeSpans', 'scope_spans'],
  items: ['spans', 'spans'],
  readItem: readSpan,
  weigh: countOne,
};

const LOGS_LAYOUT: RequestLayout<LogRecord> = {
  itemName: 'log record',
  resourceGroups: ['resourceLogs', 'resource_logs'],
  scopeGroups: ['scopeLogs', 'scope_logs'],
  items: ['logRecords', 'log_records'],
  readItem: readLogRecord,
  weigh: countOne,
};

const METRICS_LAYOUT: RequestLayout<MetricPoint> = {
  itemName: 'metric',
  resourceGroups: ['resourceMetrics', 'resource_metrics'],
  scopeGroups: ['scopeMetrics', 'scope_metrics'],
  items: ['metrics', 'metrics'],
  readItem: readMetric,
  weigh: weighMetric,
};

/**
 * Both encodings become one object tree that the readers walk: protobufjs messages use the
 * same lowerCamelCase field names as OTLP/JSON, and the leaf readers accept either form.
 */
function readRequest(type: Type, body: Uint8Array, encoding: OtlpEncoding): RawObject {
  if (encoding === 'json') return parseOtlpJson(body);
  try {
    return type.decode(body) as unknown as RawObject;
  } catch (error) {
    throw new OtlpDecodeError(`invalid protobuf: ${(error as Error).message}`);
  }
}

function decode<T>(
  type: Type,
  layout: RequestLayout<T>,
  body: Uint8Array,
  encoding: OtlpEncoding,
  options: DecodeOptions,
): { items: T[]; counts: IngestCounts; rejections: string[] } {
  const request = readRequest(type, body, encoding);
  const context = createDecodeContext(options);
  const items: T[] = [];
  try {
    readItems(request, layout, context, items);
  } catch (error) {
    // Whatever else a hostile body manages to provoke still surfaces as the documented error.
    if (error instanceof OtlpDecodeError) throw error;
    throw new OtlpDecodeError(`cannot decode the request: ${(error as Error).message}`, { cause: error });
  }
  return { items, counts: context.counts, rejections: context.rejections };
}

export function decodeTraces(
  body: Uint8Array,
  encoding: OtlpEncoding,
  options: DecodeOptions,
): DecodedTraces {
  const { items, counts, rejections } = decode(
    otlpSchema.ExportTraceServiceRequest,
    TRACES_LAYOUT,
    body,
    encoding,
    options,
  );
  return { spans: items, counts, rejections };
}

export function decodeLogs(body: Uint8Array, encoding: OtlpEncoding, options: DecodeOptions): DecodedLogs {
  const { items, counts, rejections } = decode(
    otlpSchema.ExportLogsServiceRequest,
    LOGS_LAYOUT,
    body,
    encoding,
    options,
  );
  return { logs: items, counts, rejections };
}

export function decodeMetrics(
  body: Uint8Array,
  encoding: OtlpEncoding,
  options: DecodeOptions,
): DecodedMetrics {
  const { items, counts, rejections } = decode(
    otlpSchema.ExportMetricsServiceRequest,
    METRICS_LAYOUT,
    body,
    encoding,
    options,
  );
  return { points: items, counts, rejections };
}
