import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RemovalCounts, Store } from '@sextant/store';

/** What retention keeps; null means no limit. */
export interface RetentionSettings {
  /** Traces that started longer ago than this are removed, with log records and points as old. */
  maxAgeNano: bigint | null;
  /** While the store takes more bytes than this, its oldest traces (and older records) go. */
  maxBytes: number | null;
}

export interface RetentionStatus {
  settings: RetentionSettings;
  intervalMs: number;
  /** What every run so far removed, summed. */
  removed: RemovalCounts;
  runs: number;
  running: boolean;
  lastRunStartedAt: number | null;
  lastRunFinishedAt: number | null;
  lastError: string | null;
}

export interface RetentionOptions {
  intervalMs: number;
  /** Traces (and records of each kind) removed per store call; between calls, ingest goes on. */
  chunk?: number | undefined;
  now?: (() => number) | undefined;
}

const DEFAULT_CHUNK = 500;
/** A size-driven run stops after this many rounds, so one run is always bounded. */
const MAX_SIZE_ROUNDS = 1000;

function noRemovals(): RemovalCounts {
  return { traces: 0, spans: 0, logs: 0, metrics: 0, payloads: 0 };
}

/**
 * Enforces the retention settings in the background, at an interval, in small chunks: each chunk
 * is one short write, queued among the ingest writes, so ingest never waits for a whole run. A run
 * removes by age first, then by size (oldest first) until the store fits. Settings change at run
 * time; every removal is counted.
 */
export class RetentionService {
  readonly #store: Store;
  readonly #intervalMs: number;
  readonly #chunk: number;
  readonly #now: () => number;
  #settings: RetentionSettings;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #removed = noRemovals();
  #runs = 0;
  #lastRunStartedAt: number | null = null;
  #lastRunFinishedAt: number | null = null;
  #lastError: string | null = null;

  constructor(store: Store, settings: RetentionSettings, options: RetentionOptions) {
    this.#store = store;
    this.#settings = { ...settings };
    this.#intervalMs = options.intervalMs;
    this.#chunk = options.chunk ?? DEFAULT_CHUNK;
    this.#now = options.now ?? Date.now;
  }

  get settings(): RetentionSettings {
    return { ...this.#settings };
  }

  /** Replaces the settings (the next run applies them) and answers the previous ones. */
  update(settings: RetentionSettings): RetentionSettings {
    const previous = this.settings;
    this.#settings = { ...settings };
    return previous;
  }

  status(): RetentionStatus {
    return {
      settings: this.settings,
      intervalMs: this.#intervalMs,
      removed: { ...this.#removed },
      runs: this.#runs,
      running: this.#running !== null,
      lastRunStartedAt: this.#lastRunStartedAt,
      lastRunFinishedAt: this.#lastRunFinishedAt,
      lastError: this.#lastError,
    };
  }

  /** Runs at the interval until `stop`; the timer keeps no process alive. */
  start(): void {
    if (this.#timer !== null) return;
    this.#timer = setInterval(() => void this.run(), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run under way. */
  async stop(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One run now (or the one under way); never rejects: a failure is kept in `lastError`. */
  run(): Promise<void> {
    this.#running ??= this.#runOnce().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #runOnce(): Promise<void> {
    this.#lastRunStartedAt = this.#now();
    try {
      const { maxAgeNano, maxBytes } = this.#settings;
      if (maxAgeNano !== null) await this.#removeOlderThan(BigInt(this.#now()) * 1_000_000n - maxAgeNano);
      if (maxBytes !== null) await this.#shrinkTo(maxBytes);
      this.#lastError = null;
    } catch (error) {
      this.#lastError = (error as Error).message;
    } finally {
      this.#runs++;
      this.#lastRunFinishedAt = this.#now();
    }
  }

  /** Removes everything older than `before`, a chunk per call; whether anything went. */
  async #removeOlderThan(before: bigint): Promise<boolean> {
    let removedAny = false;
    for (;;) {
      const result = await this.#store.removeOlderThan({ before, limit: this.#chunk });
      for (const kind of Object.keys(this.#removed) as (keyof RemovalCounts)[]) {
        this.#removed[kind] += result[kind];
        if (result[kind] > 0) removedAny = true;
      }
      if (result.done) return removedAny;
      await yieldToEventLoop();
    }
  }

  /** Removes the oldest traces a chunk at a time, with older records, until the store fits. */
  async #shrinkTo(maxBytes: number): Promise<void> {
    for (let round = 0; round < MAX_SIZE_ROUNDS; round++) {
      const bytes = await this.#store.storedBytes();
      if (bytes === null || bytes <= maxBytes) return;
      // The chunk-th oldest trace and every older one; all of them when fewer are left.
      const start = await this.#store.oldestTraceStart(this.#chunk);
      const before = start === null ? BigInt(this.#now()) * 1_000_000n : start + 1n;
      if (!(await this.#removeOlderThan(before))) return;
    }
  }
}
