import type { Span } from '@sextant/core';

/** A subscriber's view of the stream: it takes spans it wants, and is told of what it missed. */
export interface LiveSubscriber {
  /** Whether the subscriber wants this span (its filters). */
  wants(span: Span): boolean;
  /** Delivers spans; answers false when the subscriber could not take them (they are dropped). */
  deliver(spans: readonly Span[]): boolean;
}

export interface LiveStats {
  subscribers: number;
  /** Spans handed to subscribers, and spans a slow subscriber had to drop, summed over subscribers. */
  delivered: number;
  dropped: number;
}

/**
 * Hands the spans of each committed batch to the live-tail subscribers, on the ingest path: it
 * must cost nothing without subscribers and never wait on one. A subscriber too slow to take a
 * batch loses it (it is counted, and the subscriber says so to its client).
 */
export class LiveHub {
  readonly #subscribers = new Set<LiveSubscriber>();
  #delivered = 0;
  #dropped = 0;

  subscribe(subscriber: LiveSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  publish(spans: readonly Span[]): void {
    if (this.#subscribers.size === 0 || spans.length === 0) return;
    for (const subscriber of this.#subscribers) {
      const wanted = spans.filter((span) => subscriber.wants(span));
      if (wanted.length === 0) continue;
      if (subscriber.deliver(wanted)) this.#delivered += wanted.length;
      else this.#dropped += wanted.length;
    }
  }

  stats(): LiveStats {
    return { subscribers: this.#subscribers.size, delivered: this.#delivered, dropped: this.#dropped };
  }
}
