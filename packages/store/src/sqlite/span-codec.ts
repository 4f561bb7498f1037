import type {
  Attributes,
  Cost,
  CostSource,
  InstrumentationScope,
  LlmFields,
  Resource,
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanType,
  StatusCode,
  TokenCounts,
} from '@sextant/core';
import { decodeValue, encodeValue, type PayloadSink, type PayloadSource } from './codec.js';
import { spanNumbers } from './span-numbers.js';

/*
 * The parts of a span that no query looks into are kept in one `body` column, as a tuple (field
 * names would repeat on every row) encoded by the value codec, so long strings anywhere in it
 * (attribute values, prompts, completions) go to the payloads table.
 */

type EventTuple = [
  timeUnixNano: bigint,
  name: string,
  attributes: Attributes,
  droppedAttributesCount: number,
];
type LinkTuple = [
  traceId: string,
  spanId: string,
  traceState: string,
  attributes: Attributes,
  droppedAttributesCount: number,
  flags: number,
];
type TokenTuple = [
  input: number,
  output: number,
  cacheRead: number,
  cacheWrite: number,
  reasoning: number,
  total: number,
];
type CostTuple = [nanoUsd: number, source: CostSource, priceEntry: string | null];
type LlmTuple = [
  spanType: SpanType,
  requestModel: string | null,
  responseModel: string | null,
  provider: string | null,
  tokens: TokenTuple | null,
  cost: CostTuple | null,
  sessionId: string | null,
  userId: string | null,
  inputText: string | null,
  outputText: string | null,
  timeToFirstTokenNano: bigint | null,
  /** The attribute whose value is the input text, when one is (the text slot is then null). */
  inputTextKey: string | null,
  outputTextKey: string | null,
];
type BodyTuple = [
  traceState: string,
  flags: number,
  statusMessage: string,
  attributes: Attributes,
  droppedAttributesCount: number,
  events: EventTuple[],
  droppedEventsCount: number,
  links: LinkTuple[],
  droppedLinksCount: number,
  llm: LlmTuple,
];

/**
 * The span's row. Its resource and scope columns take what the caller gives: the writer's row ids,
 * or refs into a batch's list of descriptors that the writer replaces with ids.
 */
export function spanRow(
  span: Span,
  resourceId: number,
  scopeId: number,
  payloads: PayloadSink,
  terms: string,
): SpanRow {
  return [
    span.project,
    span.traceId,
    span.spanId,
    span.parentSpanId,
    span.name,
    span.service,
    span.kind,
    span.status.code,
    span.startTimeUnixNano,
    span.endTimeUnixNano,
    resourceId,
    scopeId,
    encodeSpanBody(span, payloads),
    0,
    spanNumbers(span),
    terms,
  ];
}

function encodeSpanBody(span: Span, payloads: PayloadSink): string {
  const events: EventTuple[] = [];
  for (const event of span.events) {
    events.push([event.timeUnixNano, event.name, event.attributes, event.droppedAttributesCount]);
  }
  const links: LinkTuple[] = [];
  for (const link of span.links) {
    links.push([
      link.traceId,
      link.spanId,
      link.traceState,
      link.attributes,
      link.droppedAttributesCount,
      link.flags,
    ]);
  }
  const body: BodyTuple = [
    span.traceState,
    span.flags,
    span.status.message,
    span.attributes,
    span.droppedAttributesCount,
    events,
    span.droppedEventsCount,
    links,
    span.droppedLinksCount,
    llmTuple(span.llm, span.attributes),
  ];
  return encodeValue(body, payloads);
}

/**
 * The attribute holding exactly this text, if any. Normalization copies prompts and completions
 * out of attributes, so a span would otherwise carry each twice.
 */
function attributeHolding(attributes: Attributes, text: string | null): string | null {
  if (text === null) return null;
  for (const key in attributes) {
    const value = attributes[key];
    if (value === text) return key;
  }
  return null;
}

function llmTuple(llm: LlmFields, attributes: Attributes): LlmTuple {
  const { tokens, cost } = llm;
  const inputTextKey = attributeHolding(attributes, llm.inputText);
  const outputTextKey = attributeHolding(attributes, llm.outputText);
  return [
    llm.spanType,
    llm.requestModel,
    llm.responseModel,
    llm.provider,
    tokens === null
      ? null
      : [tokens.input, tokens.output, tokens.cacheRead, tokens.cacheWrite, tokens.reasoning, tokens.total],
    cost === null ? null : [cost.nanoUsd, cost.source, cost.priceEntry],
    llm.sessionId,
    llm.userId,
    inputTextKey === null ? llm.inputText : null,
    outputTextKey === null ? llm.outputText : null,
    llm.timeToFirstTokenNano,
    inputTextKey,
    outputTextKey,
  ];
}

/**
 * A `spans` row, in the order of `SPAN_COLUMNS` (integers read back as bigints). Its trace key is
 * the writer's to fill in, as it finds or makes the trace's row.
 */
export type SpanRow = [
  project: string,
  traceId: string,
  spanId: string,
  parentSpanId: string,
  name: string,
  service: string,
  kind: number | bigint,
  statusCode: number | bigint,
  startTimeUnixNano: bigint,
  endTimeUnixNano: bigint,
  resourceId: number | bigint,
  scopeId: number | bigint,
  body: string,
  traceKey: number | bigint,
  /** The span's numeric attributes, of every place, for numeric search conditions (see `spanNumbers`). */
  numbers: string | null,
  /** The span's term tokens (see search-terms.ts), so that a search checks them on the row. */
  terms: string | null,
];

export const SPAN_COLUMNS =
  'project, trace_id, span_id, parent_span_id, name, service, kind, status_code, start_ns, end_ns, resource_id, ' +
  'scope_id, body, trace_key, numbers, terms';

/** Where the trace key sits in a span row. */
export const SPAN_TRACE_KEY = 13;

/** Rebuilds a span from its row (read with safe integers), its resource and its scope. */
export function decodeSpan(
  row: SpanRow,
  resource: Resource,
  scope: InstrumentationScope,
  payloads: PayloadSource,
): Span {
  const body = decodeValue(row[12], payloads) as BodyTuple;
  const events: SpanEvent[] = [];
  for (const [timeUnixNano, name, attributes, droppedAttributesCount] of body[5]) {
    events.push({ timeUnixNano, name, attributes, droppedAttributesCount });
  }
  const links: SpanLink[] = [];
  for (const [traceId, spanId, traceState, attributes, droppedAttributesCount, flags] of body[7]) {
    links.push({ traceId, spanId, traceState, attributes, droppedAttributesCount, flags });
  }
  return {
    project: row[0],
    traceId: row[1],
    spanId: row[2],
    parentSpanId: row[3],
    traceState: body[0],
    flags: body[1],
    name: row[4],
    kind: Number(row[6]) as SpanKind,
    startTimeUnixNano: row[8],
    endTimeUnixNano: row[9],
    status: { code: Number(row[7]) as StatusCode, message: body[2] },
    service: row[5],
    resource,
    scope,
    attributes: body[3],
    droppedAttributesCount: body[4],
    events,
    droppedEventsCount: body[6],
    links,
    droppedLinksCount: body[8],
    llm: llmFields(body[9], body[3]),
  };
}

function llmFields(tuple: LlmTuple, attributes: Attributes): LlmFields {
  const [spanType, requestModel, responseModel, provider, tokens, cost] = tuple;
  const inputTextKey = tuple[11];
  const outputTextKey = tuple[12];
  return {
    spanType,
    requestModel,
    responseModel,
    provider,
    tokens: tokens === null ? null : tokenCounts(tokens),
    cost: cost === null ? null : costOf(cost),
    sessionId: tuple[6],
    userId: tuple[7],
    inputText: inputTextKey === null ? tuple[8] : (attributes[inputTextKey] as string),
    outputText: outputTextKey === null ? tuple[9] : (attributes[outputTextKey] as string),
    timeToFirstTokenNano: tuple[10],
  };
}

function tokenCounts([input, output, cacheRead, cacheWrite, reasoning, total]: TokenTuple): TokenCounts {
  return { input, output, cacheRead, cacheWrite, reasoning, total };
}

function costOf([nanoUsd, source, priceEntry]: CostTuple): Cost {
  return { nanoUsd, source, priceEntry };
}
