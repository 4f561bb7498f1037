import protobuf from 'protobufjs';
import { OTLP_PROTO_SOURCES } from './schema-proto.js';

// Without long.js, protobufjs reads 64-bit fields as JS numbers and nanosecond times lose
// their last digits; protobufjs depends on long.js, so this only fails in a broken install.
if (!protobuf.util.Long) {
  throw new Error('protobufjs has no Long support: install its `long` dependency');
}

const root = new protobuf.Root();
for (const source of OTLP_PROTO_SOURCES) protobuf.parse(source, root);
root.resolveAll();

export const otlpSchema = {
  ExportTraceServiceRequest: root.lookupType(
    'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  ),
  ExportLogsServiceRequest: root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest'),
  ExportMetricsServiceRequest: root.lookupType(
    'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
  ),
  ExportTraceServiceResponse: root.lookupType(
    'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
  ),
  ExportLogsServiceResponse: root.lookupType(
    'opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse',
  ),
  ExportMetricsServiceResponse: root.lookupType(
    'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse',
  ),
  Status: root.lookupType('google.rpc.Status'),
} as const;

/** Enum name → number, for OTLP/JSON senders that write enums by name. */
export const otlpEnums = {
  spanKind: root.lookupEnum('opentelemetry.proto.trace.v1.Span.SpanKind').values,
  statusCode: root.lookupEnum('opentelemetry.proto.trace.v1.Status.StatusCode').values,
  severityNumber: root.lookupEnum('opentelemetry.proto.logs.v1.SeverityNumber').values,
  aggregationTemporality: root.lookupEnum('opentelemetry.proto.metrics.v1.AggregationTemporality').values,
} as const;
