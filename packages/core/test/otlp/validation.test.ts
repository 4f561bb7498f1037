import { describe, expect, it } from 'vitest';
import { decodeLogs, decodeMetrics, decodeTraces, OtlpDecodeError } from '../../src/otlp/index.js';
import { otlpSchema } from '../../src/otlp/schema.js';
import { decodeOptions, jsonBody, textBody } from './helpers.js';

const options = decodeOptions();
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

function validSpan(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    name: 'ok',
    startTimeUnixNano: '10',
    endTimeUnixNano: '20',
    ...fields,
  };
}

function spansRequest(spans: unknown[], resource: object = {}): Uint8Array {
  return jsonBody({ resourceSpans: [{ resource, scopeSpans: [{ spans }] }] });
}

function logsRequest(logRecords: unknown[]): Uint8Array {
  return jsonBody({ resourceLogs: [{ scopeLogs: [{ logRecords }] }] });
}

function metricsRequest(metrics: unknown[]): Uint8Array {
  return jsonBody({ resourceMetrics: [{ scopeMetrics: [{ metrics }] }] });
}

describe('the project a resource names', () => {
  const project = (name: string) => ({
    attributes: [{ key: 'sextant.project', value: { stringValue: name } }],
  });

  it("puts the resource's items in that project", () => {
    const decoded = decodeTraces(spansRequest([validSpan()], project('team-a.prod_1')), 'json', options);
    expect(decoded.spans.map((span) => span.project)).toEqual(['team-a.prod_1']);
  });

  it.each(['a b', 'x'.repeat(65), 'naïve', 'a/b'])('rejects the items under a resource naming %j', (name) => {
    const decoded = decodeTraces(
      spansRequest([validSpan(), validSpan({ spanId: 'b7ad6b7169203332' })], project(name)),
      'json',
      options,
    );
    expect(decoded.spans).toEqual([]);
    expect(decoded.counts.rejected).toBe(2);
    expect(decoded.rejections[0]).toMatch(/sextant\.project .* is not a project name/);
  });
});

describe('spans are validated one by one', () => {
  it.each([
    ['a trace id of 31 hex digits', { traceId: TRACE_ID.slice(1) }, /trace id/],
    ['an all-zero trace id', { traceId: '0'.repeat(32) }, /trace id/],
    ['a trace id that is not hex', { traceId: `${TRACE_ID.slice(2)}zz` }, /trace id/],
    ['no trace id', { traceId: undefined }, /trace id/],
    ['a span id of 15 hex digits', { spanId: SPAN_ID.slice(1) }, /span id/],
    ['an all-zero span id', { spanId: '0'.repeat(16) }, /span id/],
    ['no span id', { spanId: undefined }, /span id/],
    ['a parent span id of 8 hex digits', { parentSpanId: '00f067aa' }, /parent span id/],
    ['an end before its start', { startTimeUnixNano: '20', endTimeUnixNano: '19' }, /end time is before/],
    ['a zero start time', { startTimeUnixNano: '0' }, /start time is zero/],
    ['no start time', { startTimeUnixNano: undefined }, /start time is zero/],
    ['no end time', { endTimeUnixNano: undefined }, /end time is before/],
    ['kind 6', { kind: 6 }, /kind 6 is out of range/],
    ['kind -1', { kind: -1 }, /kind -1 is out of range/],
    ['an unknown kind name', { kind: 'SPAN_KIND_SIDEWAYS' }, /kind/],
    ['status code 3', { status: { code: 3 } }, /status code 3/],
    ['a time that is not a number', { endTimeUnixNano: 'soon' }, /end time is not an integer/],
  ])('rejects a span with %s and keeps the rest', (_, fields, message) => {
    const spans = [validSpan({ spanId: '1111111111111111' }), validSpan(fields), validSpan()];
    const decoded = decodeTraces(spansRequest(spans), 'json', options);
    expect(decoded.spans.map((span) => span.spanId)).toEqual(['1111111111111111', SPAN_ID]);
    expect(decoded.counts.rejected).toBe(1);
    expect(decoded.rejections).toHaveLength(1);
    expect(decoded.rejections[0]).toMatch(message);
  });

  it('accepts an empty parent id, an all-zero one as no parent, and an end equal to the start', () => {
    const decoded = decodeTraces(
      spansRequest([
        validSpan({ parentSpanId: '' }),
        validSpan({ parentSpanId: '0000000000000000', endTimeUnixNano: '10' }),
      ]),
      'json',
      options,
    );
    expect(decoded.counts.rejected).toBe(0);
    expect(decoded.spans.map((span) => span.parentSpanId)).toEqual(['', '']);
  });

  it('rejects protobuf ids of the wrong byte length', () => {
    const type = otlpSchema.ExportTraceServiceRequest;
    const span = {
      traceId: new Uint8Array(16).fill(1),
      spanId: new Uint8Array(8).fill(2),
      startTimeUnixNano: 1,
      endTimeUnixNano: 2,
    };
    const body = type
      .encode(
        type.fromObject({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    span,
                    { ...span, traceId: new Uint8Array(8).fill(1) },
                    { ...span, spanId: new Uint8Array(16).fill(2) },
                    { ...span, parentSpanId: new Uint8Array(4).fill(3) },
                  ],
                },
              ],
            },
          ],
        }),
      )
      .finish();
    const decoded = decodeTraces(body, 'protobuf', options);
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.spans[0]!.traceId).toBe('01'.repeat(16));
    expect(decoded.counts.rejected).toBe(3);
  });

  it('keeps at most 10 rejection messages, and counts every rejection', () => {
    const spans = Array.from({ length: 15 }, () => validSpan({ kind: 9 }));
    const decoded = decodeTraces(spansRequest([...spans, 'not a span', null]), 'json', options);
    expect(decoded.spans).toEqual([]);
    expect(decoded.counts.rejected).toBe(17);
    expect(decoded.rejections).toHaveLength(10);
  });

  it('drops and counts links with bad ids, keeping the span', () => {
    const goodLink = { traceId: TRACE_ID, spanId: SPAN_ID };
    const decoded = decodeTraces(
      spansRequest([
        validSpan({
          droppedLinksCount: 1,
          links: [
            { traceId: 'zz', spanId: SPAN_ID },
            goodLink,
            { traceId: TRACE_ID, spanId: '0000000000000000' },
            { traceId: TRACE_ID },
            'not a link',
          ],
        }),
      ]),
      'json',
      options,
    );
    expect(decoded.counts.rejected).toBe(0);
    expect(decoded.counts.droppedLinks).toBe(4);
    expect(decoded.spans[0]!.links.map((link) => link.spanId)).toEqual([SPAN_ID]);
    expect(decoded.spans[0]!.droppedLinksCount).toBe(5);
  });

  it('rejects a span whose attribute value is malformed, without counting what it cut', () => {
    const decoded = decodeTraces(
      spansRequest([
        validSpan({
          attributes: [
            { key: 'long', value: { stringValue: 'x'.repeat(100) } },
            { key: 'bad', value: { intValue: 'twelve' } },
          ],
        }),
      ]),
      'json',
      decodeOptions({ maxAttributeValueLength: 10 }),
    );
    expect(decoded.counts).toMatchObject({ rejected: 1, truncatedValues: 0 });
    expect(decoded.rejections[0]).toMatch(/not an integer/);
  });

  it('rejects every span of a resource that cannot be read', () => {
    const body = jsonBody({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'n', value: { intValue: 1.5 } }] },
          scopeSpans: [{ spans: [validSpan(), validSpan()] }, { spans: [validSpan()] }],
        },
        { scopeSpans: [{ spans: [validSpan()] }] },
      ],
    });
    const decoded = decodeTraces(body, 'json', options);
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.counts.rejected).toBe(3);
    expect(decoded.rejections[0]).toMatch(/resource/);
  });
});

describe('log records are validated one by one', () => {
  it('rejects trace and span ids of the wrong length; empty or zero ids mean uncorrelated', () => {
    const decoded = decodeLogs(
      logsRequest([
        { body: { stringValue: 'a' }, traceId: TRACE_ID.slice(2), spanId: SPAN_ID },
        { body: { stringValue: 'b' }, traceId: TRACE_ID, spanId: `${SPAN_ID}00` },
        { body: { stringValue: 'c' }, traceId: '', spanId: '' },
        { body: { stringValue: 'd' }, traceId: '0'.repeat(32), spanId: '0'.repeat(16) },
        { body: { stringValue: 'e' }, traceId: TRACE_ID.toUpperCase(), spanId: SPAN_ID },
        { body: { stringValue: 'f' }, severityNumber: 25 },
      ]),
      'json',
      options,
    );
    expect(decoded.logs.map((log) => [log.body, log.traceId, log.spanId])).toEqual([
      ['c', '', ''],
      ['d', '', ''],
      ['e', TRACE_ID, SPAN_ID],
    ]);
    expect(decoded.counts.rejected).toBe(3);
    expect(decoded.rejections).toEqual([
      expect.stringMatching(/trace id is not 32 hex digits/),
      expect.stringMatching(/span id is not 16 hex digits/),
      expect.stringMatching(/severity number 25/),
    ]);
  });
});

describe('metric points are validated one by one', () => {
  it('counts a metric with no known data field as one rejected', () => {
    const decoded = decodeMetrics(
      metricsRequest([
        { name: 'mystery', futureKind: { dataPoints: [{}, {}] } },
        { name: 'g', gauge: { dataPoints: [{ asDouble: 1 }] } },
      ]),
      'json',
      options,
    );
    expect(decoded.points.map((point) => point.name)).toEqual(['g']);
    expect(decoded.counts.rejected).toBe(1);
    expect(decoded.rejections[0]).toMatch(/mystery: has no known data field/);
  });

  it('rejects a point without a value and keeps its siblings', () => {
    const decoded = decodeMetrics(
      metricsRequest([
        { name: 'g', gauge: { dataPoints: [{ asInt: '1' }, { timeUnixNano: '5' }, { asDouble: 2 }] } },
      ]),
      'json',
      options,
    );
    expect(decoded.points.map((point) => (point.type === 'gauge' ? point.value : null))).toEqual([1n, 2]);
    expect(decoded.counts.rejected).toBe(1);
    expect(decoded.rejections[0]).toMatch(/metric point g: has no value/);
  });

  it('rejects every point of a metric with an unknown temporality', () => {
    const decoded = decodeMetrics(
      metricsRequest([
        { name: 's', sum: { aggregationTemporality: 7, dataPoints: [{ asInt: '1' }, { asInt: '2' }] } },
      ]),
      'json',
      options,
    );
    expect(decoded.points).toEqual([]);
    expect(decoded.counts.rejected).toBe(2);
  });

  it('rejects a point whose exemplar has an id of the wrong length', () => {
    const decoded = decodeMetrics(
      metricsRequest([
        {
          name: 'g',
          gauge: {
            dataPoints: [{ asInt: '1', exemplars: [{ asDouble: 1, traceId: 'abcd' }] }, { asInt: '2' }],
          },
        },
      ]),
      'json',
      options,
    );
    expect(decoded.points).toHaveLength(1);
    expect(decoded.counts.rejected).toBe(1);
  });
});

describe('bodies that cannot be decoded at all', () => {
  it.each([
    ['invalid JSON', '{"resourceSpans": ['],
    ['an empty JSON body', ''],
    ['a top-level array', '[]'],
    ['a top-level string', '"spans"'],
    ['a top-level null', 'null'],
    ['a top-level number', '12345678901234567890'],
    ['resourceSpans that is not a list', '{"resourceSpans": {"spans": []}}'],
    ['scopeSpans that is not a list', '{"resourceSpans": [{"scopeSpans": 3}]}'],
    ['a resource group that is not an object', '{"resourceSpans": [7]}'],
  ])('%s is an OtlpDecodeError', (_, text) => {
    expect(() => decodeTraces(textBody(text), 'json', options)).toThrow(OtlpDecodeError);
  });

  it('the same goes for logs and metrics', () => {
    expect(() => decodeLogs(textBody('{"resourceLogs":'), 'json', options)).toThrow(OtlpDecodeError);
    expect(() => decodeMetrics(textBody('[1]'), 'json', options)).toThrow(OtlpDecodeError);
  });

  it('an empty object is a valid empty request', () => {
    expect(decodeTraces(textBody('{}'), 'json', options).spans).toEqual([]);
    expect(decodeLogs(textBody('{"resourceLogs":[]}'), 'json', options).logs).toEqual([]);
    expect(decodeMetrics(textBody('{"resourceMetrics":null}'), 'json', options).points).toEqual([]);
  });

  it('values nested beyond any real use reject the item instead of overflowing the stack', () => {
    const deep = `${'{"arrayValue":{"values":['.repeat(5000)}{"stringValue":"x"}${']}}'.repeat(5000)}`;
    const body = textBody(
      `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}",` +
        `"startTimeUnixNano":"1","endTimeUnixNano":"1","attributes":[{"key":"deep","value":${deep}}]}]}]}]}`,
    );
    const decoded = decodeTraces(body, 'json', options);
    expect(decoded.counts.rejected).toBe(1);
    expect(decoded.rejections[0]).toMatch(/nested too deep/);
  });
});
