import { describe, expect, it } from 'vitest';
import { plainAttributes } from '../../src/api/plain-json.js';

describe('plainAttributes', () => {
  it('gives every OTLP value type a plain JSON form', () => {
    expect(
      plainAttributes({
        s: 'text',
        b: false,
        d: 2.5,
        i: 42n,
        big: 9007199254740993n,
        neg: -9007199254740993n,
        bytes: new Uint8Array([0, 48, 57]),
        list: [1n, 'x', [true]],
        map: { inner: { deep: 7n } },
        empty: null,
      }),
    ).toEqual({
      s: 'text',
      b: false,
      d: 2.5,
      i: 42,
      big: '9007199254740993',
      neg: '-9007199254740993',
      bytes: 'ADA5',
      list: [1, 'x', [true]],
      map: { inner: { deep: 7 } },
      empty: null,
    });
  });
});
