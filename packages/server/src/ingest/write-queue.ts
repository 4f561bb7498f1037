import type { Store, WriteBatch, WriteFailureClass } from '@sextant/store';
import { WRITE_FAILURE_CLASSES } from '@sextant/store';
import { type PressureState, pressureOf } from './pressure.js';

export interface WriteQueueOptions {
  /** Items (spans + log records + metric points) accepted but not yet committed, at most. */
  capacity: number;
  /** Most items committed in one store write. */
  batchMaxItems: number;
  /** Longest a submitted batch waits for others to share its commit. */
  batchMaxDelayMs: number;
  /**
   * Store writes started before the previous one ends. With 2, the next batch is handed over
   * while the store commits the last one, so a store that commits on its own thread never waits
   * for the next batch. Batches may then commit out of order, which the store's rules (idempotent
   * writes, order-free rollups) make harmless.
   */
  maxWritesInFlight: number;
}

/** The queue cannot take the batch now; the client should retry later. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

/** The store failed to commit; nothing of the batch was acknowledged. */
export class WriteFailedError extends Error {
  override readonly name = 'WriteFailedError';
  constructor(
    readonly failureClass: WriteFailureClass,
    cause: unknown,
  ) {
    super(`store write failed (${failureClass}): ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** The queue is shutting down and takes no more work. */
export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
}

interface Pending {
  batch: WriteBatch;
  items: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface QueueDiagnostics {
  driver: string;
  capacity: number;
  depth: number;
  highWaterMark: number;
  utilizationPercent: number;
  pressure: PressureState;
  accepted: { spans: number; logs: number; metrics: number; batches: number };
  rejected: { queueFull: number; writeFailed: number; closed: number };
  writeFailures: Record<WriteFailureClass, number>;
  lastWriteFailureAt: string | null;
  lastWriteFailureClass: WriteFailureClass | null;
  commits: number;
}

function itemCount(batch: WriteBatch): number {
  return batch.spans.length + batch.logs.length + batch.metrics.length;
}

/**
 * The one path from HTTP handlers to the store. Requests submit their decoded batch and wait:
 * the promise resolves only once the store has committed it, so an answer of 200 always means
 * durable. Waiting batches are merged into one commit (up to `batchMaxItems`, or after
 * `batchMaxDelayMs`), which is what makes small exports cheap. When the accepted-but-uncommitted
 * items would exceed `capacity`, `submit` throws `QueueFullError` at once — the caller answers
 * 429 — instead of buffering without bound.
 */
export class WriteQueue {
  private readonly waiting: Pending[] = [];
  private waitingItems = 0;
  private inFlightItems = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly writing = new Set<Promise<void>>();
  private closed = false;
  private readonly stats = {
    highWaterMark: 0,
    accepted: { spans: 0, logs: 0, metrics: 0, batches: 0 },
    rejected: { queueFull: 0, writeFailed: 0, closed: 0 },
    writeFailures: Object.fromEntries(WRITE_FAILURE_CLASSES.map((c) => [c, 0])) as Record<
      WriteFailureClass,
      number
    >,
    lastWriteFailureAt: null as Date | null,
    lastWriteFailureClass: null as WriteFailureClass | null,
    commits: 0,
  };

  constructor(
    private readonly store: Store,
    private readonly options: WriteQueueOptions,
  ) {}

  get depth(): number {
    return this.waitingItems + this.inFlightItems;
  }

  /** Resolves once the batch is committed: the only thing an acknowledgement may promise. */
  submit(batch: WriteBatch): Promise<void> {
    const items = itemCount(batch);
    if (this.closed) {
      this.stats.rejected.closed += 1;
      return Promise.reject(new QueueClosedError('the server is shutting down'));
    }
    if (items === 0) return Promise.resolve();
    // A batch larger than the whole capacity is still taken when the queue is empty, or it could
    // never be written at all.
    if (this.depth > 0 && this.depth + items > this.options.capacity) {
      this.stats.rejected.queueFull += 1;
      return Promise.reject(
        new QueueFullError(`write queue full (${this.depth}/${this.options.capacity} items)`),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ batch, items, resolve, reject });
      this.waitingItems += items;
      this.stats.highWaterMark = Math.max(this.stats.highWaterMark, this.depth);
      this.schedule();
    });
  }

  private get canStartWrite(): boolean {
    return this.writing.size < this.options.maxWritesInFlight;
  }

  private schedule(): void {
    if (!this.canStartWrite) return; // a running write picks the waiting batches up when it ends
    if (this.waitingItems >= this.options.batchMaxItems || this.options.batchMaxDelayMs === 0) {
      this.startWrite();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.startWrite(), this.options.batchMaxDelayMs);
    }
  }

  private startWrite(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.canStartWrite || this.waiting.length === 0) return;
    const group = this.takeGroup();
    const write: Promise<void> = this.commitGroup(group).finally(() => {
      this.writing.delete(write);
      if (this.waiting.length > 0) this.schedule();
    });
    this.writing.add(write);
  }

  /** Takes waiting batches, oldest first, until the next would pass `batchMaxItems`. */
  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let items = 0;
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (group.length > 0 && items + next.items > this.options.batchMaxItems) break;
      this.waiting.shift();
      group.push(next);
      items += next.items;
    }
    this.waitingItems -= items;
    this.inFlightItems += items;
    return group;
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const items = group.reduce((sum, pending) => sum + pending.items, 0);
    try {
      const merged: WriteBatch =
        group.length === 1
          ? group[0]!.batch
          : {
              spans: group.flatMap((p) => p.batch.spans),
              logs: group.flatMap((p) => p.batch.logs),
              metrics: group.flatMap((p) => p.batch.metrics),
            };
      try {
        await this.store.write(merged);
        this.stats.commits += 1;
        for (const pending of group) this.acknowledge(pending);
      } catch (error) {
        const failureClass = this.recordFailure(error);
        // A batch that breaks a rule of the store must not take the other requests down with it:
        // retry each alone, so only the guilty one fails. Transient failures fail them all.
        if (group.length > 1 && (failureClass === 'constraint' || failureClass === 'unknown')) {
          for (const pending of group) await this.commitAlone(pending);
        } else {
          for (const pending of group) this.fail(pending, new WriteFailedError(failureClass, error));
        }
      }
    } finally {
      this.inFlightItems -= items;
    }
  }

  private async commitAlone(pending: Pending): Promise<void> {
    try {
      await this.store.write(pending.batch);
      this.stats.commits += 1;
      this.acknowledge(pending);
    } catch (error) {
      this.fail(pending, new WriteFailedError(this.recordFailure(error), error));
    }
  }

  private acknowledge(pending: Pending): void {
    const { accepted } = this.stats;
    accepted.spans += pending.batch.spans.length;
    accepted.logs += pending.batch.logs.length;
    accepted.metrics += pending.batch.metrics.length;
    accepted.batches += 1;
    pending.resolve();
  }

  private fail(pending: Pending, error: Error): void {
    this.stats.rejected.writeFailed += 1;
    pending.reject(error);
  }

  private recordFailure(error: unknown): WriteFailureClass {
    const failureClass = this.store.classifyWriteError(error);
    this.stats.writeFailures[failureClass] += 1;
    this.stats.lastWriteFailureAt = new Date();
    this.stats.lastWriteFailureClass = failureClass;
    return failureClass;
  }

  /**
   * Stops taking work and waits until everything accepted is committed or failed, at most
   * `timeoutMs`. Returns whether the queue is empty.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closed = true;
    const deadline = Date.now() + timeoutMs;
    while ((this.writing.size > 0 || this.waiting.length > 0) && Date.now() < deadline) {
      this.startWrite();
      const remaining = deadline - Date.now();
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([...this.writing, new Promise((r) => (timeout = setTimeout(r, remaining)))]);
      clearTimeout(timeout);
    }
    return this.depth === 0;
  }

  diagnostics(): QueueDiagnostics {
    const utilization = this.depth / this.options.capacity;
    const s = this.stats;
    return {
      driver: this.store.driver,
      capacity: this.options.capacity,
      depth: this.depth,
      highWaterMark: s.highWaterMark,
      utilizationPercent: Math.round(utilization * 10_000) / 100,
      pressure: pressureOf(utilization),
      accepted: { ...s.accepted },
      rejected: { ...s.rejected },
      writeFailures: { ...s.writeFailures },
      lastWriteFailureAt: s.lastWriteFailureAt?.toISOString() ?? null,
      lastWriteFailureClass: s.lastWriteFailureClass,
      commits: s.commits,
    };
  }
}
