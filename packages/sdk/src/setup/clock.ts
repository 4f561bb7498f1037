import type { HrTime } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';

/** Where every SDK span, event and timer reads the time. */
export interface Clock {
  now(): HrTime;
}

const NANOS_PER_SECOND = 1_000_000_000n;

/** OpenTelemetry's own high-resolution wall clock (time origin + monotonic offset). */
export const SYSTEM_CLOCK: Clock = { now: () => hrTime() };

export function hrTimeToNanos(time: HrTime): bigint {
  return BigInt(time[0]) * NANOS_PER_SECOND + BigInt(time[1]);
}

/** Nanoseconds from `start` to `end`, as a float in seconds (for `*_seconds`-style attributes). */
export function secondsBetween(start: HrTime, end: HrTime): number {
  return end[0] - start[0] + (end[1] - start[1]) / 1e9;
}

/** Milliseconds from `start` to `end`. */
export function millisBetween(start: HrTime, end: HrTime): number {
  return (end[0] - start[0]) * 1000 + (end[1] - start[1]) / 1e6;
}

/**
 * A clock that only moves when told, so that durations and event offsets in a test are exact.
 * Install it with `useTestClock()`.
 */
export class TestClock implements Clock {
  #nanos: bigint;

  constructor(startUnixNano: bigint = 1_700_000_000n * NANOS_PER_SECOND) {
    this.#nanos = startUnixNano;
  }

  now(): HrTime {
    return [Number(this.#nanos / NANOS_PER_SECOND), Number(this.#nanos % NANOS_PER_SECOND)];
  }

  /** Moves the clock forward by `ms` milliseconds (fractions allowed, down to 1 ns). */
  advance(ms: number): this {
    return this.advanceNanos(BigInt(Math.round(ms * 1e6)));
  }

  advanceNanos(nanos: bigint): this {
    if (nanos < 0n) throw new RangeError('a test clock only moves forward');
    this.#nanos += nanos;
    return this;
  }

  get unixNano(): bigint {
    return this.#nanos;
  }
}
