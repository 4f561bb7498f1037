import type { Attributes, SpanKind } from '@opentelemetry/api';
import type { SeededRandom } from './query-workload-random.js';

/** The instrumentation scopes spans come from, as `[name, version]`. */
export const SCOPES = {
  http: ['@opentelemetry/instrumentation-http', '0.203.0'],
  undici: ['@opentelemetry/instrumentation-undici', '0.14.0'],
  agent: ['agent-framework', '2.3.1'],
  gateway: ['llm-gateway', '1.8.0'],
  retriever: ['retriever', '0.4.2'],
} as const;

export type ScopeName = keyof typeof SCOPES;

export interface PlannedSpan {
  spanId: string;
  /** The parent's position in the run's spans; -1 for the root. */
  parent: number;
  service: string;
  scope: ScopeName;
  name: string;
  kind: SpanKind;
  /** Microseconds since the epoch (exact in a double until the year 2255). */
  startUs: number;
  endUs: number;
  attributes: Attributes;
  /** The status message of a failed span. */
  error?: string;
}

/** Builds a run's spans on a clock that moves forward as the agent works. */
export class RunBuilder {
  readonly spans: PlannedSpan[] = [];
  constructor(
    private readonly random: SeededRandom,
    private readonly common: Attributes,
  ) {}

  /** Adds a span from `startUs` lasting `durationUs`; returns its position. */
  add(span: Omit<PlannedSpan, 'spanId' | 'endUs'> & { durationUs: number }): number {
    const { durationUs, attributes, ...rest } = span;
    this.spans.push({
      ...rest,
      spanId: this.random.hex(16),
      endUs: Math.round(span.startUs + durationUs),
      attributes: { ...attributes, ...this.common },
    });
    return this.spans.length - 1;
  }

  /** Ends the span at `endUs` (a parent ends when its last child is done). */
  end(at: number, endUs: number): void {
    this.spans[at]!.endUs = Math.round(endUs);
  }

  fail(at: number, message: string, attributes: Attributes = {}): void {
    const span = this.spans[at]!;
    span.error = message;
    span.attributes = { ...span.attributes, ...attributes };
  }
}

/** Milliseconds, spread like latencies, in microseconds. */
export function latencyUs(random: SeededRandom, medianMs: number, spread = 0.5): number {
  return Math.max(50, random.logNormal(medianMs, spread) * 1000);
}

/** A short pause between two steps of the agent, in microseconds. */
export function gapUs(random: SeededRandom): number {
  return random.intBetween(200, 3000);
}
