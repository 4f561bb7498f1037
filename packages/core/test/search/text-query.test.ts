import { describe, expect, it } from 'vitest';
import { parseTextQuery, TextQueryError, textMatchesQuery } from '../../src/search/text-query.js';
import { textTokens } from '../../src/search/text-tokens.js';

function matches(text: string, query: string): boolean {
  return textMatchesQuery(textTokens(text), parseTextQuery(query));
}

describe('parseTextQuery', () => {
  it('reads words and quoted phrases', () => {
    expect(parseTextQuery('Refund "order status" 東京')).toEqual({
      phrases: [['refund'], ['order', 'status'], ['東京']],
    });
    expect(parseTextQuery('rate-limit')).toEqual({ phrases: [['rate', 'limit']] });
  });

  it('takes an unclosed quote as running to the end', () => {
    expect(parseTextQuery('"timed out')).toEqual({ phrases: [['timed', 'out']] });
  });

  it.each([[''], ['   '], ['"" !!'], ['-- ??']])('refuses %j, which has no word', (query) => {
    expect(() => parseTextQuery(query)).toThrow(TextQueryError);
  });

  it('refuses a query of too many words', () => {
    expect(() => parseTextQuery('word '.repeat(65))).toThrow(TextQueryError);
  });
});

describe('textMatchesQuery', () => {
  it.each([
    ['The Refund was approved', 'refund APPROVED', true],
    ['The Refund was approved', 'refund denied', false],
    ['order status: shipped', '"order status"', true],
    ['status of the order', '"order status"', false],
    ['Café au lait', 'cafe', true],
    ['我想去东京塔看看', '东京塔', true],
    ['我想去东京塔看看', '东京', true],
    ['我想去东京塔看看', '京东', false],
    ['東京タワーに行きたい', 'タワー', true],
    ['rate limit exceeded', 'limit', true],
    ['ratelimit exceeded', 'limit', false],
  ])('%j ~ %j is %s', (text, query, expected) => {
    expect(matches(text, query)).toBe(expected);
  });
});
