import { randomBytes } from 'node:crypto';

export function randomTraceId(): string {
  return randomBytes(16).toString('hex');
}
export function randomSpanId(): string {
  return randomBytes(8).toString('hex');
}

export interface JsonSpanOptions {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
}

/** One OTLP/JSON span, valid unless the options make it otherwise. */
export function jsonSpan(options: JsonSpanOptions = {}) {
  const start = options.startTimeUnixNano ?? `${BigInt(Date.now()) * 1_000_000n}`;
  return {
    traceId: options.traceId ?? randomTraceId(),
    spanId: options.spanId ?? randomSpanId(),
    parentSpanId: options.parentSpanId ?? '',
    name: options.name ?? 'operation',
    kind: 1,
    startTimeUnixNano: start,
    endTimeUnixNano: options.endTimeUnixNano ?? `${BigInt(start) + 1_000_000n}`,
    attributes: options.attributes ?? [],
  };
}

/** An `ExportTraceServiceRequest` in OTLP/JSON holding the given spans under one service. */
export function jsonTraceRequest(spans: unknown[], service = 'test-service') {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ scope: { name: 'test' }, spans }],
      },
    ],
  };
}
