import type { ViewSpan } from '../document-session.ts';
import { excerpt } from './bidi.ts';

/** A span undo or redo changed: as the screen showed it before, and as it is now (null: none). */
export interface SpanStep {
  readonly before: ViewSpan | null;
  readonly after: ViewSpan | null;
}

/** One change, from `from` to `to`, in words: "tag actor", "relabel actor → location", "move the end". */
function change(from: ViewSpan | null, to: ViewSpan | null): string {
  if (!from && to) return `tag ${to.span.label}`;
  if (from && !to) return `delete ${from.span.label}`;
  if (!from || !to) return 'a change';
  const parts: string[] = [];
  if (from.span.label !== to.span.label) parts.push(`relabel ${from.span.label} → ${to.span.label}`);
  const start = from.from !== to.from;
  const end = from.to !== to.to;
  if (start || end) parts.push(`move the ${start && end ? 'edges' : start ? 'start' : 'end'} of ${to.span.label}`);
  if (from.span.note !== to.span.note) parts.push(to.span.note === null ? `remove the note on ${to.span.label}` : `note on ${to.span.label}`);
  return parts.join(', ') || `${to.span.label} unchanged`;
}

/**
 * What an undo or redo did, for the status line: the change it took back or made again, named as
 * the analyst made it ("undid: relabel actor → location «الجيش»"), so that a change out of view
 * or too small to see is still said.
 */
export function describeStep(way: 'undo' | 'redo', spans: readonly SpanStep[], decisions: number, cards: number, text: string): string {
  const verb = way === 'undo' ? 'undid' : 'redid';
  const [first] = spans;
  if (!first && decisions === 0 && cards > 0) return `${verb}: a change to ${cards === 1 ? "a claim's card" : `${cards} claim cards`}`;
  if (!first) return `${verb}: ${decisions === 1 ? 'a review decision' : `${decisions} review decisions`}`;
  // Undo walks a change backwards: the change made went from what is now back on screen.
  const made = way === 'undo' ? change(first.after, first.before) : change(first.before, first.after);
  const shown = first.after ?? first.before;
  const quoted = shown ? ` «${excerpt(text.slice(shown.from, shown.to), 40)}»` : '';
  const more = spans.length > 1 ? ` and ${spans.length - 1} more` : '';
  return `${verb}: ${made}${quoted}${more}`;
}
