import { describe, expect, it } from 'vitest';
import { pressureOf } from '../../src/ingest/pressure.js';

describe('pressureOf', () => {
  it.each([
    [0, 'ok'],
    [0.4999, 'ok'],
    [0.5, 'elevated'],
    [0.7999, 'elevated'],
    [0.8, 'high'],
    [0.9499, 'high'],
    [0.95, 'saturated'],
    [1.2, 'saturated'],
  ])('%f → %s', (utilization, state) => {
    expect(pressureOf(utilization)).toBe(state);
  });
});
