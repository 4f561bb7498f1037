import type { SpanView } from '../../src/api/types.js';

const BASE_NS = 1_795_343_702_000_000_000n;

/**
 * A span as the API answers it, for tests of the UI's own logic: `start` and `end` in
 * milliseconds from a fixed instant, everything else empty unless given.
 */
export function spanView(
  fields: Partial<Omit<SpanView, 'llm'>> & {
    spanId: string;
    start?: number;
    end?: number;
    llm?: Partial<SpanView['llm']>;
  },
): SpanView {
  const { start = 0, end = start + 1, llm, ...rest } = fields;
  const startNs = BASE_NS + BigInt(Math.round(start * 1e6));
  const endNs = BASE_NS + BigInt(Math.round(end * 1e6));
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    parentSpanId: '',
    name: fields.spanId,
    kind: 'internal',
    service: 'svc',
    startTime: new Date(Number(startNs / 1_000_000n)).toISOString(),
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: endNs.toString(),
    durationNano: (endNs - startNs).toString(),
    durationMs: end - start,
    status: { code: 'unset', message: '' },
    attributes: {},
    droppedAttributesCount: 0,
    resource: { attributes: { 'service.name': 'svc' }, droppedAttributesCount: 0, schemaUrl: '' },
    scope: { name: 'test', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' },
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    llm: {
      spanType: 'internal',
      requestModel: null,
      responseModel: null,
      provider: null,
      tokens: null,
      cost: null,
      sessionId: null,
      userId: null,
      inputText: null,
      outputText: null,
      timeToFirstTokenMs: null,
      ...llm,
    },
    ...rest,
  };
}
