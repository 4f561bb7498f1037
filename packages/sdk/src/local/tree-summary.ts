import { type AttributeValue, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { hrTimeToNanos } from '../setup/clock.js';
import { SPAN_KIND_ATTRIBUTE } from '../spans/span-kinds.js';

/** What a summary line shows, in order: a label and the attributes it is read from, first found. */
const SUMMARY_FIELDS: readonly (readonly [label: string, keys: readonly string[]])[] = [
  ['model', ['gen_ai.response.model', 'gen_ai.request.model']],
  ['in', ['gen_ai.usage.input_tokens']],
  ['out', ['gen_ai.usage.output_tokens']],
  ['cache_read', ['gen_ai.usage.cache_read.input_tokens']],
  ['cache_write', ['gen_ai.usage.cache_creation.input_tokens']],
  ['reasoning', ['gen_ai.usage.reasoning.output_tokens']],
  ['cost_usd', ['gen_ai.usage.cost', 'sextant.cost.usd']],
  ['ttft_s', ['gen_ai.response.time_to_first_chunk']],
  ['finish', ['gen_ai.response.finish_reasons']],
  ['tool', ['gen_ai.tool.name']],
  ['status', ['http.response.status_code']],
  ['db', ['db.system.name']],
  ['from', ['sextant.routing.from_model']],
  ['to', ['sextant.routing.to_model']],
  ['reason', ['sextant.routing.reason']],
  ['tools', ['sextant.tools.names']],
  ['source', ['sextant.tools.source']],
  ['query', ['sextant.tool_search.query']],
  ['score', ['sextant.tool_search.score']],
];

const SIGNIFICANT_DIGITS = 6;

/** `1.5s`, `250ms`, `12.5us`, `800ns`: exact for whole units, three decimals at most. */
export function formatDuration(nanos: bigint): string {
  const units: readonly [bigint, string][] = [
    [1_000_000_000n, 's'],
    [1_000_000n, 'ms'],
    [1_000n, 'us'],
  ];
  for (const [size, unit] of units) {
    if (nanos >= size) return `${Number((Number(nanos) / Number(size)).toFixed(3))}${unit}`;
  }
  return `${nanos}ns`;
}

function formatValue(value: AttributeValue): string {
  if (Array.isArray(value)) return value.map((item) => formatValue(item as AttributeValue)).join('|');
  if (typeof value === 'number' && !Number.isInteger(value))
    return String(Number(value.toPrecision(SIGNIFICANT_DIGITS)));
  return String(value);
}

function fields(span: ReadableSpan): string[] {
  const shown: string[] = [];
  for (const [label, keys] of SUMMARY_FIELDS) {
    const key = keys.find((candidate) => span.attributes[candidate] !== undefined);
    if (key !== undefined) shown.push(`${label}=${formatValue(span.attributes[key]!)}`);
  }
  if (span.status.code === SpanStatusCode.ERROR) shown.push(`error=${span.status.message ?? ''}`);
  return shown;
}

function kindOf(span: ReadableSpan): string {
  const kind = span.attributes[SPAN_KIND_ATTRIBUTE];
  return typeof kind === 'string' ? kind : SpanKind[span.kind].toLowerCase();
}

function durationNanos(span: ReadableSpan): bigint {
  return hrTimeToNanos(span.endTime) - hrTimeToNanos(span.startTime);
}

function line(depth: number, text: string, details: string[]): string {
  return `${'  '.repeat(depth)}${text}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

function compareNanos(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Start order; spans starting together (a marker and the call it precedes) in end order. */
function byStart(a: ReadableSpan, b: ReadableSpan): number {
  return (
    compareNanos(hrTimeToNanos(a.startTime), hrTimeToNanos(b.startTime)) ||
    compareNanos(hrTimeToNanos(a.endTime), hrTimeToNanos(b.endTime)) ||
    a.name.localeCompare(b.name)
  );
}

/** Too long for a one-line summary; the span keeps it. */
const UNSUMMARIZED_EVENT_ATTRIBUTES: ReadonlySet<string> = new Set(['exception.stacktrace']);

/**
 * The spans as an indented tree, one line per span (`kind name duration (key=value, …)`) and per
 * event (`event name +offset`), children in start order; the total duration of the root spans
 * on top. A span whose parent is not among `spans` is a root.
 */
export function summarizeSpans(spans: readonly ReadableSpan[]): string {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const children = new Map<string, ReadableSpan[]>();
  const roots: ReadableSpan[] = [];
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    if (parent === undefined || !ids.has(parent)) roots.push(span);
    else children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const total = roots.reduce((sum, root) => sum + durationNanos(root), 0n);
  const lines = [
    `total ${formatDuration(total)} in ${roots.length} root span${roots.length === 1 ? '' : 's'}`,
  ];
  const visit = (span: ReadableSpan, depth: number) => {
    lines.push(
      line(depth, `${kindOf(span)} ${span.name} ${formatDuration(durationNanos(span))}`, fields(span)),
    );
    const start = hrTimeToNanos(span.startTime);
    for (const event of span.events) {
      const details = Object.entries(event.attributes ?? {})
        .filter(([key]) => !UNSUMMARIZED_EVENT_ATTRIBUTES.has(key))
        .map(([key, value]) => `${key}=${formatValue(value!)}`);
      lines.push(
        line(depth + 1, `event ${event.name} +${formatDuration(hrTimeToNanos(event.time) - start)}`, details),
      );
    }
    for (const child of (children.get(span.spanContext().spanId) ?? []).sort(byStart))
      visit(child, depth + 1);
  };
  for (const root of roots.sort(byStart)) visit(root, 0);
  return lines.join('\n');
}
