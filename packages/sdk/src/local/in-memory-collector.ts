import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { summarizeSpans } from './tree-summary.js';

const DEFAULT_MAX_SPANS = 100_000;

/**
 * Keeps finished spans in memory, for tests and scripts: pass it in `init({ spanProcessors })`.
 * It holds at most `maxSpans`, dropping the oldest (and counting them) beyond.
 */
export class InMemoryCollector implements SpanProcessor {
  readonly #maxSpans: number;
  #spans: ReadableSpan[] = [];
  #dropped = 0;

  constructor(options: { maxSpans?: number } = {}) {
    this.#maxSpans = Math.max(1, options.maxSpans ?? DEFAULT_MAX_SPANS);
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    this.#spans.push(span);
    if (this.#spans.length > this.#maxSpans) {
      this.#spans.shift();
      this.#dropped++;
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  /** Every finished span kept, in the order they ended. */
  get spans(): readonly ReadableSpan[] {
    return this.#spans;
  }

  /** How many spans were dropped because more than `maxSpans` finished. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The first finished span with this name. */
  find(name: string): ReadableSpan | undefined {
    return this.#spans.find((span) => span.name === name);
  }

  /** The kept spans as an indented text tree (see `summarizeSpans`). */
  summary(): string {
    return summarizeSpans(this.#spans);
  }

  clear(): void {
    this.#spans = [];
    this.#dropped = 0;
  }
}
