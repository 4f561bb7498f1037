import { describe, expect, it } from 'vitest';
import { emptyLlmFields } from '../../src/model/llm.js';
import type { LogRecord } from '../../src/model/log-record.js';
import type { GaugePoint } from '../../src/model/metric-point.js';
import type { InstrumentationScope, Resource } from '../../src/model/resource.js';
import type { Span } from '../../src/model/span.js';
import {
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  logsToOtlpJson,
  metricsToOtlpJson,
  tracesToOtlpJson,
} from '../../src/otlp/index.js';
import { decodeOptions, jsonBody } from './helpers.js';

function resourceOf(service: string): Resource {
  return { attributes: { 'service.name': service }, droppedAttributesCount: 0, schemaUrl: '' };
}

function scopeOf(name: string): InstrumentationScope {
  return { name, version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' };
}

function spanOf(
  spanId: string,
  resource: Resource,
  scope: InstrumentationScope,
  fields: Partial<Span> = {},
): Span {
  return {
    project: 'default',
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId,
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: spanId,
    kind: 1,
    startTimeUnixNano: 1700000000000000001n,
    endTimeUnixNano: 1700000000000000002n,
    status: { code: 0, message: '' },
    service: resource.attributes['service.name'] as string,
    resource,
    scope,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    llm: emptyLlmFields(),
    ...fields,
  };
}

type Request = {
  resourceSpans: {
    resource: { attributes: unknown[] };
    scopeSpans: { scope: { name: string }; spans: { spanId: string }[] }[];
  }[];
};

describe('tracesToOtlpJson', () => {
  it('groups spans per distinct resource and scope, in input order', () => {
    const a = resourceOf('a');
    const b = resourceOf('b');
    // Equal by value though not the same object: still one group.
    const aAgain = resourceOf('a');
    const x = scopeOf('x');
    const y = scopeOf('y');
    const spans = [
      spanOf('0000000000000001', a, x),
      spanOf('0000000000000002', b, x),
      spanOf('0000000000000003', aAgain, y),
      spanOf('0000000000000004', a, scopeOf('x')),
    ];
    const json = tracesToOtlpJson(spans) as Request;
    const shape = json.resourceSpans.map((group) => [
      group.resource.attributes,
      group.scopeSpans.map((scopeGroup) => [
        scopeGroup.scope.name,
        scopeGroup.spans.map((span) => span.spanId.slice(-1)),
      ]),
    ]);
    expect(shape).toEqual([
      [
        [{ key: 'service.name', value: { stringValue: 'a' } }],
        [
          ['x', ['1', '4']],
          ['y', ['3']],
        ],
      ],
      [[{ key: 'service.name', value: { stringValue: 'b' } }], [['x', ['2']]]],
    ]);
  });

  it('keeps spans of different projects apart', () => {
    const a = resourceOf('a');
    const spans = [
      spanOf('0000000000000001', a, scopeOf('x')),
      spanOf('0000000000000002', a, scopeOf('x'), { project: 'p2' }),
    ];
    expect((tracesToOtlpJson(spans) as Request).resourceSpans).toHaveLength(2);
  });

  it('writes OTLP/JSON: hex ids, int64 as strings, bytes in base64, enums as numbers', () => {
    const span = spanOf('00f067aa0ba902b7', resourceOf('a'), scopeOf('x'), {
      kind: 3,
      status: { code: 2, message: 'no' },
      attributes: {
        i: -5n,
        d: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        bytes: new Uint8Array([0, 0, 0x30, 0x39]),
        nested: { list: [true, null, 1.5] },
      },
    });
    const json = JSON.parse(JSON.stringify(tracesToOtlpJson([span])));
    const written = json.resourceSpans[0].scopeSpans[0].spans[0];
    expect(written).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: '00f067aa0ba902b7',
      kind: 3,
      startTimeUnixNano: '1700000000000000001',
      endTimeUnixNano: '1700000000000000002',
      status: { code: 2, message: 'no' },
    });
    expect(written.attributes).toEqual([
      { key: 'i', value: { intValue: '-5' } },
      { key: 'd', value: { doubleValue: 'NaN' } },
      { key: 'inf', value: { doubleValue: 'Infinity' } },
      { key: 'bytes', value: { bytesValue: 'AAAwOQ==' } },
      {
        key: 'nested',
        value: {
          kvlistValue: {
            values: [
              {
                key: 'list',
                value: { arrayValue: { values: [{ boolValue: true }, {}, { doubleValue: 1.5 }] } },
              },
            ],
          },
        },
      },
    ]);
    const back = decodeTraces(jsonBody(json), 'json', decodeOptions()).spans;
    expect(back).toEqual([span]);
  });
});

describe('logsToOtlpJson and metricsToOtlpJson', () => {
  it('round-trip records without a body or correlation', () => {
    const log: LogRecord = {
      project: 'default',
      timeUnixNano: 0n,
      observedTimeUnixNano: 1700000000000000009n,
      severityNumber: 0,
      severityText: '',
      body: null,
      traceId: '',
      spanId: '',
      flags: 0,
      eventName: '',
      service: 'unknown_service',
      resource: { attributes: {}, droppedAttributesCount: 0, schemaUrl: '' },
      scope: scopeOf(''),
      attributes: { n: 1n },
      droppedAttributesCount: 3,
    };
    expect(decodeLogs(jsonBody(logsToOtlpJson([log])), 'json', decodeOptions()).logs).toEqual([log]);
  });

  it('puts points of one metric under one Metric, and different metrics apart', () => {
    const base: Omit<GaugePoint, 'value' | 'name'> = {
      type: 'gauge',
      project: 'default',
      description: '',
      unit: 'By',
      service: 'a',
      resource: resourceOf('a'),
      scope: scopeOf('x'),
      metadata: {},
      attributes: {},
      startTimeUnixNano: 0n,
      timeUnixNano: 1n,
      flags: 0,
      exemplars: [],
    };
    const points: GaugePoint[] = [
      { ...base, name: 'm1', value: 1 },
      { ...base, name: 'm2', value: 2n },
      { ...base, name: 'm1', value: 3, attributes: { k: 'v' } },
      { ...base, name: 'm1', value: 4, unit: 's' },
    ];
    const json = metricsToOtlpJson(points) as {
      resourceMetrics: {
        scopeMetrics: { metrics: { name: string; gauge: { dataPoints: unknown[] } }[] }[];
      }[];
    };
    const metrics = json.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    expect(metrics.map((metric) => [metric.name, metric.gauge.dataPoints.length])).toEqual([
      ['m1', 2],
      ['m2', 1],
      ['m1', 1],
    ]);
    // Decoding gives the same points, in their metrics' order.
    const back = decodeMetrics(jsonBody(json), 'json', decodeOptions()).points;
    expect(back).toEqual([points[0], points[2], points[1], points[3]]);
  });
});
