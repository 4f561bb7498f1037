import { describe, expect, it } from 'vitest';
import { decodeLogs, decodeMetrics, decodeTraces } from '../../src/otlp/index.js';
import { decodeOptions, textBody } from './helpers.js';

const options = decodeOptions();
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

/** A one-span request whose span fields are `spanFields`, written as raw JSON text. */
function traceRequest(spanFields: string, resourceAttributes = '[]'): Uint8Array {
  return textBody(
    `{"resourceSpans":[{"resource":{"attributes":${resourceAttributes}},"scopeSpans":[{"spans":[{${spanFields}}]}]}]}`,
  );
}

function attributeRequest(value: string): Uint8Array {
  return traceRequest(
    `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","startTimeUnixNano":"1","endTimeUnixNano":"2",` +
      `"attributes":[{"key":"a","value":${value}}]`,
  );
}

function attributeOf(value: string): unknown {
  const decoded = decodeTraces(attributeRequest(value), 'json', options);
  expect(decoded.rejections).toEqual([]);
  return decoded.spans[0]!.attributes.a;
}

describe('OTLP/JSON 64-bit integers stay exact', () => {
  it('times given as bare JSON numbers beyond 2^53', () => {
    const { spans } = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}",` +
          '"startTimeUnixNano":1700000000123456789,"endTimeUnixNano": 9223372036854775807',
      ),
      'json',
      options,
    );
    expect(spans[0]!.startTimeUnixNano).toBe(1700000000123456789n);
    expect(spans[0]!.endTimeUnixNano).toBe(9223372036854775807n);
  });

  it('rejects a time past int64 (2262), which no store can keep', () => {
    const decoded = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}",` +
          '"startTimeUnixNano":1700000000123456789,"endTimeUnixNano": 9223372036854775808',
      ),
      'json',
      options,
    );
    expect(decoded.spans).toEqual([]);
    expect(decoded.counts.rejected).toBe(1);
    expect(decoded.rejections[0]).toMatch(/end time is after 2262-04-11/);
  });

  it('times given as strings', () => {
    const { spans } = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}",` +
          '"startTimeUnixNano":"1700000000123456789","endTimeUnixNano":"1700000000123456790"',
      ),
      'json',
      options,
    );
    expect(spans[0]!.startTimeUnixNano).toBe(1700000000123456789n);
    expect(spans[0]!.endTimeUnixNano).toBe(1700000000123456790n);
  });

  it('small times given as numbers', () => {
    const { spans } = decodeTraces(
      traceRequest(`"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","startTimeUnixNano":5,"endTimeUnixNano":7`),
      'json',
      options,
    );
    expect([spans[0]!.startTimeUnixNano, spans[0]!.endTimeUnixNano]).toEqual([5n, 7n]);
  });

  it('int values as numbers and strings, up to the int64 bounds', () => {
    expect(attributeOf('{"intValue":9007199254740993}')).toBe(9007199254740993n);
    expect(attributeOf('{"intValue":-9223372036854775808}')).toBe(-9223372036854775808n);
    expect(attributeOf('{"intValue":"9223372036854775807"}')).toBe(9223372036854775807n);
    expect(attributeOf('{"intValue":42}')).toBe(42n);
    expect(attributeOf('{"arrayValue":{"values":[{"intValue":1234567890123456789}]}}')).toEqual([
      1234567890123456789n,
    ]);
  });

  it('an int value beyond int64 rejects the item', () => {
    const decoded = decodeTraces(attributeRequest('{"intValue":"9223372036854775808"}'), 'json', options);
    expect(decoded.spans).toEqual([]);
    expect(decoded.counts.rejected).toBe(1);
    expect(decoded.rejections[0]).toMatch(/int64 range/);
  });

  it('long doubles stay doubles, and long digit runs inside strings stay strings', () => {
    expect(attributeOf('{"doubleValue":12345678901234567.5}')).toBe(Number('12345678901234567.5'));
    expect(attributeOf('{"doubleValue":1.2345678901234567e300}')).toBe(1.2345678901234567e300);
    expect(attributeOf('{"doubleValue":12345678901234567890}')).toBe(Number('12345678901234567890'));
    expect(attributeOf('{"stringValue":"id 12345678901234567890, [12345678901234567890"}')).toBe(
      'id 12345678901234567890, [12345678901234567890',
    );
    expect(attributeOf('{"stringValue":"a \\"quoted\\" :12345678901234567890 \\\\"}')).toBe(
      'a "quoted" :12345678901234567890 \\',
    );
  });

  it('bare integers around a string full of digit runs and escaped quotes', () => {
    const noisy = '\\"1234567890123456789\\", :1234567890123456789, '.repeat(10_000);
    const { spans } = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","startTimeUnixNano":1700000000123456789,` +
          `"name":"${noisy}","endTimeUnixNano":1700000000123456790`,
      ),
      'json',
      options,
    );
    expect(spans[0]!.name).toBe('"1234567890123456789", :1234567890123456789, '.repeat(10_000));
    expect([spans[0]!.startTimeUnixNano, spans[0]!.endTimeUnixNano]).toEqual([
      1700000000123456789n,
      1700000000123456790n,
    ]);
  });

  it('a metric point with a bare int64 value beyond 2^53', () => {
    const body = textBody(
      '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[' +
        '{"asInt":-9007199254740993,"timeUnixNano":1700000000000000001},' +
        '{"asInt":"9007199254740995","timeUnixNano":"1700000000000000002"}]}}]}]}]}',
    );
    const { points } = decodeMetrics(body, 'json', options);
    expect(points.map((point) => (point.type === 'gauge' ? point.value : undefined))).toEqual([
      -9007199254740993n,
      9007199254740995n,
    ]);
    expect(points.map((point) => point.timeUnixNano)).toEqual([1700000000000000001n, 1700000000000000002n]);
  });
});

describe('OTLP/JSON as the specification allows it', () => {
  it('ids in any case come out lower-case', () => {
    const { spans } = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID.toUpperCase()}","spanId":"B7ad6B7169203331","parentSpanId":"00F067AA0BA902B7",` +
          '"startTimeUnixNano":"1","endTimeUnixNano":"1"',
      ),
      'json',
      options,
    );
    expect([spans[0]!.traceId, spans[0]!.spanId, spans[0]!.parentSpanId]).toEqual([
      TRACE_ID,
      SPAN_ID,
      '00f067aa0ba902b7',
    ]);
  });

  it('enums by name as well as by number', () => {
    const { spans } = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","startTimeUnixNano":"1","endTimeUnixNano":"2",` +
          '"kind":"SPAN_KIND_CLIENT","status":{"code":"STATUS_CODE_ERROR","message":"boom"}',
      ),
      'json',
      options,
    );
    expect(spans[0]!.kind).toBe(3);
    expect(spans[0]!.status).toEqual({ code: 2, message: 'boom' });
    const logs = decodeLogs(
      textBody(
        '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":"SEVERITY_NUMBER_WARN2"}]}]}]}',
      ),
      'json',
      options,
    ).logs;
    expect(logs[0]!.severityNumber).toBe(14);
    const points = decodeMetrics(
      textBody(
        '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"s","sum":{"aggregationTemporality":' +
          '"AGGREGATION_TEMPORALITY_CUMULATIVE","dataPoints":[{"asDouble":1}]}}]}]}]}',
      ),
      'json',
      options,
    ).points;
    expect(points[0]).toMatchObject({ type: 'sum', aggregationTemporality: 2, isMonotonic: false });
  });

  it('snake_case field names', () => {
    const body = textBody(
      JSON.stringify({
        resource_spans: [
          {
            resource: {
              attributes: [{ key: 'service.name', value: { string_value: 'svc' } }],
              dropped_attributes_count: 2,
            },
            scope_spans: [
              {
                scope: { name: 'lib' },
                schema_url: 'https://opentelemetry.io/schemas/1.26.0',
                spans: [
                  {
                    trace_id: TRACE_ID,
                    span_id: SPAN_ID,
                    parent_span_id: '00f067aa0ba902b7',
                    start_time_unix_nano: '10',
                    end_time_unix_nano: '20',
                    trace_state: 'k=v',
                    attributes: [
                      { key: 'i', value: { int_value: '7' } },
                      {
                        key: 'l',
                        value: { kvlist_value: { values: [{ key: 'b', value: { bool_value: true } }] } },
                      },
                    ],
                    dropped_events_count: 3,
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const { spans } = decodeTraces(body, 'json', options);
    expect(spans[0]).toMatchObject({
      service: 'svc',
      parentSpanId: '00f067aa0ba902b7',
      startTimeUnixNano: 10n,
      endTimeUnixNano: 20n,
      traceState: 'k=v',
      attributes: { i: 7n, l: { b: true } },
      droppedEventsCount: 3,
    });
    expect(spans[0]!.resource.droppedAttributesCount).toBe(2);
    expect(spans[0]!.scope.schemaUrl).toBe('https://opentelemetry.io/schemas/1.26.0');
  });

  it('bytes in base64, standard or URL-safe, padded or not', () => {
    expect(attributeOf('{"bytesValue":"AAAwOQ=="}')).toEqual(new Uint8Array([0, 0, 0x30, 0x39]));
    expect(attributeOf('{"bytesValue":"AAAwOQ"}')).toEqual(new Uint8Array([0, 0, 0x30, 0x39]));
    expect(attributeOf('{"bytesValue":"-_8"}')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(attributeOf('{"bytesValue":""}')).toEqual(new Uint8Array(0));
    const decoded = decodeTraces(attributeRequest('{"bytesValue":"not base64!"}'), 'json', options);
    expect(decoded.counts.rejected).toBe(1);
  });

  it('doubles written as strings, including the non-finite ones', () => {
    expect(attributeOf('{"doubleValue":"NaN"}')).toBeNaN();
    expect(attributeOf('{"doubleValue":"-Infinity"}')).toBe(Number.NEGATIVE_INFINITY);
    expect(attributeOf('{"doubleValue":"2.5"}')).toBe(2.5);
  });

  it('unknown fields are ignored, and an empty value is null', () => {
    expect(attributeOf('{"somethingNew":{"x":1}}')).toBeNull();
    expect(attributeOf('{}')).toBeNull();
    const { spans } = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","startTimeUnixNano":"1","endTimeUnixNano":"2","future":[1,{"a":2}]`,
      ),
      'json',
      options,
    );
    expect(spans).toHaveLength(1);
  });

  it('an attribute key "__proto__" is an ordinary key', () => {
    const attributes = decodeTraces(
      traceRequest(
        `"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","startTimeUnixNano":"1","endTimeUnixNano":"2",` +
          '"attributes":[{"key":"__proto__","value":{"stringValue":"x"}}]',
      ),
      'json',
      options,
    ).spans[0]!.attributes;
    expect(Object.keys(attributes)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
  });
});
