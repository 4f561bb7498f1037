/*
 * Words for full-text search, the same for every backend and for queries, so that what a search
 * finds never depends on where the data is kept. Text is folded (compatibility forms, Latin,
 * Greek and Cyrillic diacritics, case) and cut into runs of letters, digits and marks. Scripts
 * written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese) are cut
 * into overlapping pairs of characters, as CJK search engines do: a word of the query, cut the
 * same way, is then a phrase of pairs that matches wherever the word appears, with no dictionary.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const UNSPACED =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const UNSPACED_RUNS =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]+|[^\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]+/gu;
/** Combining diacritical marks, dropped after decomposition: `é` is found as `e`. */
const DIACRITICS = /[\u0300-\u036f]/g;

/** Text folded for search: compatibility forms, diacritics and case. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(DIACRITICS, '').normalize('NFC').toLowerCase();
}

/** The words of a text, in order, as search indexes them (see the comment at the top). */
export function textTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of foldText(text).matchAll(WORD)) {
    if (!UNSPACED.test(word)) {
      tokens.push(word);
      continue;
    }
    for (const [run] of word.matchAll(UNSPACED_RUNS)) {
      if (!UNSPACED.test(run)) {
        tokens.push(run);
        continue;
      }
      const units = Array.from(run);
      if (units.length === 1) tokens.push(run);
      for (let index = 1; index < units.length; index++) tokens.push(units[index - 1]! + units[index]!);
    }
  }
  return tokens;
}

/** Printable ASCII, tabs and line breaks: text any tokenizer cuts and folds the same way. */
const NOT_PLAIN_ASCII = /[^ -~\t\n\r]/;

/**
 * The text as a full-text index whose tokenizer splits on anything but letters, digits and marks
 * and folds case (SQLite's unicode61) must receive it to hold `textTokens(text)`: plain ASCII as
 * it is, since the tokenizer cuts and folds it exactly so, at a fraction of the cost; any other
 * text already cut into its words.
 */
export function indexableText(text: string): string {
  return NOT_PLAIN_ASCII.test(text) ? textTokens(text).join(' ') : text;
}
