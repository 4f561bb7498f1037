import type { Attributes } from '../../src/model/attributes.js';
import type { SpanEvent, SpanKind } from '../../src/model/span.js';
import type { LlmSpanInput } from '../../src/semconv/index.js';

/** 2024-08-04T22:11:54Z, in nanoseconds. */
export const START = 1_722_809_514_000_000_000n;
export const MS = 1_000_000n;

export interface SpanSpec {
  name?: string;
  kind?: SpanKind;
  attributes?: Attributes;
  events?: SpanEvent[];
  resource?: Attributes;
}

/** A decoded span as the normalizer receives it (attribute values typed: bigint ints, number doubles). */
export function span(spec: SpanSpec): LlmSpanInput {
  return {
    name: spec.name ?? 'span',
    kind: spec.kind ?? 1,
    attributes: spec.attributes ?? {},
    events: spec.events ?? [],
    resource: { attributes: spec.resource ?? {}, droppedAttributesCount: 0, schemaUrl: '' },
    startTimeUnixNano: START,
  };
}

/** A span event `offset` nanoseconds after the span start. */
export function event(name: string, offset: bigint, attributes: Attributes = {}): SpanEvent {
  return { timeUnixNano: START + offset, name, attributes, droppedAttributesCount: 0 };
}
