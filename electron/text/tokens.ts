/**
 * The tokens of a text, as token-per-line formats (CoNLL) want them: the segments of the same word
 * segmentation that span edges snap to (boundaries.ts), so a span made in the app covers whole
 * tokens. A word is a token; so is each punctuation mark, emoji or other symbol; white space
 * separates tokens and is never part of one. Indices are UTF-16.
 */

export interface Token {
  readonly start: number;
  readonly end: number;
}

const words = new Intl.Segmenter('ar', { granularity: 'word' });
/**
 * White space, and the separators Python's str.splitlines breaks lines at that JavaScript's \s
 * leaves out (NEL, U+001C–U+001E): a token holding one would break its line of a CoNLL file.
 */
const SPACE_ONLY = /^[\s\u001c-\u001e\u0085]+$/u;

/**
 * `stripProclitic`, when given, names the proclitics to split off a word as a token of their own
 * (see procliticToStrip in proclitics.ts), "" for none.
 */
export function tokenize(text: string, stripProclitic?: (word: string) => string): Token[] {
  const tokens: Token[] = [];
  for (const { segment, index, isWordLike } of words.segment(text)) {
    if (SPACE_ONLY.test(segment)) continue;
    const proclitic = isWordLike && stripProclitic ? stripProclitic(segment) : '';
    if (proclitic !== '') tokens.push({ start: index, end: index + proclitic.length });
    tokens.push({ start: index + proclitic.length, end: index + segment.length });
  }
  return tokens;
}

/** Index of the first token ending after `at` (tokens are sorted and do not overlap). */
function firstTokenEndingAfter(tokens: readonly Token[], at: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (tokens[mid]!.end <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The tokens first..last-1 that the range [start, end) (UTF-16) touches: every token it overlaps,
 * so a range with an edge inside a token takes the whole token. None when it covers only spaces.
 */
export function tokensOverlapping(tokens: readonly Token[], start: number, end: number): { first: number; last: number } {
  const first = firstTokenEndingAfter(tokens, start);
  let last = first;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  return { first, last };
}
