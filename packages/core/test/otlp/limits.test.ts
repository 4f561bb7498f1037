import { describe, expect, it } from 'vitest';
import type { GaugePoint } from '../../src/model/metric-point.js';
import type { OtlpEncoding } from '../../src/otlp/index.js';
import { decodeLogs, decodeMetrics, decodeTraces } from '../../src/otlp/index.js';
import { otlpSchema } from '../../src/otlp/schema.js';
import { decodeOptions, jsonBody } from './helpers.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

function stringAttributes(count: number, prefix = 'a'): object[] {
  return Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, value: { stringValue: `v${i}` } }));
}

function span(fields: Record<string, unknown>): Record<string, unknown> {
  return { traceId: TRACE_ID, spanId: SPAN_ID, startTimeUnixNano: '1', endTimeUnixNano: '2', ...fields };
}

describe('string and bytes values are cut to maxAttributeValueLength', () => {
  const options = decodeOptions({ maxAttributeValueLength: 5 });

  it('in attributes, arrays and kvlists, counting each cut', () => {
    const body = jsonBody({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a-long-service' } }] },
          scopeSpans: [
            {
              spans: [
                span({
                  attributes: [
                    { key: 'exact', value: { stringValue: '12345' } },
                    { key: 'long', value: { stringValue: '123456789' } },
                    {
                      key: 'list',
                      value: { arrayValue: { values: [{ stringValue: 'abcdefg' }, { stringValue: 'ok' }] } },
                    },
                    {
                      key: 'map',
                      value: {
                        kvlistValue: { values: [{ key: 'inner', value: { stringValue: 'zzzzzzzz' } }] },
                      },
                    },
                    { key: 'emoji', value: { stringValue: 'abcd\u{1F600}z' } },
                    { key: 'bytes', value: { bytesValue: 'AAECAwQFBgc=' } },
                    { key: 'short-bytes', value: { bytesValue: 'AAE=' } },
                  ],
                  events: [{ name: 'e', attributes: [{ key: 'x', value: { stringValue: 'abcdef' } }] }],
                }),
              ],
            },
          ],
        },
      ],
    });
    const decoded = decodeTraces(body, 'json', options);
    const [decodedSpan] = decoded.spans;
    expect(decodedSpan!.attributes).toEqual({
      exact: '12345',
      long: '12345',
      list: ['abcde', 'ok'],
      map: { inner: 'zzzzz' },
      // Cut before the emoji, never through the middle of its surrogate pair.
      emoji: 'abcd',
      bytes: new Uint8Array([0, 1, 2, 3, 4]),
      'short-bytes': new Uint8Array([0, 1]),
    });
    expect(decodedSpan!.events[0]!.attributes).toEqual({ x: 'abcde' });
    expect(decodedSpan!.service).toBe('a-lon');
    expect(decoded.counts.truncatedValues).toBe(7);
    expect(decoded.counts.rejected).toBe(0);
  });

  it('in log bodies', () => {
    const decoded = decodeLogs(
      jsonBody({
        resourceLogs: [
          {
            scopeLogs: [
              { logRecords: [{ body: { stringValue: 'a long body' } }, { body: { stringValue: 'tiny' } }] },
            ],
          },
        ],
      }),
      'json',
      options,
    );
    expect(decoded.logs.map((log) => log.body)).toEqual(['a lon', 'tiny']);
    expect(decoded.counts.truncatedValues).toBe(1);
  });
});

describe('attributes over maxAttributesPerItem are dropped and counted', () => {
  const options = decodeOptions({ maxAttributesPerItem: 2 });

  it('on spans, events, links, resources and scopes', () => {
    const body = jsonBody({
      resourceSpans: [
        {
          resource: { attributes: stringAttributes(3, 'r'), droppedAttributesCount: 1 },
          scopeSpans: [
            {
              scope: { name: 's', attributes: stringAttributes(4, 's') },
              spans: [
                span({
                  attributes: stringAttributes(5),
                  droppedAttributesCount: 10,
                  events: [{ name: 'e', attributes: stringAttributes(3, 'e') }],
                  links: [{ traceId: TRACE_ID, spanId: SPAN_ID, attributes: stringAttributes(2, 'l') }],
                }),
              ],
            },
          ],
        },
      ],
    });
    const decoded = decodeTraces(body, 'json', options);
    const [decodedSpan] = decoded.spans;
    expect(decodedSpan!.attributes).toEqual({ a0: 'v0', a1: 'v1' });
    expect(decodedSpan!.droppedAttributesCount).toBe(13);
    expect(decodedSpan!.resource).toMatchObject({
      attributes: { r0: 'v0', r1: 'v1' },
      droppedAttributesCount: 2,
    });
    expect(decodedSpan!.scope).toMatchObject({
      attributes: { s0: 'v0', s1: 'v1' },
      droppedAttributesCount: 2,
    });
    expect(decodedSpan!.events[0]).toMatchObject({
      attributes: { e0: 'v0', e1: 'v1' },
      droppedAttributesCount: 1,
    });
    expect(decodedSpan!.links[0]).toMatchObject({
      attributes: { l0: 'v0', l1: 'v1' },
      droppedAttributesCount: 0,
    });
    // resource 1 + scope 2 + span 3 + event 1
    expect(decoded.counts.droppedAttributes).toBe(7);
  });

  it('on log records', () => {
    const decoded = decodeLogs(
      jsonBody({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ attributes: stringAttributes(6) }] }] }] }),
      'json',
      options,
    );
    expect(decoded.logs[0]).toMatchObject({ attributes: { a0: 'v0', a1: 'v1' }, droppedAttributesCount: 4 });
    expect(decoded.counts.droppedAttributes).toBe(4);
  });

  it('on metric points, their exemplars and the metric metadata', () => {
    const decoded = decodeMetrics(
      jsonBody({
        resourceMetrics: [
          {
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: 'g',
                    metadata: stringAttributes(3, 'm'),
                    gauge: {
                      dataPoints: [
                        {
                          asDouble: 1,
                          attributes: stringAttributes(4),
                          exemplars: [{ asDouble: 1, filteredAttributes: stringAttributes(3, 'f') }],
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
      'json',
      options,
    );
    const point = decoded.points[0] as GaugePoint;
    expect(point.attributes).toEqual({ a0: 'v0', a1: 'v1' });
    expect(point.metadata).toEqual({ m0: 'v0', m1: 'v1' });
    expect(point.exemplars[0]!.filteredAttributes).toEqual({ f0: 'v0', f1: 'v1' });
    expect(decoded.counts.droppedAttributes).toBe(4);
  });
});

describe('events and links over the per-span limits are dropped and counted', () => {
  it('keeps the first ones', () => {
    const events = Array.from({ length: 4 }, (_, i) => ({ name: `e${i}`, timeUnixNano: String(i + 1) }));
    const links = Array.from({ length: 3 }, (_, i) => ({ traceId: TRACE_ID, spanId: `${i + 1}`.repeat(16) }));
    const decoded = decodeTraces(
      jsonBody({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  span({ events, links, droppedEventsCount: 2, droppedLinksCount: 1 }),
                  span({ events: [], links }),
                ],
              },
            ],
          },
        ],
      }),
      'json',
      decodeOptions({ maxEventsPerSpan: 1, maxLinksPerSpan: 2 }),
    );
    const [first, second] = decoded.spans;
    expect(first!.events.map((event) => event.name)).toEqual(['e0']);
    expect(first!.droppedEventsCount).toBe(5);
    expect(first!.links.map((link) => link.spanId)).toEqual(['1111111111111111', '2222222222222222']);
    expect(first!.droppedLinksCount).toBe(2);
    expect(second!.droppedLinksCount).toBe(1);
    expect(decoded.counts).toMatchObject({ droppedEvents: 3, droppedLinks: 2, rejected: 0 });
  });
});

describe('a span with 100 000 attributes and a 10 MB string value', () => {
  const huge = 'x'.repeat(10_000_000);
  const attributes = [
    { key: 'huge', value: { stringValue: huge } },
    ...Array.from({ length: 100_000 }, (_, i) => ({ key: `k${i}`, value: { intValue: i } })),
  ];
  const request = {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
                spanId: Uint8Array.from({ length: 8 }, (_, i) => i + 1),
                startTimeUnixNano: 1,
                endTimeUnixNano: 2,
                attributes,
              },
            ],
          },
        ],
      },
    ],
  };
  const type = otlpSchema.ExportTraceServiceRequest;
  const bodies: Record<OtlpEncoding, Uint8Array> = {
    protobuf: type.encode(type.fromObject(request)).finish(),
    json: jsonBody({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '0102030405060708090a0b0c0d0e0f10',
                  spanId: '0102030405060708',
                  startTimeUnixNano: 1,
                  endTimeUnixNano: 2,
                  attributes,
                },
              ],
            },
          ],
        },
      ],
    }),
  };

  it.each(['protobuf', 'json'] as const)('decodes capped, in %s', (encoding) => {
    const decoded = decodeTraces(bodies[encoding], encoding, decodeOptions());
    const [decodedSpan] = decoded.spans;
    const keys = Object.keys(decodedSpan!.attributes);
    expect(keys).toHaveLength(1024);
    expect(keys.at(-1)).toBe('k1022');
    expect(decodedSpan!.attributes.k1022).toBe(1022n);
    expect(decodedSpan!.attributes.huge).toBe(huge.slice(0, 64 * 1024));
    expect(decodedSpan!.droppedAttributesCount).toBe(100_001 - 1024);
    expect(decoded.counts).toMatchObject({
      truncatedValues: 1,
      droppedAttributes: 100_001 - 1024,
      rejected: 0,
    });
  });
});
