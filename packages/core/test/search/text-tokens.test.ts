import { describe, expect, it } from 'vitest';
import { foldText, indexableText, textTokens } from '../../src/search/text-tokens.js';

describe('textTokens', () => {
  it.each([
    ['Hello, World!', ['hello', 'world']],
    ['Crème BRÛLÉE à la carte', ['creme', 'brulee', 'a', 'la', 'carte']],
    ['Ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３', ['fullwidth', 'abc123']],
    ['gen_ai.usage.input_tokens=1200', ['gen', 'ai', 'usage', 'input', 'tokens', '1200']],
    ['Ελληνικά Кириллица', ['ελληνικα', 'кириллица']],
    ['한국어 검색', ['한국어', '검색']],
  ])('cuts %j into words', (text, words) => {
    expect(textTokens(text)).toEqual(words);
  });

  it('cuts Chinese and Japanese into overlapping pairs, keeping other words whole', () => {
    expect(textTokens('北京大学')).toEqual(['北京', '京大', '大学']);
    expect(textTokens('東京タワーに行く')).toEqual(['東京', '京タ', 'タワ', 'ワー', 'ーに', 'に行', '行く']);
    expect(textTokens('GPT-4o 模型')).toEqual(['gpt', '4o', '模型']);
    expect(textTokens('第3章')).toEqual(['第', '3', '章']);
  });

  it('keeps a lone character of those scripts as its own word', () => {
    expect(textTokens('猫 and 犬')).toEqual(['猫', 'and', '犬']);
  });

  it('keeps marks that make a letter (voiced kana, Thai vowels)', () => {
    expect(textTokens('ガ')).toEqual(['ガ']);
    expect(textTokens('ภาษาไทย')).toHaveLength(Array.from(foldText('ภาษาไทย')).length - 1);
  });

  it('finds nothing in text without letters or digits', () => {
    expect(textTokens('  -- !! ... ')).toEqual([]);
    expect(textTokens('')).toEqual([]);
  });
});

describe('indexableText', () => {
  it('leaves plain ASCII to the index tokenizer, and cuts any other text itself', () => {
    expect(indexableText('Refund order #1234, please!')).toBe('Refund order #1234, please!');
    expect(indexableText('Crème brûlée 東京タワー')).toBe('creme brulee 東京 京タ タワ ワー');
  });
});
