/**
 * Where a span may start or end. A highlight edge inside a grapheme (a letter and its diacritics)
 * or inside the lam-alef ligature makes Chromium draw the word broken, so no span edge goes there.
 * All indices here are UTF-16, the unit of JavaScript strings and the DOM.
 */

const graphemes = new Intl.Segmenter('ar', { granularity: 'grapheme' });
const words = new Intl.Segmenter('ar', { granularity: 'word' });

const LAM = 'ل';
const ALEFS = new Set(['ا', 'أ', 'إ', 'آ', 'ٱ']);
const MARK = /\p{M}/u;
const SPACE = /\s/u;
const TRIMMED = /[\s\p{P}]/u;

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
 * that starts or ends inside a word takes the whole word. Returns null when nothing is left.
 */
export function snapToWords(text: string, anchor: number, focus: number): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(anchor, focus));
  let end = Math.min(text.length, Math.max(anchor, focus));
  while (start < end && TRIMMED.test(text[start]!)) start++;
  while (end > start && TRIMMED.test(text[end - 1]!)) end--;
  if (start === end) return null;
  const first = segmentAt(text, start);
  if (first.isWord) start = first.start;
  const last = segmentAt(text, end - 1);
  if (last.isWord) end = last.end;
  return { start, end };
}
