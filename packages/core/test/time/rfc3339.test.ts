import { describe, expect, it } from 'vitest';
import { formatRfc3339Nano, parseRfc3339Nano, parseTimeNano } from '../../src/time/rfc3339.js';

describe('parseRfc3339Nano', () => {
  it.each([
    ['1970-01-01T00:00:00Z', 0n],
    ['2017-01-26T15:46:31.639875Z', 1485445591639875000n],
    ['2017-01-26T15:46:31.639875123Z', 1485445591639875123n],
    ['2017-01-26T17:46:31.5+02:00', 1485445591500000000n],
    ['2017-01-26t15:46:31z', 1485445591000000000n],
  ])('%s → %s', (text, expected) => {
    expect(parseRfc3339Nano(text)).toBe(expected);
  });

  it.each([
    '',
    '2017-01-26',
    '2017-01-26T15:46:31',
    '2017-13-40T99:00:00Z',
    '2017-01-26T15:46:31.1234567890Z',
  ])('rejects %j', (text) => {
    expect(parseRfc3339Nano(text)).toBeNull();
  });
});

describe('formatRfc3339Nano', () => {
  it.each([
    [0n, '1970-01-01T00:00:00.000000000Z'],
    [1485445591639875123n, '2017-01-26T15:46:31.639875123Z'],
    [1n, '1970-01-01T00:00:00.000000001Z'],
    [-1n, '1969-12-31T23:59:59.999999999Z'],
  ])('%s → %s', (ns, text) => {
    expect(formatRfc3339Nano(ns)).toBe(text);
    expect(parseRfc3339Nano(text)).toBe(ns);
  });
});

describe('parseTimeNano', () => {
  it('takes integer nanoseconds beyond 2^53 exactly', () => {
    expect(parseTimeNano('1544712660000000001')).toBe(1544712660000000001n);
  });
  it('takes RFC 3339 and rejects junk', () => {
    expect(parseTimeNano('2018-12-13T14:51:00Z')).toBe(1544712660000000000n);
    expect(parseTimeNano('yesterday')).toBeNull();
    expect(parseTimeNano('-5')).toBeNull();
  });
});
