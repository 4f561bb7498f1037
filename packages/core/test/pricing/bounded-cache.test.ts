import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/pricing/bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps at most its capacity, dropping the oldest insertion', () => {
    const cache = new BoundedCache<string, number | null>(3);
    cache.set('a', 1);
    cache.set('b', null);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeNull();
    expect(cache.get('d')).toBe(4);
  });

  it('replaces an existing key without dropping another', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(10);
    expect(cache.get('b')).toBe(2);
  });
});
