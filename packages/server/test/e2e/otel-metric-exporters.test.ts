import { ValueType } from '@opentelemetry/api';
import { OTLPMetricExporter as OtlpHttpJsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OtlpProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationType,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { DEFAULT_INGEST_LIMITS, decodeMetrics, type MetricPoint } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const exporters: Array<[string, () => PushMetricExporter]> = [
  ['OTLP/HTTP JSON', () => new OtlpHttpJsonMetricExporter({ url: `${server.url}/v1/metrics` })],
  ['OTLP/HTTP protobuf', () => new OtlpProtoMetricExporter({ url: `${server.url}/v1/metrics` })],
];

describe.each(exporters)('the real %s metric exporter', (name, makeExporter) => {
  it('sends every metric type, read back exactly', async () => {
    const service = `e2e-metrics-${name.replace(/\W+/g, '-')}`;
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      views: [
        { instrumentName: 'llm.latency.exp', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } },
      ],
      readers: [
        new PeriodicExportingMetricReader({ exporter: makeExporter(), exportIntervalMillis: 3_600_000 }),
      ],
    });
    const meter = provider.getMeter('e2e-meter', '3.0.0');
    const tokens = meter.createCounter('llm.tokens', {
      unit: '{token}',
      description: 'tokens used',
      valueType: ValueType.INT,
    });
    tokens.add(1200, { model: 'gpt-4o' });
    tokens.add(300, { model: 'gpt-4o' });
    meter.createUpDownCounter('queue.depth', { valueType: ValueType.INT }).add(-4);
    meter.createCounter('cost.usd').add(0.25); // a double sum
    const latency = meter.createHistogram('llm.latency', {
      unit: 'ms',
      advice: { explicitBucketBoundaries: [10, 100, 1000] },
    });
    for (const ms of [5, 50, 500, 5000]) latency.record(ms);
    const expLatency = meter.createHistogram('llm.latency.exp', { unit: 'ms' });
    for (const ms of [1, 2, 4, 8]) expLatency.record(ms);
    meter
      .createObservableGauge('gpu.temperature')
      .addCallback((result) => result.observe(71.5, { gpu: '0' }));
    await provider.forceFlush();
    await provider.shutdown();

    const response = await fetch(`${server.url}/api/metrics?service=${service}&format=otlp&limit=100`);
    expect(response.status).toBe(200);
    const bytes = new TextEncoder().encode(JSON.stringify(await response.json()));
    const points = decodeMetrics(bytes, 'json', { project: 'default', limits: DEFAULT_INGEST_LIMITS }).points;
    const byName = new Map<string, MetricPoint>(points.map((p) => [p.name, p]));

    expect(byName.get('llm.tokens')).toMatchObject({
      type: 'sum',
      value: 1500n,
      isMonotonic: true,
      unit: '{token}',
      description: 'tokens used',
      attributes: { model: 'gpt-4o' },
      scope: { name: 'e2e-meter', version: '3.0.0' },
      service,
    });
    expect(byName.get('queue.depth')).toMatchObject({ type: 'sum', value: -4n, isMonotonic: false });
    expect(byName.get('cost.usd')).toMatchObject({ type: 'sum', value: 0.25, isMonotonic: true });
    expect(byName.get('llm.latency')).toMatchObject({
      type: 'histogram',
      count: 4,
      sum: 5555,
      min: 5,
      max: 5000,
      explicitBounds: [10, 100, 1000],
      bucketCounts: [1, 1, 1, 1],
    });
    const exp = byName.get('llm.latency.exp');
    expect(exp).toMatchObject({
      type: 'exponential_histogram',
      count: 4,
      sum: 15,
      min: 1,
      max: 8,
      zeroCount: 0,
    });
    expect(
      exp?.type === 'exponential_histogram' && exp.positive.bucketCounts.reduce((a, b) => a + b, 0),
    ).toBe(4);
    expect(byName.get('gpu.temperature')).toMatchObject({
      type: 'gauge',
      value: 71.5,
      attributes: { gpu: '0' },
    });
  });
});
