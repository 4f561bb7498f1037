/** One step of splitmix32: spreads nearby seeds (run 41, run 42) over unrelated states. */
function mix(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seeded pseudo-random generator (sfc32), so that a workload and the queries drawn from it are
 * the same on every run. Seeded by several numbers (the workload seed and a run index), so that any
 * one run can be rebuilt on its own without replaying the runs before it.
 */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(...seeds: number[]) {
    let state = 0x2545f491;
    for (const seed of seeds) state = mix(state ^ mix(seed));
    this.#a = mix(state ^ 1);
    this.#b = mix(state ^ 2);
    this.#c = mix(state ^ 3);
    this.#d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A number in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** One of `items`, each as likely as its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let at = this.next() * total;
    for (const [item, weight] of items) {
      at -= weight;
      if (at < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /**
   * A positive value spread like request latencies: log-normal around `median`, `spread` the
   * standard deviation of its logarithm.
   */
  logNormal(median: number, spread: number): number {
    const gaussian = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return median * Math.exp(spread * gaussian);
  }

  /** `chars` lower-case hex digits. */
  hex(chars: number): string {
    let text = '';
    while (text.length < chars)
      text += Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    return text.slice(0, chars);
  }
}
