import { describe, expect, it } from 'vitest';
import { LatencySketch, mergeEncodedSketches } from '../../src/stats/latency-sketch.js';

const ALPHA = LatencySketch.RELATIVE_ACCURACY;
const QUANTILES = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Durations from 1 µs to ~100 s on a log scale, with some exact zeros and repeats. */
function durations(seed: number, n: number): number[] {
  const next = random(seed);
  return Array.from({ length: n }, () => {
    const roll = next();
    if (roll < 0.03) return 0;
    if (roll < 0.06) return 1_000_000;
    return Math.round(10 ** (3 + next() * 8));
  });
}

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

function sketchOf(values: number[]): LatencySketch {
  const sketch = new LatencySketch();
  for (const value of values) sketch.add(value);
  return sketch;
}

function expectWithinAccuracy(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(expected * ALPHA * (1 + 1e-9));
}

describe('LatencySketch accuracy', () => {
  it('has relative accuracy (γ-1)/(γ+1) for γ = 1.02', () => {
    expect(ALPHA).toBeCloseTo(0.02 / 2.02, 15);
  });

  for (const seed of [1, 7, 42]) {
    it(`answers every quantile within the relative accuracy of the exact one (seed ${seed})`, () => {
      const values = durations(seed, 5000);
      const sketch = sketchOf(values);
      const sorted = [...values].sort((a, b) => a - b);
      expect(sketch.count).toBe(values.length);
      for (const q of QUANTILES) expectWithinAccuracy(sketch.quantile(q), exactQuantile(sorted, q));
    });
  }

  it('is exact at the extremes (min and max are kept)', () => {
    const values = durations(3, 1000).filter((value) => value > 0);
    const sketch = sketchOf(values);
    expect(sketch.quantile(0)).toBe(Math.min(...values));
    expect(sketch.quantile(1)).toBe(Math.max(...values));
  });

  it('returns null when empty and 0 for zero durations', () => {
    expect(new LatencySketch().quantile(0.5)).toBeNull();
    const zeros = new LatencySketch();
    zeros.add(0, 3);
    expect(zeros.quantile(0.5)).toBe(0);
    expect(zeros.quantile(1)).toBe(0);
  });

  it('counts a value added with a count like that many single adds', () => {
    const once = new LatencySketch();
    once.add(2_500_000, 4);
    once.add(7);
    const many = sketchOf([2_500_000, 2_500_000, 7, 2_500_000, 2_500_000]);
    expect(once.encode()).toBe(many.encode());
    expect(once.count).toBe(5);
  });

  it('rejects negative, non-finite values, bad counts and quantiles outside [0,1]', () => {
    const sketch = new LatencySketch();
    expect(() => sketch.add(-1)).toThrow(RangeError);
    expect(() => sketch.add(Number.NaN)).toThrow(RangeError);
    expect(() => sketch.add(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => sketch.add(5, 1.5)).toThrow(RangeError);
    expect(() => sketch.add(5, -1)).toThrow(RangeError);
    expect(() => sketch.quantile(1.01)).toThrow(RangeError);
    expect(() => sketch.quantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('LatencySketch merge and subtract', () => {
  it('merging sketches equals adding all their values to one', () => {
    const parts = [durations(11, 800), durations(12, 50), [], durations(13, 1200)];
    const merged = new LatencySketch();
    for (const part of parts) merged.merge(sketchOf(part));
    const all = sketchOf(parts.flat());
    expect(merged.encode()).toBe(all.encode());
    expect(merged.count).toBe(all.count);
    for (const q of QUANTILES) expect(merged.quantile(q)).toBe(all.quantile(q));
  });

  it('mergeEncoded adds a text form as merge(decode(text)) does, and nothing on malformed text', () => {
    const sketch = sketchOf(durations(23, 200));
    const other = sketchOf(durations(24, 200));
    const expected = sketchOf([...durations(23, 200), ...durations(24, 200)]);
    sketch.mergeEncoded(other.encode());
    sketch.mergeEncoded('');
    expect(sketch.encode()).toBe(expected.encode());
    expect(() => sketch.mergeEncoded('1~2;5:1,4:1')).toThrow(RangeError);
    expect(sketch.encode()).toBe(expected.encode());
  });

  it('mergeEncodedSketches merges the text forms, the empty sketch included', () => {
    const a = sketchOf(durations(21, 300));
    const b = sketchOf(durations(22, 300));
    const both = sketchOf([...durations(21, 300), ...durations(22, 300)]);
    expect(mergeEncodedSketches(a.encode(), b.encode())).toBe(both.encode());
    expect(mergeEncodedSketches('', b.encode())).toBe(b.encode());
    expect(mergeEncodedSketches(a.encode(), '')).toBe(a.encode());
    expect(mergeEncodedSketches('', '')).toBe('');
    expect(() => mergeEncodedSketches('nonsense', '')).toThrow(RangeError);
  });

  it('subtract removes counts, never below zero, and keeps min and max as bounds', () => {
    const kept = [5_000, 6_000_000, 6_000_000];
    const removed = [900_000_000, 12];
    const sketch = sketchOf([...kept, ...removed]);
    sketch.subtract(sketchOf(removed));
    expect(sketch.count).toBe(3);
    const sorted = [...kept].sort((a, b) => a - b);
    for (const q of QUANTILES) expectWithinAccuracy(sketch.quantile(q), exactQuantile(sorted, q));
    // The old extremes stay as bounds: quantiles of what remains are not clamped to them.
    expect(sketch.encode().startsWith('12~900000000;')).toBe(true);

    sketch.subtract(sketchOf([5_000, 5_000, 6_000_000, 6_000_000, 6_000_000, 0]));
    expect(sketch.count).toBe(0);
    expect(sketch.quantile(0.5)).toBeNull();
    expect(sketch.encode()).toBe('');
  });
});

describe('LatencySketch text form', () => {
  it('round-trips through encode and decode', () => {
    const sketch = sketchOf([...durations(31, 2000), 0.5, 1e15]);
    const decoded = LatencySketch.decode(sketch.encode());
    expect(decoded.encode()).toBe(sketch.encode());
    expect(decoded.count).toBe(sketch.count);
    for (const q of QUANTILES) expect(decoded.quantile(q)).toBe(sketch.quantile(q));
  });

  it('writes min~max then the zero bucket and ascending bucket indices', () => {
    const sketch = sketchOf([0, 1, 1, 2]);
    // log(1)=0 → bucket 0; log(2)/log(1.02) = 35.0... → bucket 36.
    expect(sketch.encode()).toBe('0~2;z:1,0:2,36:1');
    expect(new LatencySketch().encode()).toBe('');
    expect(LatencySketch.decode('').count).toBe(0);
  });

  it.each([
    ['no bounds', 'z:1'],
    ['no buckets', '1~2;'],
    ['missing count', '1~2;5'],
    ['zero count', '1~2;5:0'],
    ['negative count', '1~2;5:-1'],
    ['fractional count', '1~2;5:1.5'],
    ['non-canonical number', '1~2;05:1'],
    ['fractional index', '1~2;5.5:1'],
    ['descending indices', '1~2;5:1,4:1'],
    ['duplicate index', '1~2;5:1,5:1'],
    ['zero bucket not first', '0~2;5:1,z:1'],
    ['two zero buckets', '0~2;z:1,z:1'],
    ['min above max', '3~2;5:1'],
    ['negative min', '-1~2;5:1'],
    ['infinite max', '1~Infinity;5:1'],
    ['garbage', 'hello'],
    ['spaces', ' 1~2;5:1'],
  ])('rejects malformed text (%s)', (_why, text) => {
    expect(() => LatencySketch.decode(text)).toThrow(RangeError);
  });
});
