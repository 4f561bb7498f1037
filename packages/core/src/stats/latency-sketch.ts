import { formatSketchText, mergeSketchParts, parseSketchText, type SketchParts } from './sketch-text.js';

const GAMMA = 1.02;
const LN_GAMMA = Math.log(GAMMA);
/** Bucket `i` holds values in (γ^(i-1), γ^i]; its representative 2γ^i/(γ+1) is within α of both ends. */
const REPRESENTATIVE_FACTOR = 2 / (GAMMA + 1);
const EMPTY_PARTS: SketchParts = { min: 0, max: 0, zeroCount: 0, indices: [], counts: [] };

/**
 * A mergeable log-bucketed histogram of durations (DDSketch-like), relative accuracy ~1%.
 *
 * Every backend computes percentiles through this one class, so that memory, SQLite and later
 * backends answer with identical numbers. Zero durations have their own bucket (log(0) has no
 * bucket index). The smallest and largest value added are kept too, so that `quantile(0)` and
 * `quantile(1)` are exact and no quantile strays outside the observed range.
 *
 * Text form (`encode`, see sketch-text.ts): `""` when empty, otherwise `min~max;b:c,b:c,...`,
 * each `b:c` a bucket and its count, the zero bucket (`z`) first, e.g. `0~5120;z:2,427:1,430:3`.
 *
 * `subtract` removes counts but cannot know which values left, so min and max stay as they were:
 * they remain valid bounds (every remaining value lies within them), only no longer tight.
 */
export class LatencySketch {
  /** (γ-1)/(γ+1) with γ = 1.02: a quantile is within this fraction of the exact value. */
  static readonly RELATIVE_ACCURACY: number = (GAMMA - 1) / (GAMMA + 1);

  private readonly buckets = new Map<number, number>();
  private zeroCount = 0;
  private total = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  /** Adds `count` occurrences of a duration in nanoseconds (a finite number ≥ 0). */
  add(valueNano: number, count = 1): void {
    if (!(Number.isFinite(valueNano) && valueNano >= 0)) {
      throw new RangeError(`latency sketch value must be a finite number >= 0, got ${valueNano}`);
    }
    checkCount(count);
    if (count === 0) return;
    if (valueNano === 0) this.zeroCount += count;
    else {
      const index = bucketIndex(valueNano);
      this.buckets.set(index, (this.buckets.get(index) ?? 0) + count);
    }
    this.total += count;
    if (valueNano < this.min) this.min = valueNano;
    if (valueNano > this.max) this.max = valueNano;
  }

  /** Adds every count of `other` (the result equals having added all values to one sketch). */
  merge(other: LatencySketch): void {
    if (other.total === 0) return;
    for (const [index, count] of other.buckets)
      this.buckets.set(index, (this.buckets.get(index) ?? 0) + count);
    this.zeroCount += other.zeroCount;
    this.total += other.total;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** Removes the counts of `other` (deleted data); a bucket never drops below zero. */
  subtract(other: LatencySketch): void {
    for (const [index, count] of other.buckets) {
      const left = (this.buckets.get(index) ?? 0) - count;
      if (left > 0) this.buckets.set(index, left);
      else this.buckets.delete(index);
    }
    this.zeroCount = Math.max(0, this.zeroCount - other.zeroCount);
    let total = this.zeroCount;
    for (const count of this.buckets.values()) total += count;
    this.total = total;
    if (total === 0) this.resetBounds();
  }

  get count(): number {
    return this.total;
  }

  /**
   * The value at quantile `q` in [0,1], or null when empty: the bucket holding the
   * nearest-rank value (rank ⌈q·count⌉, at least 1), as its representative clamped to [min,max].
   */
  quantile(q: number): number | null {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0,1], got ${q}`);
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let remaining = rank - this.zeroCount;
    if (remaining <= 0) return 0;
    for (const index of this.sortedIndices()) {
      remaining -= this.buckets.get(index)!;
      if (remaining <= 0) return this.bucketValue(index, rank);
    }
    return this.max;
  }

  /**
   * The first and last ranks answer min and max when these lie in the bucket found: exact while
   * the bounds are tight, and never further than the bucket's width after a `subtract`.
   */
  private bucketValue(index: number, rank: number): number {
    if (rank === 1 && this.min > 0 && bucketIndex(this.min) === index) return this.min;
    if (rank === this.total && bucketIndex(this.max) === index) return this.max;
    const representative = REPRESENTATIVE_FACTOR * GAMMA ** index;
    return representative < this.min ? this.min : representative > this.max ? this.max : representative;
  }

  /** Compact text for storage (see sketch-text.ts for the format). */
  encode(): string {
    if (this.total === 0) return '';
    const indices = this.sortedIndices();
    const counts = indices.map((index) => this.buckets.get(index)!);
    return formatSketchText({ min: this.min, max: this.max, zeroCount: this.zeroCount, indices, counts });
  }

  /** Parses `encode()` output; throws RangeError on malformed text. */
  static decode(text: string): LatencySketch {
    const sketch = new LatencySketch();
    sketch.mergeEncoded(text);
    return sketch;
  }

  /**
   * Adds the counts of an encoded sketch: `merge(LatencySketch.decode(text))` without building the
   * sketch in between (SQL aggregates merge thousands of stored sketches so). Throws RangeError on
   * malformed text, leaving this sketch unchanged.
   */
  mergeEncoded(text: string): void {
    const parts = parseSketchText(text);
    if (parts === null) return;
    const { indices, counts } = parts;
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i]!;
      this.buckets.set(index, (this.buckets.get(index) ?? 0) + counts[i]!);
      this.total += counts[i]!;
    }
    this.zeroCount += parts.zeroCount;
    this.total += parts.zeroCount;
    if (parts.min < this.min) this.min = parts.min;
    if (parts.max > this.max) this.max = parts.max;
  }

  private sortedIndices(): number[] {
    return [...this.buckets.keys()].sort((a, b) => a - b);
  }

  private resetBounds(): void {
    this.min = Number.POSITIVE_INFINITY;
    this.max = Number.NEGATIVE_INFINITY;
  }
}

/** encode(decode(a) merged with decode(b)): registered as an SQL function by the SQLite writer. */
export function mergeEncodedSketches(a: string, b: string): string {
  const left = parseSketchText(a);
  const right = parseSketchText(b);
  if (left === null || right === null) return formatSketchText(left ?? right ?? EMPTY_PARTS);
  return formatSketchText(mergeSketchParts(left, right));
}

function checkCount(count: number): void {
  if (!(Number.isSafeInteger(count) && count >= 0)) {
    throw new RangeError(`latency sketch count must be a non-negative integer, got ${count}`);
  }
}

function bucketIndex(valueNano: number): number {
  return Math.ceil(Math.log(valueNano) / LN_GAMMA);
}
