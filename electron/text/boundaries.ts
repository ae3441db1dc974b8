/**
 * Where a span may start or end. A highlight edge inside a grapheme (a letter and its diacritics)
 * or inside the lam-alef ligature makes Chromium draw the word broken, so no span edge goes there.
 * All indices here are UTF-16, the unit of JavaScript strings and the DOM.
 */

import { isProcliticRun, standsAlone } from './proclitics.ts';

const graphemes = new Intl.Segmenter('ar', { granularity: 'grapheme' });
const words = new Intl.Segmenter('ar', { granularity: 'word' });

const LAM = 'ل';
const ALEFS = new Set(['ا', 'أ', 'إ', 'آ', 'ٱ']);
const MARK = /\p{M}/u;
const SPACE = /\s/u;
const TRIMMED = /[\s\p{P}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * How far from an index segmentation looks, each way, in UTF-16 units. A word or a letter with
 * its marks is far shorter, but a run without spaces can be any length: segmenting a run of
 * 1,000,000 letters took 536 ms on the server for one edge check. Looking this far at most makes
 * every check cost the same, whatever the run; a longer run is taken a stretch at a time.
 */
export const SEGMENT_REACH = 256;

function splitsLamAlef(text: string, index: number): boolean {
  if (!ALEFS.has(text[index] ?? '')) return false;
  let before = index - 1;
  while (before >= 0 && MARK.test(text[before]!) && index - before < SEGMENT_REACH) before--;
  return text[before] === LAM;
}

const CONTINUES_LETTER = /[\p{M}\u200c\u200d]/u;

/**
 * Whether a stretch cut short may end at `index`: a letter surely starts there (what is there
 * never continues one: a mark, the second half of a surrogate pair, a joiner), and not an alef
 * after lam.
 */
function cutsCleanly(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  return !(unit >= 0xdc00 && unit <= 0xdfff) && !CONTINUES_LETTER.test(text[index]!) && !splitsLamAlef(text, index);
}

/**
 * Where the stretch that segmentation looks at around `index` ends, one way (-1: back): at white
 * space or the end of the text, else cut short SEGMENT_REACH away, where it cuts cleanly (within
 * SEGMENT_REACH more, if it can).
 */
function stretchEnd(text: string, index: number, way: -1 | 1): number {
  const inRun = (at: number) => {
    const char = text[way < 0 ? at - 1 : at];
    return char !== undefined && !SPACE.test(char);
  };
  let at = index;
  for (let steps = 0; inRun(at) && (steps < SEGMENT_REACH || (steps < 2 * SEGMENT_REACH && !cutsCleanly(text, at))); steps++) at += way;
  return at;
}

function enclosingRun(text: string, index: number): { from: number; to: number } {
  return { from: stretchEnd(text, index, -1), to: stretchEnd(text, index, 1) };
}

function isGraphemeBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const { from, to } = enclosingRun(text, index);
  if (from === index || to === index) return true;
  for (const { index: at } of graphemes.segment(text.slice(from, to))) {
    if (from + at === index) return true;
    if (from + at > index) return false;
  }
  return false;
}

export function isSpanBoundary(text: string, index: number): boolean {
  return isGraphemeBoundary(text, index) && !splitsLamAlef(text, index);
}

/**
 * A span must hold a letter or a digit: one of only spaces and punctuation (a lone "،") tags
 * nothing an analyst or a model could use.
 */
export function holdsLetterOrDigit(text: string): boolean {
  return LETTER_OR_DIGIT.test(text);
}

/**
 * [start, end) without the white space at either end: a span edge never rests on a space, which
 * the panel would not show and exact agreement would count as a different span.
 */
export function withoutSpaces(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return { start, end };
}

/** The word segment (or other segment) that holds the character at `index`. */
function segmentAt(text: string, index: number): { start: number; end: number; isWord: boolean } {
  const { from, to } = enclosingRun(text, index);
  for (const segment of words.segment(text.slice(from, to))) {
    const start = from + segment.index;
    const end = start + segment.segment.length;
    if (index < end) return { start, end, isWord: segment.isWordLike === true };
  }
  return { start: index, end: index + 1, isWord: false };
}

/**
 * Turns a selection into span edges: surrounding spaces and punctuation are dropped and a selection
 * that starts or ends inside a word takes the whole word, with one Arabic exception. A selection
 * that starts right after a run of proclitics keeps that start when what follows stands alone (it
 * starts with ال, or `isWord` knows it): a drag over العراق in بالعراق gives العراق, while one over
 * لدة in بلدة gives بلدة. Returns null when nothing is left.
 */
export function snapToWords(
  text: string,
  anchor: number,
  focus: number,
  isWord: (word: string) => boolean = () => false,
): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(anchor, focus));
  let end = Math.min(text.length, Math.max(anchor, focus));
  while (start < end && TRIMMED.test(text[start]!)) start++;
  while (end > start && TRIMMED.test(text[end - 1]!)) end--;
  if (start === end) return null;
  const first = segmentAt(text, start);
  const afterProclitics =
    isProcliticRun(text.slice(first.start, start)) && standsAlone(text.slice(start, first.end), isWord);
  if (first.isWord && !afterProclitics) start = first.start;
  const last = segmentAt(text, end - 1);
  if (last.isWord) end = last.end;
  return { start, end };
}

/**
 * Alt held: the selection exactly as drawn, without white space at its ends, only widened so that
 * no edge splits a grapheme or a lam-alef. Returns null for a selection of nothing but spaces.
 */
export function snapToGraphemes(text: string, anchor: number, focus: number): { start: number; end: number } | null {
  let { start, end } = withoutSpaces(text, Math.max(0, Math.min(anchor, focus)), Math.min(text.length, Math.max(anchor, focus)));
  if (start === end) return null;
  while (start > 0 && !isSpanBoundary(text, start)) start--;
  while (end < text.length && !isSpanBoundary(text, end)) end++;
  return { start, end };
}

/** The words of `text` (UTF-16 offsets), in order: what the keyboard's word cursor steps through. */
export function wordsOf(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const segment of words.segment(text)) {
    if (segment.isWordLike) found.push({ start: segment.index, end: segment.index + segment.segment.length });
  }
  return found;
}

/** The word around `index` (or null in a space or punctuation): what a strip-proclitic key looks at. */
export function wordAt(text: string, index: number): { start: number; end: number } | null {
  const segment = segmentAt(text, index);
  return segment.isWord ? { start: segment.start, end: segment.end } : null;
}

const SENTENCE_END = /[.!?؟\n]/u;

/** The sentence around `index`: from after the previous . ! ? ؟ or line break to the next one, inclusive. */
export function sentenceAt(text: string, index: number): { start: number; end: number } {
  let start = index;
  while (start > 0 && !SENTENCE_END.test(text[start - 1]!)) start--;
  let end = index;
  while (end < text.length && !SENTENCE_END.test(text[end]!)) end++;
  if (end < text.length && text[end] !== '\n') end++;
  return { start, end };
}
