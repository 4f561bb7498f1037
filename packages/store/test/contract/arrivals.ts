import type { Span } from '@sextant/core';

/** One way the spans of a trace may come in: the batches, in order. */
export interface Arrival {
  name: string;
  batches: Span[][];
}

/** A small deterministic generator (mulberry32), so that every run checks the same arrivals. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** Cuts a sequence into batches of 1 to 3 spans. */
function split(spans: readonly Span[], random: () => number): Span[][] {
  const batches: Span[][] = [];
  for (let start = 0; start < spans.length; ) {
    const size = 1 + Math.floor(random() * 3);
    batches.push(spans.slice(start, start + size));
    start += size;
  }
  return batches;
}

/**
 * Arrivals of the same spans: in one batch either way round, one span per batch with the roots
 * last or first, then seeded shuffles cut into random batches, each with some spans sent again
 * (a retried export) in the same batch or a later one.
 */
export function arrivalsOf(spans: readonly Span[], shuffles = 6): Arrival[] {
  const roots = spans.filter((span) => span.parentSpanId === '');
  const children = spans.filter((span) => span.parentSpanId !== '');
  const arrivals: Arrival[] = [
    { name: 'one batch', batches: [[...spans]] },
    { name: 'one batch reversed', batches: [[...spans].reverse()] },
    { name: 'one span per batch, roots last', batches: [...children, ...roots].map((span) => [span]) },
    { name: 'one span per batch, roots first', batches: [...roots, ...children].map((span) => [span]) },
    { name: 'everything twice', batches: [[...spans], [...spans].reverse()] },
  ];
  for (let seed = 1; seed <= shuffles; seed++) {
    const random = randomFrom(seed);
    const order = shuffled(spans, random);
    const repeats = order.filter(() => random() < 0.4);
    arrivals.push({
      name: `shuffle ${seed} with repeats`,
      batches: split(shuffled([...order, ...repeats], random), random),
    });
  }
  return arrivals;
}
