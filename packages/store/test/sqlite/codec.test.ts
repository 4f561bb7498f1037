import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, type PayloadSink, type PayloadSource } from '../../src/sqlite/codec.js';
import { everyAttributeType } from '../contract/fixtures/round-trip.js';

/** Keeps strings of 10 code units or more apart, in a map, as the payloads table would. */
class MapPayloads implements PayloadSink, PayloadSource {
  readonly minLength = 10;
  readonly texts = new Map<string, string>();

  intern(text: string): string {
    const hash = `h${this.texts.size}`;
    this.texts.set(hash, text);
    return hash;
  }

  text(hash: string): string {
    return this.texts.get(hash)!;
  }
}

describe('value codec', () => {
  it('reads back every attribute value with its type', () => {
    const payloads = new MapPayloads();
    const value = everyAttributeType();
    const decoded = decodeValue(encodeValue(value, payloads), payloads) as Record<string, unknown>;
    expect(decoded).toEqual(value);
    expect(Object.is(decoded['double.negative-zero'], -0)).toBe(true);
    expect(Object.getPrototypeOf(decoded.bytes)).toBe(Uint8Array.prototype);
  });

  it('writes plain JSON for plain values, and tags what JSON cannot tell apart', () => {
    expect(encodeValue({ s: 'x', b: true, d: 1.5, n: null, o: {} }, null)).toBe(
      '{"s":"x","b":true,"d":1.5,"n":null,"o":{}}',
    );
    expect(encodeValue([1.0, 1n, -0, Number.NaN, new Uint8Array([255])], null)).toBe(
      '["a",1,["i","1"],["d","-0"],["d","NaN"],["b","/w=="]]',
    );
  });

  it('moves long strings to payloads and leaves keys and short strings inline', () => {
    const payloads = new MapPayloads();
    const long = 'a long string';
    const json = encodeValue({ [long]: long, short: 'short' }, payloads);
    expect(json).toBe('{"a long string":["p","h0"],"short":"short"}');
    expect(decodeValue(json, payloads)).toEqual({ [long]: long, short: 'short' });
  });

  it('keeps an own __proto__ key as a key', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as Record<string, unknown>;
    const decoded = decodeValue(encodeValue(value, null), new MapPayloads()) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(['__proto__', 'y']);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual({ x: 1 });
  });

  it('keeps an own __proto__ key whose value must be re-tagged', () => {
    // Object.fromEntries defines own properties, `__proto__` too.
    const value = Object.fromEntries([
      ['a', 1],
      ['__proto__', 7n],
      ['b', 3],
    ]);
    const json = encodeValue(value, null);
    expect(json).toBe('{"a":1,"__proto__":["i","7"],"b":3}');
    const decoded = decodeValue(json, new MapPayloads()) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe(7n);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  it('leaves the encoded value untouched', () => {
    const value = { n: 1n, list: ['x'], nested: { d: -0 } };
    encodeValue(value, new MapPayloads());
    expect(value).toEqual({ n: 1n, list: ['x'], nested: { d: -0 } });
    expect(Object.is(value.nested.d, -0)).toBe(true);
  });

  it('refuses text it did not write', () => {
    expect(() => decodeValue('["z", 1]', new MapPayloads())).toThrow(/corrupt/);
  });
});
