import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../src/export/csv.js';
import { usdOfNanoUsd } from '../../src/export/span-csv.js';

describe('RFC 4180 records', () => {
  const AWKWARD = [
    'plain',
    '',
    'a, comma',
    'a "quoted" word',
    '"',
    'two\nlines',
    'windows\r\nline',
    'a lone\rreturn',
    ' spaces kept ',
    '日本語, "引用"',
    '{"json": [1, "two"]}',
  ];

  it('quotes only the fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, comma')).toBe('"a, comma"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('survives a round trip through a CSV parser, every field as it was', () => {
    const records = [AWKWARD, [...AWKWARD].reverse()];
    const text = records.map(csvRecord).join('');
    expect(parse(text, { relax_column_count: false })).toEqual(records);
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
  });
});

describe('nano-dollars as a decimal string of dollars', () => {
  it.each([
    [0, '0'],
    [1, '0.000000001'],
    [12_300_000, '0.0123'],
    [1_000_000_000, '1'],
    [1_500_000_000, '1.5'],
    [9_007_199_254_740_991, '9007199.254740991'],
    [-2_500_000, '-0.0025'],
  ])('%i is %s', (nano, usd) => {
    expect(usdOfNanoUsd(nano)).toBe(usd);
  });
});
