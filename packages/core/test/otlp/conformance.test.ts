import { describe, expect, it } from 'vitest';
import { emptyIngestCounts } from '../../src/model/limits.js';
import { emptyLlmFields } from '../../src/model/llm.js';
import {
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  logsToOtlpJson,
  metricsToOtlpJson,
  tracesToOtlpJson,
} from '../../src/otlp/index.js';
import { conformanceDir, conformanceFile, decodeOptions, jsonBody, missingFields } from './helpers.js';

const options = decodeOptions();

function parse(path: string): Record<string, unknown[]> {
  return JSON.parse(new TextDecoder().decode(conformanceFile(path)));
}

describe('the OTLP specification examples', () => {
  it('trace.json decodes whole, ids lowered, times exact', () => {
    const decoded = decodeTraces(conformanceFile('otlp-examples/trace.json'), 'json', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    expect(decoded.rejections).toEqual([]);
    expect(decoded.spans).toHaveLength(1);
    const span = decoded.spans[0]!;
    expect(span).toMatchObject({
      project: 'default',
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      name: "I'm a server span",
      kind: 2,
      startTimeUnixNano: 1544712660000000000n,
      endTimeUnixNano: 1544712661000000000n,
      status: { code: 0, message: '' },
      service: 'my.service',
      attributes: { 'my.span.attr': 'some value' },
      droppedAttributesCount: 0,
      events: [],
      links: [],
    });
    expect(span.resource).toEqual({
      attributes: { 'service.name': 'my.service' },
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
    expect(span.scope).toEqual({
      name: 'my.library',
      version: '1.0.0',
      attributes: { 'my.scope.attribute': 'some scope attribute' },
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
    expect(span.llm).toEqual(emptyLlmFields());
    expect(missingFields(tracesToOtlpJson(decoded.spans), parse('otlp-examples/trace.json'))).toEqual([]);
  });

  it('logs.json keeps every value type', () => {
    const decoded = decodeLogs(conformanceFile('otlp-examples/logs.json'), 'json', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    expect(decoded.logs).toHaveLength(1);
    const log = decoded.logs[0]!;
    expect(log).toMatchObject({
      timeUnixNano: 1544712660300000000n,
      observedTimeUnixNano: 1544712660300000000n,
      severityNumber: 10,
      severityText: 'Information',
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      body: 'Example log record',
      service: 'my.service',
      eventName: '',
    });
    expect(log.attributes).toEqual({
      'string.attribute': 'some string',
      'boolean.attribute': true,
      'int.attribute': 10n,
      'double.attribute': 637.704,
      'array.attribute': ['many', 'values'],
      'map.attribute': { 'some.map.key': 'some value' },
    });
    expect(missingFields(logsToOtlpJson(decoded.logs), parse('otlp-examples/logs.json'))).toEqual([]);
  });

  it('events.json keeps the event name and a kvlist body', () => {
    const decoded = decodeLogs(conformanceFile('otlp-examples/events.json'), 'json', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    const event = decoded.logs[0]!;
    expect(event.eventName).toBe('browser.page_view');
    expect(event.traceId).toBe('');
    expect(event.severityNumber).toBe(9);
    expect(event.body).toEqual({
      type: 0n,
      url: 'https://www.guidgenerator.com/online-guid-generator.aspx',
      referrer: 'https://wwww.google.com',
      title: 'Free Online GUID Generator',
    });
    expect(Object.keys(event.body as object)).toEqual(['type', 'url', 'referrer', 'title']);
    expect(missingFields(logsToOtlpJson(decoded.logs), parse('otlp-examples/events.json'))).toEqual([]);
  });

  it('metrics.json gives one point of each kind', () => {
    const decoded = decodeMetrics(conformanceFile('otlp-examples/metrics.json'), 'json', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    expect(decoded.points.map((point) => [point.type, point.name])).toEqual([
      ['sum', 'my.counter'],
      ['gauge', 'my.gauge'],
      ['histogram', 'my.histogram'],
      ['exponential_histogram', 'my.exponential.histogram'],
    ]);
    const [sum, gauge, histogram, exponential] = decoded.points;
    expect(sum).toMatchObject({
      value: 5,
      aggregationTemporality: 1,
      isMonotonic: true,
      unit: '1',
      description: 'I am a Counter',
      startTimeUnixNano: 1544712660300000000n,
      attributes: { 'my.counter.attr': 'some value' },
      service: 'my.service',
    });
    expect(gauge).toMatchObject({ value: 10, startTimeUnixNano: 0n, timeUnixNano: 1544712660300000000n });
    expect(histogram).toMatchObject({
      count: 2,
      sum: 2,
      min: 0,
      max: 2,
      bucketCounts: [1, 1],
      explicitBounds: [1],
      aggregationTemporality: 1,
    });
    expect(exponential).toMatchObject({
      count: 3,
      sum: 10,
      scale: 0,
      zeroCount: 1,
      zeroThreshold: 0,
      min: 0,
      max: 5,
      positive: { offset: 1, bucketCounts: [0, 2] },
      negative: { offset: 0, bucketCounts: [] },
    });
    expect(missingFields(metricsToOtlpJson(decoded.points), parse('otlp-examples/metrics.json'))).toEqual([]);
  });

  it('every example survives model → OTLP/JSON → model unchanged', () => {
    const traces = decodeTraces(conformanceFile('otlp-examples/trace.json'), 'json', options).spans;
    expect(decodeTraces(jsonBody(tracesToOtlpJson(traces)), 'json', options).spans).toEqual(traces);
    for (const file of ['logs.json', 'events.json']) {
      const logs = decodeLogs(conformanceFile(`otlp-examples/${file}`), 'json', options).logs;
      expect(decodeLogs(jsonBody(logsToOtlpJson(logs)), 'json', options).logs).toEqual(logs);
    }
    const points = decodeMetrics(conformanceFile('otlp-examples/metrics.json'), 'json', options).points;
    expect(decodeMetrics(jsonBody(metricsToOtlpJson(points)), 'json', options).points).toEqual(points);
  });
});

describe('the Jaeger storage fixtures', () => {
  const files = conformanceDir('jaeger/traces');

  it('are all 32 here', () => {
    expect(files).toHaveLength(32);
  });

  it.each(files)('%s decodes with nothing lost and round-trips', (file) => {
    const body = conformanceFile(`jaeger/traces/${file}`);
    const request = parse(`jaeger/traces/${file}`);
    const sentSpans = request.resourceSpans!.flatMap((group) =>
      (group as { scopeSpans: { spans: unknown[] }[] }).scopeSpans.flatMap((scope) => scope.spans),
    ).length;
    const decoded = decodeTraces(body, 'json', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    expect(decoded.spans.length).toBeGreaterThan(0);
    expect(decoded.spans).toHaveLength(sentSpans);
    const json = tracesToOtlpJson(decoded.spans);
    expect(missingFields(json, request)).toEqual([]);
    expect(decodeTraces(jsonBody(json), 'json', options).spans).toEqual(decoded.spans);
  });

  it('keeps link attributes of every type, bytes included', () => {
    const { spans } = decodeTraces(
      conformanceFile('jaeger/traces/link_attributes_trace.json'),
      'json',
      options,
    );
    const links = spans[0]!.links;
    expect(links.map((link) => [link.traceId, link.spanId])).toEqual([
      ['000000000000000000000000000000ff', '00000000000000ff'],
      ['00000000000000000000000000000001', '0000000000000002'],
      ['00000000000000000000000000000001', '0000000000000002'],
    ]);
    expect(links[0]!.attributes).toEqual({
      'opentracing.ref_type': 'child_of',
      sameplacelinkattribute1: 'sameplacevalue',
      sameplacelinkattribute2: 123n,
      sameplacelinkattribute4: true,
      sameplacelinkattribute3: 72.5,
      linkblob: new Uint8Array([0, 0, 0x30, 0x39]),
    });
    expect(spans[0]!.droppedLinksCount).toBe(0);
  });
});
