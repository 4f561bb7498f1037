import type { IdGenerator } from '@opentelemetry/sdk-trace-base';

/** Trace and span ids from a seeded PRNG (mulberry32), so a sampling run is reproducible. */
export class SeededIds implements IdGenerator {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  #hex(words: number): string {
    let hex = '';
    for (let i = 0; i < words; i++) hex += this.#next().toString(16).padStart(8, '0');
    return hex;
  }

  generateTraceId(): string {
    return this.#hex(4);
  }

  generateSpanId(): string {
    return this.#hex(2);
  }
}
