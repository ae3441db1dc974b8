import { isSpanBoundary } from '../../../electron/text/boundaries.ts';

export type Range16 = { readonly start: number; readonly end: number };

const SPACE = /\s/u;

/**
 * Where a span's edge at `at` (UTF-16) moves one word or one letter forward or back: a start to
 * another word's start, an end to another word's end, a letter edge never inside a letter nor on
 * white space (a start before a space, an end after one: it moves on past the spaces). Null: it
 * cannot move that way. Shared by the editor's nudge and the review's edit before accepting.
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
    const step = forward ? 1 : -1;
    /** The character the edge would rest on, inside the span. */
    const inside = (edgeAt: number) => text[edge === 'start' ? edgeAt : edgeAt - 1] ?? '';
    let next = at + step;
    while (next > 0 && next < text.length && (!isSpanBoundary(text, next) || SPACE.test(inside(next)))) next += step;
    return next < 0 || next > text.length || SPACE.test(inside(next)) ? null : next;
  }
  if (edge === 'end') {
    const next = forward ? words.find((w) => w.end > at) : words.findLast((w) => w.end < at);
    return next?.end ?? null;
  }
  const next = forward ? words.find((w) => w.start > at) : words.findLast((w) => w.start < at);
  return next?.start ?? null;
}
