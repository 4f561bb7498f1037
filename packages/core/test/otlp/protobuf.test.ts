import type { Type } from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { emptyIngestCounts } from '../../src/model/limits.js';
import { emptyLlmFields } from '../../src/model/llm.js';
import type { LogRecord } from '../../src/model/log-record.js';
import type { MetricPoint } from '../../src/model/metric-point.js';
import type { InstrumentationScope, Resource } from '../../src/model/resource.js';
import type { Span } from '../../src/model/span.js';
import {
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  logsToOtlpJson,
  metricsToOtlpJson,
  OtlpDecodeError,
  tracesToOtlpJson,
} from '../../src/otlp/index.js';
import { otlpSchema } from '../../src/otlp/schema.js';
import { decodeOptions, jsonBody } from './helpers.js';

const options = decodeOptions({}, 'fallback');

function encode(type: Type, request: object): Uint8Array {
  return type.encode(type.fromObject(request)).finish();
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (pair) => Number.parseInt(pair, 16));
}

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const PARENT_ID = 'eee19b7ec3c1b173';
const START = '1700000000123456789';
const END = '9223372036854775807';

const resourceAttributes = [
  { key: 'service.name', value: { stringValue: 'checkout' } },
  { key: 'sextant.project', value: { stringValue: 'shop' } },
];
const resource: Resource = {
  attributes: { 'service.name': 'checkout', 'sextant.project': 'shop' },
  droppedAttributesCount: 1,
  schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
};
const scope: InstrumentationScope = {
  name: 'lib',
  version: '2.0',
  attributes: { 'scope.flag': true },
  droppedAttributesCount: 4,
  schemaUrl: 'https://example.com/scope',
};

/** Wraps items in one resource group and one scope group, in the proto's own field names. */
function request(groups: string, scopes: string, items: string, list: object[]): object {
  return {
    [groups]: [
      {
        resource: { attributes: resourceAttributes, droppedAttributesCount: 1 },
        schemaUrl: resource.schemaUrl,
        [scopes]: [
          {
            scope: {
              name: 'lib',
              version: '2.0',
              attributes: [{ key: 'scope.flag', value: { boolValue: true } }],
              droppedAttributesCount: 4,
            },
            schemaUrl: scope.schemaUrl,
            [items]: list,
          },
        ],
      },
    ],
  };
}

const everyValue = [
  { key: 's', value: { stringValue: 'text' } },
  { key: 'empty', value: { stringValue: '' } },
  { key: 'b', value: { boolValue: false } },
  { key: 'i', value: { intValue: '-9223372036854775808' } },
  { key: 'zero', value: { intValue: 0 } },
  { key: 'd', value: { doubleValue: 0.1 } },
  { key: 'bytes', value: { bytesValue: hexBytes('00ff10') } },
  { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: 3 }, {}] } } },
  {
    key: 'kv',
    value: {
      kvlistValue: {
        values: [
          { key: 'z', value: { doubleValue: -1.5 } },
          { key: 'a', value: {} },
        ],
      },
    },
  },
  { key: 'none', value: {} },
];
const everyValueModel = {
  s: 'text',
  empty: '',
  b: false,
  i: -9223372036854775808n,
  zero: 0n,
  d: 0.1,
  bytes: new Uint8Array([0, 0xff, 0x10]),
  arr: ['x', 3n, null],
  kv: { z: -1.5, a: null },
  none: null,
};

describe('OTLP/protobuf', () => {
  it('decodes every span field exactly', () => {
    const body = encode(
      otlpSchema.ExportTraceServiceRequest,
      request('resourceSpans', 'scopeSpans', 'spans', [
        {
          traceId: hexBytes(TRACE_ID),
          spanId: hexBytes(SPAN_ID),
          parentSpanId: hexBytes(PARENT_ID),
          traceState: 'vendor=1',
          flags: 0x301,
          name: 'chat',
          kind: 5,
          startTimeUnixNano: START,
          endTimeUnixNano: END,
          attributes: everyValue,
          droppedAttributesCount: 2,
          events: [
            {
              timeUnixNano: '1700000000123456790',
              name: 'exception',
              attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }],
              droppedAttributesCount: 1,
            },
          ],
          droppedEventsCount: 3,
          links: [
            {
              traceId: hexBytes('0af7651916cd43dd8448eb211c80319c'),
              spanId: hexBytes('b7ad6b7169203331'),
              traceState: 'a=b',
              attributes: [{ key: 'link.n', value: { intValue: 9 } }],
              droppedAttributesCount: 6,
              flags: 1,
            },
          ],
          droppedLinksCount: 5,
          status: { code: 2, message: 'failed' },
        },
      ]),
    );
    const decoded = decodeTraces(body, 'protobuf', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    const expected: Span = {
      project: 'shop',
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: PARENT_ID,
      traceState: 'vendor=1',
      flags: 0x301,
      name: 'chat',
      kind: 5,
      startTimeUnixNano: 1700000000123456789n,
      endTimeUnixNano: 9223372036854775807n,
      status: { code: 2, message: 'failed' },
      service: 'checkout',
      resource,
      scope,
      attributes: everyValueModel,
      droppedAttributesCount: 2,
      events: [
        {
          timeUnixNano: 1700000000123456790n,
          name: 'exception',
          attributes: { 'exception.message': 'boom' },
          droppedAttributesCount: 1,
        },
      ],
      droppedEventsCount: 3,
      links: [
        {
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: 'b7ad6b7169203331',
          traceState: 'a=b',
          attributes: { 'link.n': 9n },
          droppedAttributesCount: 6,
          flags: 1,
        },
      ],
      droppedLinksCount: 5,
      llm: emptyLlmFields(),
    };
    expect(decoded.spans).toEqual([expected]);
    expect(decoded.spans[0]!.attributes.bytes).toBeInstanceOf(Uint8Array);
    // The same request in OTLP/JSON decodes to the same span.
    expect(decodeTraces(jsonBody(tracesToOtlpJson(decoded.spans)), 'json', options).spans).toEqual([
      expected,
    ]);
  });

  it('decodes every log record field exactly', () => {
    const body = encode(
      otlpSchema.ExportLogsServiceRequest,
      request('resourceLogs', 'scopeLogs', 'logRecords', [
        {
          timeUnixNano: START,
          observedTimeUnixNano: '1700000000123456790',
          severityNumber: 17,
          severityText: 'ERROR',
          body: { kvlistValue: { values: [{ key: 'msg', value: { stringValue: 'hi' } }] } },
          attributes: everyValue,
          droppedAttributesCount: 1,
          flags: 1,
          traceId: hexBytes(TRACE_ID),
          spanId: hexBytes(SPAN_ID),
          eventName: 'app.event',
        },
        { body: { stringValue: 'bare' } },
      ]),
    );
    const decoded = decodeLogs(body, 'protobuf', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    const common = { project: 'shop', service: 'checkout', resource, scope };
    const expected: LogRecord[] = [
      {
        ...common,
        timeUnixNano: 1700000000123456789n,
        observedTimeUnixNano: 1700000000123456790n,
        severityNumber: 17,
        severityText: 'ERROR',
        body: { msg: 'hi' },
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        flags: 1,
        eventName: 'app.event',
        attributes: everyValueModel,
        droppedAttributesCount: 1,
      },
      {
        ...common,
        timeUnixNano: 0n,
        observedTimeUnixNano: 0n,
        severityNumber: 0,
        severityText: '',
        body: 'bare',
        traceId: '',
        spanId: '',
        flags: 0,
        eventName: '',
        attributes: {},
        droppedAttributesCount: 0,
      },
    ];
    expect(decoded.logs).toEqual(expected);
    expect(decodeLogs(jsonBody(logsToOtlpJson(decoded.logs)), 'json', options).logs).toEqual(expected);
  });

  it('decodes every kind of metric point exactly', () => {
    const exemplar = {
      filteredAttributes: [{ key: 'f', value: { stringValue: 'v' } }],
      timeUnixNano: '1700000000000000007',
      asInt: '-9007199254740993',
      spanId: hexBytes(SPAN_ID),
      traceId: hexBytes(TRACE_ID),
    };
    const times = { startTimeUnixNano: START, timeUnixNano: '1700000000999999999' };
    const body = encode(
      otlpSchema.ExportMetricsServiceRequest,
      request('resourceMetrics', 'scopeMetrics', 'metrics', [
        {
          name: 'g',
          description: 'a gauge',
          unit: 'ms',
          metadata: [{ key: 'meta', value: { stringValue: 'm' } }],
          gauge: {
            dataPoints: [
              { ...times, asDouble: 0, attributes: [{ key: 'p', value: { intValue: 1 } }], flags: 1 },
              { ...times, asInt: '9223372036854775807', exemplars: [exemplar] },
            ],
          },
        },
        {
          name: 's',
          sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ ...times, asInt: 12 }] },
        },
        {
          name: 'h',
          histogram: {
            aggregationTemporality: 1,
            dataPoints: [
              {
                ...times,
                count: 6,
                sum: 9.5,
                bucketCounts: [1, 2, 3],
                explicitBounds: [1, 5],
                min: 0.5,
                max: 4,
              },
              { ...times, count: 0 },
            ],
          },
        },
        {
          name: 'e',
          exponentialHistogram: {
            aggregationTemporality: 2,
            dataPoints: [
              {
                ...times,
                count: 10,
                sum: 100,
                scale: -3,
                zeroCount: 2,
                zeroThreshold: 0.001,
                positive: { offset: -2, bucketCounts: [1, 0, 4] },
                negative: { offset: 3, bucketCounts: [3] },
                min: -8,
                max: 90,
              },
            ],
          },
        },
        {
          name: 'q',
          summary: {
            dataPoints: [
              {
                ...times,
                count: 4,
                sum: 10,
                quantileValues: [
                  { quantile: 0, value: 1 },
                  { quantile: 1, value: 4 },
                ],
              },
            ],
          },
        },
      ]),
    );
    const decoded = decodeMetrics(body, 'protobuf', options);
    expect(decoded.counts).toEqual(emptyIngestCounts());
    const base = {
      project: 'shop',
      service: 'checkout',
      resource,
      scope,
      description: '',
      unit: '',
      metadata: {},
      attributes: {},
      startTimeUnixNano: 1700000000123456789n,
      timeUnixNano: 1700000000999999999n,
      flags: 0,
      exemplars: [],
    };
    const gaugeBase = { ...base, name: 'g', description: 'a gauge', unit: 'ms', metadata: { meta: 'm' } };
    const expected: MetricPoint[] = [
      { ...gaugeBase, type: 'gauge', value: 0, attributes: { p: 1n }, flags: 1 },
      {
        ...gaugeBase,
        type: 'gauge',
        value: 9223372036854775807n,
        exemplars: [
          {
            timeUnixNano: 1700000000000000007n,
            value: -9007199254740993n,
            traceId: TRACE_ID,
            spanId: SPAN_ID,
            filteredAttributes: { f: 'v' },
          },
        ],
      },
      { ...base, name: 's', type: 'sum', value: 12n, aggregationTemporality: 2, isMonotonic: true },
      {
        ...base,
        name: 'h',
        type: 'histogram',
        count: 6,
        sum: 9.5,
        min: 0.5,
        max: 4,
        bucketCounts: [1, 2, 3],
        explicitBounds: [1, 5],
        aggregationTemporality: 1,
      },
      {
        ...base,
        name: 'h',
        type: 'histogram',
        count: 0,
        sum: null,
        min: null,
        max: null,
        bucketCounts: [],
        explicitBounds: [],
        aggregationTemporality: 1,
      },
      {
        ...base,
        name: 'e',
        type: 'exponential_histogram',
        count: 10,
        sum: 100,
        min: -8,
        max: 90,
        scale: -3,
        zeroCount: 2,
        zeroThreshold: 0.001,
        positive: { offset: -2, bucketCounts: [1, 0, 4] },
        negative: { offset: 3, bucketCounts: [3] },
        aggregationTemporality: 2,
      },
      {
        ...base,
        name: 'q',
        type: 'summary',
        count: 4,
        sum: 10,
        quantileValues: [
          { quantile: 0, value: 1 },
          { quantile: 1, value: 4 },
        ],
      },
    ];
    expect(decoded.points).toEqual(expected);
    // Points of one metric share its metadata and go back under one Metric.
    expect(decoded.points[0]!.metadata).toBe(decoded.points[1]!.metadata);
    const json = metricsToOtlpJson(decoded.points) as {
      resourceMetrics: { scopeMetrics: { metrics: unknown[] }[] }[];
    };
    expect(json.resourceMetrics[0]!.scopeMetrics[0]!.metrics).toHaveLength(5);
    expect(decodeMetrics(jsonBody(json), 'json', options).points).toEqual(expected);
  });

  it('an empty body is an empty request', () => {
    const empty = new Uint8Array(0);
    expect(decodeTraces(empty, 'protobuf', options)).toEqual({
      spans: [],
      counts: emptyIngestCounts(),
      rejections: [],
    });
    expect(decodeLogs(empty, 'protobuf', options).logs).toEqual([]);
    expect(decodeMetrics(empty, 'protobuf', options).points).toEqual([]);
  });

  it('a truncated body is an OtlpDecodeError', () => {
    const body = encode(
      otlpSchema.ExportTraceServiceRequest,
      request('resourceSpans', 'scopeSpans', 'spans', [{ name: 'x'.repeat(100) }]),
    );
    for (const cut of [1, 10, body.length - 1]) {
      expect(() => decodeTraces(body.subarray(0, cut), 'protobuf', options)).toThrow(OtlpDecodeError);
    }
    expect(() =>
      decodeLogs(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), 'protobuf', options),
    ).toThrow(OtlpDecodeError);
    expect(() => decodeMetrics(new Uint8Array([0xff]), 'protobuf', options)).toThrow(OtlpDecodeError);
  });

  it('values are copies that do not hold on to the request body', () => {
    const body = encode(
      otlpSchema.ExportTraceServiceRequest,
      request('resourceSpans', 'scopeSpans', 'spans', [
        {
          traceId: hexBytes(TRACE_ID),
          spanId: hexBytes(SPAN_ID),
          startTimeUnixNano: 1,
          endTimeUnixNano: 1,
          attributes: [{ key: 'b', value: { bytesValue: hexBytes('0102') } }],
        },
      ]),
    );
    const bytes = decodeTraces(body, 'protobuf', options).spans[0]!.attributes.b as Uint8Array;
    expect(bytes.buffer.byteLength).toBe(2);
  });
});
