import type { LogRecord, MetricPoint, Span } from '@sextant/core';
import type { TraceRollup } from '../rollup/trace-rollup.js';
import { InsertionRing } from './insertion-ring.js';

export interface MemoryStoreOptions {
  /** Most traces kept; the trace inserted first is evicted first. */
  maxTraces: number;
  /** Most spans kept per trace; later spans of a full trace are dropped (and counted). */
  maxSpansPerTrace: number;
  /** Traces, logs and points inserted longer ago than this are evicted. */
  maxAgeMs?: number | undefined;
  /** The clock, in milliseconds (tests pass their own). */
  now?: (() => number) | undefined;
  /** Most log records kept (oldest evicted first); 100 000 unless set. */
  maxLogRecords?: number | undefined;
  /** Most metric points kept (oldest evicted first); 100 000 unless set. */
  maxMetricPoints?: number | undefined;
}

export interface TraceEntry {
  rollup: TraceRollup;
  /** By span id. */
  spans: Map<string, Span>;
  insertedAt: number;
}

const DEFAULT_MAX_RECORDS = 100_000;

/** Everything a memory store holds, and the eviction that keeps it within its bounds. */
export class MemoryState {
  /** By `rollupKey`, in insertion order: the first entry is the oldest. */
  readonly traces = new Map<string, TraceEntry>();
  readonly logs: InsertionRing<LogRecord>;
  readonly metrics: InsertionRing<MetricPoint>;
  readonly maxTraces: number;
  readonly maxSpansPerTrace: number;
  readonly maxAgeMs: number | undefined;
  readonly now: () => number;
  evictedTraces = 0;
  droppedSpans = 0;

  constructor(options: MemoryStoreOptions) {
    this.maxTraces = options.maxTraces;
    this.maxSpansPerTrace = options.maxSpansPerTrace;
    this.maxAgeMs = options.maxAgeMs;
    this.now = options.now ?? Date.now;
    this.logs = new InsertionRing(options.maxLogRecords ?? DEFAULT_MAX_RECORDS);
    this.metrics = new InsertionRing(options.maxMetricPoints ?? DEFAULT_MAX_RECORDS);
  }

  /** Evicts what is too old, then the oldest traces beyond the capacity. */
  evict(): void {
    if (this.maxAgeMs !== undefined) {
      const cutoff = this.now() - this.maxAgeMs;
      for (const [key, entry] of this.traces) {
        if (entry.insertedAt >= cutoff) break;
        this.#evictTrace(key);
      }
      this.logs.dropInsertedBefore(cutoff);
      this.metrics.dropInsertedBefore(cutoff);
    }
    for (const key of this.traces.keys()) {
      if (this.traces.size <= this.maxTraces) break;
      this.#evictTrace(key);
    }
  }

  /** Lets go of everything held. */
  clear(): void {
    this.traces.clear();
    this.logs.clear();
    this.metrics.clear();
  }

  #evictTrace(key: string): void {
    this.traces.delete(key);
    this.evictedTraces++;
  }
}
