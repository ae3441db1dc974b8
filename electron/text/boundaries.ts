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

/** The stretch around `index` bounded by white space: segmentation never looks past it. */
function enclosingRun(text: string, index: number): { from: number; to: number } {
  let from = index;
  while (from > 0 && !SPACE.test(text[from - 1]!)) from--;
  let to = index;
  while (to < text.length && !SPACE.test(text[to]!)) to++;
  return { from, to };
}

function splitsLamAlef(text: string, index: number): boolean {
  if (!ALEFS.has(text[index] ?? '')) return false;
  let before = index - 1;
  while (before >= 0 && MARK.test(text[before]!)) before--;
  return text[before] === LAM;
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
