import { parseTextQuery, textTokens } from '@sextant/core';
import { describe, expect, it } from 'vitest';
import { tsqueryOf, wordPositions, wordsOf } from '../../src/postgres/words.js';

/** A small deterministic generator, so that every run checks the same texts. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('words of a text', () => {
  it('cuts plain ASCII exactly as core does, through its fast path', () => {
    const random = randomFrom(7);
    const alphabet = `${Array.from({ length: 95 }, (_, code) => String.fromCharCode(32 + code)).join('')}\t\n\r`;
    for (let sample = 0; sample < 500; sample++) {
      const length = Math.floor(random() * 200);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(wordsOf(text)).toEqual(textTokens(text));
    }
  });

  it('leaves any other text to core', () => {
    for (const text of ['Café CRÈME', '東京タワーに行く', 'naïve\u0000x', 'Ünïcödé and ASCII', 'ﬁle №5']) {
      expect(wordsOf(text)).toEqual(textTokens(text));
    }
  });
});

describe('word positions and tsquery input', () => {
  it('gives each word once with its positions, in the order first seen', () => {
    expect([...wordPositions('Refund, refund: REFUND requested')]).toEqual([
      ['refund', [1, 2, 3]],
      ['requested', [4]],
    ]);
    expect(wordPositions('').size).toBe(0);
    expect([...wordPositions('东京')]).toEqual([['东京', [1]]]);
  });

  it('keeps at most 256 positions of a word, and counts positions past 16 383 as 16 383', () => {
    expect(wordPositions('a '.repeat(20_000)).get('a')).toHaveLength(256);
    expect(wordPositions(`${'x '.repeat(16_400)}late`).get('late')).toEqual([16_383]);
  });

  it('leaves out words too long for a tsvector', () => {
    expect([...wordPositions(`short ${'y'.repeat(3000)}`).keys()]).toEqual(['short']);
  });

  it('makes each phrase of a query a chain of words', () => {
    expect(tsqueryOf(parseTextQuery('"refund requested" billing'))).toBe(
      "('refund' <-> 'requested') & ('billing')",
    );
  });
});
