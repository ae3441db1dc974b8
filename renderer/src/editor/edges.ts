import { isSpanBoundary } from '../../../electron/text/boundaries.ts';

export type Range16 = { readonly start: number; readonly end: number };

/**
 * Where a span's edge at `at` (UTF-16) moves one word or one letter forward or back: a start to
 * another word's start, an end to another word's end, a letter edge never inside a letter. Null:
 * it cannot move that way. Shared by the editor's nudge and the review's edit before accepting.
 */
export function movedEdge(
  text: string,
  words: readonly Range16[],
  at: number,
  edge: 'start' | 'end',
  forward: boolean,
  unit: 'word' | 'letter',
): number | null {
  if (unit === 'letter') {
    let next = at + (forward ? 1 : -1);
    while (next > 0 && next < text.length && !isSpanBoundary(text, next)) next += forward ? 1 : -1;
    return next < 0 || next > text.length ? null : next;
  }
  if (edge === 'end') {
    const next = forward ? words.find((w) => w.end > at) : words.findLast((w) => w.end < at);
    return next?.end ?? null;
  }
  const next = forward ? words.find((w) => w.start > at) : words.findLast((w) => w.start < at);
  return next?.start ?? null;
}
