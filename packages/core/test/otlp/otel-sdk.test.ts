/**
 * Requests made by the real OpenTelemetry JS SDK and serialized by its own OTLP transformer, as
 * the exporters send them, in both encodings.
 */
import type { HrTime, Attributes as OtelAttributes } from '@opentelemetry/api';
import { context, SpanKind, SpanStatusCode, trace, ValueType } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { CollectionResult } from '@opentelemetry/sdk-metrics';
import { AggregationType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { AnyValue, Attributes } from '../../src/model/attributes.js';
import { emptyIngestCounts } from '../../src/model/limits.js';
import type { ExponentialHistogramPoint, HistogramPoint, SumPoint } from '../../src/model/metric-point.js';
import { decodeLogs, decodeMetrics, decodeTraces } from '../../src/otlp/index.js';
import { decodeOptions } from './helpers.js';

const options = decodeOptions();
const resource = resourceFromAttributes({ 'service.name': 'sdk-service', 'sextant.project': 'sdk-project' });

function nanos(time: HrTime): bigint {
  return BigInt(time[0]) * 1_000_000_000n + BigInt(time[1]);
}

/** The JS SDK sends whole numbers as OTLP ints and the others as doubles. */
function expectedValue(value: unknown): AnyValue {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(expectedValue);
  return value as AnyValue;
}

function expectedAttributes(attributes: OtelAttributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, expectedValue(value)]));
}

describe('spans from @opentelemetry/sdk-trace-base', async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('sextant-test', '1.2.3');
  const root = tracer.startSpan('agent run', {
    kind: SpanKind.SERVER,
    startTime: [1700000000, 123456789],
    attributes: {
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.request.temperature': 0.25,
      stream: true,
      'tag.tags': ['a', 'b'],
      scores: [1, 2.5],
    },
  });
  root.addEvent('gen_ai.choice', { index: 0, 'finish.reason': 'stop' }, [1700000000, 999999999]);
  root.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited' });
  const child = tracer.startSpan(
    'chat gpt-4o',
    {
      kind: SpanKind.CLIENT,
      startTime: [1700000001, 1],
      links: [{ context: root.spanContext(), attributes: { 'link.kind': 'retry' } }],
    },
    trace.setSpan(context.active(), root),
  );
  child.end([1700000002, 500]);
  root.end([1700000003, 0]);
  await provider.forceFlush();
  const finished = exporter.getFinishedSpans();

  it.each([
    ['protobuf', ProtobufTraceSerializer],
    ['json', JsonTraceSerializer],
  ] as const)('decode exactly from %s', (encoding, serializer) => {
    const body = serializer.serializeRequest(finished)!;
    const decoded = decodeTraces(body, encoding, options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    expect(decoded.spans).toHaveLength(2);
    for (const sdkSpan of finished) {
      const span = decoded.spans.find((candidate) => candidate.spanId === sdkSpan.spanContext().spanId)!;
      expect(span).toMatchObject({
        project: 'sdk-project',
        service: 'sdk-service',
        traceId: sdkSpan.spanContext().traceId,
        parentSpanId: sdkSpan.parentSpanContext?.spanId ?? '',
        name: sdkSpan.name,
        // The API's SpanKind starts at INTERNAL = 0; OTLP's at UNSPECIFIED = 0.
        kind: sdkSpan.kind + 1,
        startTimeUnixNano: nanos(sdkSpan.startTime),
        endTimeUnixNano: nanos(sdkSpan.endTime),
        status: { code: sdkSpan.status.code, message: sdkSpan.status.message ?? '' },
        attributes: expectedAttributes(sdkSpan.attributes),
        droppedAttributesCount: 0,
        droppedEventsCount: 0,
        droppedLinksCount: 0,
      });
      expect(span.flags & 0xff).toBe(sdkSpan.spanContext().traceFlags);
      expect(span.scope).toMatchObject({ name: 'sextant-test', version: '1.2.3' });
      expect(span.resource.attributes).toMatchObject({ 'service.name': 'sdk-service' });
      expect(span.events).toEqual(
        sdkSpan.events.map((event) => ({
          timeUnixNano: nanos(event.time),
          name: event.name,
          attributes: expectedAttributes(event.attributes ?? {}),
          droppedAttributesCount: 0,
        })),
      );
      expect(span.links.map((link) => [link.traceId, link.spanId, link.attributes])).toEqual(
        sdkSpan.links.map((link) => [
          link.context.traceId,
          link.context.spanId,
          expectedAttributes(link.attributes ?? {}),
        ]),
      );
    }
    expect(decoded.spans.find((span) => span.name === 'agent run')!.startTimeUnixNano).toBe(
      1700000000123456789n,
    );
  });

  it('both encodings decode to the same spans', () => {
    const fromProtobuf = decodeTraces(
      ProtobufTraceSerializer.serializeRequest(finished)!,
      'protobuf',
      options,
    );
    const fromJson = decodeTraces(JsonTraceSerializer.serializeRequest(finished)!, 'json', options);
    expect(fromJson.spans).toEqual(fromProtobuf.spans);
  });
});

describe('log records from @opentelemetry/sdk-logs', async () => {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger('log-scope', '0.1');
  const span = new BasicTracerProvider().getTracer('t').startSpan('s');
  logger.emit({
    timestamp: [1700000000, 123456789],
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: { message: 'slow call', ms: 1500 },
    attributes: { 'http.status_code': 429, retry: true },
    eventName: 'app.slow_call',
    context: trace.setSpan(context.active(), span),
  });
  await provider.forceFlush();
  const records = exporter.getFinishedLogRecords();

  it.each([
    ['protobuf', ProtobufLogsSerializer],
    ['json', JsonLogsSerializer],
  ] as const)('decode exactly from %s', (encoding, serializer) => {
    const decoded = decodeLogs(serializer.serializeRequest(records)!, encoding, options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    expect(decoded.logs).toHaveLength(1);
    expect(decoded.logs[0]).toMatchObject({
      project: 'sdk-project',
      service: 'sdk-service',
      timeUnixNano: 1700000000123456789n,
      observedTimeUnixNano: nanos(records[0]!.hrTimeObserved),
      severityNumber: 13,
      severityText: 'WARN',
      body: { message: 'slow call', ms: 1500n },
      attributes: { 'http.status_code': 429n, retry: true },
      eventName: 'app.slow_call',
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      scope: { name: 'log-scope', version: '0.1' },
    });
  });
});

class CollectingReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

describe('metrics from @opentelemetry/sdk-metrics', async () => {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource,
    readers: [reader],
    views: [{ instrumentName: 'latency.exp', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter('metric-scope', '3.0');
  meter.createCounter('tokens', { valueType: ValueType.INT, unit: '{token}' }).add(1234, { model: 'gpt-4o' });
  meter.createUpDownCounter('cost').add(0.25);
  const latency = meter.createHistogram('latency', { unit: 'ms' });
  const exponential = meter.createHistogram('latency.exp', { unit: 'ms' });
  for (const value of [3, 40, 900, 12000]) {
    latency.record(value);
    exponential.record(value);
  }
  meter.createGauge('queue.depth', { valueType: ValueType.INT }).record(7);
  const collected: CollectionResult = await reader.collect();

  it.each([
    ['protobuf', ProtobufMetricsSerializer],
    ['json', JsonMetricsSerializer],
  ] as const)('decode exactly from %s', (encoding, serializer) => {
    const decoded = decodeMetrics(serializer.serializeRequest(collected.resourceMetrics)!, encoding, options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    const byName = new Map(decoded.points.map((point) => [point.name, point]));
    expect([...byName.keys()].sort()).toEqual(['cost', 'latency', 'latency.exp', 'queue.depth', 'tokens']);
    const sdkPoint = (name: string) =>
      collected.resourceMetrics.scopeMetrics[0]!.metrics.find((metric) => metric.descriptor.name === name)!
        .dataPoints[0]!;

    const tokens = byName.get('tokens') as SumPoint;
    expect(tokens).toMatchObject({
      type: 'sum',
      value: 1234n,
      unit: '{token}',
      isMonotonic: true,
      aggregationTemporality: 2,
      attributes: { model: 'gpt-4o' },
      project: 'sdk-project',
      scope: { name: 'metric-scope', version: '3.0' },
      startTimeUnixNano: nanos(sdkPoint('tokens').startTime),
      timeUnixNano: nanos(sdkPoint('tokens').endTime),
    });
    expect(byName.get('cost')).toMatchObject({ type: 'sum', value: 0.25, isMonotonic: false });
    expect(byName.get('queue.depth')).toMatchObject({ type: 'gauge', value: 7n });

    const histogram = byName.get('latency') as HistogramPoint;
    const sdkHistogram = sdkPoint('latency').value as {
      buckets: { boundaries: number[]; counts: number[] };
      count: number;
    };
    expect(histogram).toMatchObject({ type: 'histogram', count: 4, sum: 12943, min: 3, max: 12000 });
    expect(histogram.explicitBounds).toEqual(sdkHistogram.buckets.boundaries);
    expect(histogram.bucketCounts).toEqual(sdkHistogram.buckets.counts);

    const exp = byName.get('latency.exp') as ExponentialHistogramPoint;
    const sdkExp = sdkPoint('latency.exp').value as {
      scale: number;
      zeroCount: number;
      positive: { offset: number; bucketCounts: number[] };
    };
    expect(exp).toMatchObject({
      type: 'exponential_histogram',
      count: 4,
      sum: 12943,
      min: 3,
      max: 12000,
      scale: sdkExp.scale,
      zeroCount: sdkExp.zeroCount,
      positive: sdkExp.positive,
    });
  });
});
