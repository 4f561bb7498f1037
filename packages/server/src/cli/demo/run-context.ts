import {
  type Attributes,
  type Link,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { DemoModel } from './content.js';
import type { Random } from './random.js';

/** The services of the demo, each one tracer provider (one `service.name`). */
export const DEMO_SERVICES = [
  'support-agent',
  'orders-api',
  'research-agent',
  'docs-writer',
  'ticket-triage',
  'helpdesk-api',
] as const;
export type DemoService = (typeof DEMO_SERVICES)[number];

/** Everything one recorded agent run needs. */
export interface RunContext {
  tracer(service: DemoService): Tracer;
  random: Random;
  /** When the run starts, in epoch milliseconds. */
  startMs: number;
  user: string;
  session: string;
  /** 0 for the first turn of the session. */
  turn: number;
  /** The root span of the session's previous turn, linked from this one. */
  previousTurn: SpanContext | null;
  /** True while the demo's incident lasts: the orders API is slow and failing. */
  incident: boolean;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
}

/** Starts a span at an explicit time, as a child of `parent` (a new trace without one). */
export function startSpan(
  tracer: Tracer,
  parent: Span | null,
  name: string,
  atMs: number,
  options: SpanOptions = {},
): Span {
  const context = parent === null ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, parent);
  return tracer.startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      startTime: atMs,
      attributes: options.attributes ?? {},
      links: options.links ?? [],
    },
    context,
  );
}

/** Ends a span at an explicit time; a failure message sets the error status. */
export function endSpan(span: Span, atMs: number, failure?: { message: string; type: string }): void {
  if (failure) {
    span.setAttribute('error.type', failure.type);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
    span.addEvent(
      'exception',
      { 'exception.type': failure.type, 'exception.message': failure.message },
      atMs,
    );
  }
  span.end(atMs);
}

/** How long a model call takes: time to first token, then the output; one in twenty is slow. */
export function modelTiming(
  random: Random,
  model: DemoModel,
  outputTokens: number,
): { firstTokenMs: number; totalMs: number } {
  const slow = random.chance(0.05) ? random.between(4, 9) : 1;
  const firstTokenMs = model.firstTokenMs * random.between(0.7, 1.6) * slow;
  const totalMs = firstTokenMs + outputTokens * model.msPerOutputToken * random.between(0.8, 1.3);
  return { firstTokenMs, totalMs };
}

/** Timestamps in order, from the run's start. */
export class Clock {
  constructor(public nowMs: number) {}

  /** Moves on by `ms` and answers the time before the move. */
  advance(ms: number): number {
    const at = this.nowMs;
    this.nowMs += ms;
    return at;
  }
}

/** An id like providers give: a prefix and random characters. */
export function responseId(random: Random, prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let id = prefix;
  for (let i = 0; i < 20; i++) id += alphabet[random.int(0, alphabet.length - 1)];
  return id;
}
