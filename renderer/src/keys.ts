import { useEffect, type RefObject } from 'react';
import { LABELS, type Label } from '../../electron/contract/labels.ts';
import type { ClusterKey } from './clusters/use-cluster-views.ts';
import type { ArticleControls } from './editor/controls.ts';
import type { Direction, ReviewSession } from './review/review-session.ts';
import type { DocumentSession } from './session.ts';

/** Keys typed into a field are the field's. */
export function typing(event: KeyboardEvent): boolean {
  const target = event.target;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Keys go by physical position (KeyboardEvent.code), so they work on an Arabic layout too. */
function labelOfKey(code: string): Label | null {
  const match = /^(?:Digit|Numpad)([1-4])$/.exec(code);
  return match ? LABELS[Number(match[1]) - 1]! : null;
}

interface Bindings {
  readonly session: DocumentSession | null;
  readonly controls: RefObject<ArticleControls | null>;
  readonly step: (by: 1 | -1) => void;
  /** False when the document could not be marked done (and the status line says why). */
  readonly markDone: () => boolean;
  readonly editNote: () => void;
  /** K, G, Shift+G: the claim's candidates, its cluster compared, the corpus of clusters. */
  readonly cluster: (key: ClusterKey) => void;
}

/**
 * Every key of the editor. Arrows follow the reading direction: in right-to-left text ← moves
 * forward, towards the end of the sentence.
 */
export function useKeyBindings({ session, controls, step, markDone, editNote, cluster }: Bindings): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (typing(event)) return;
      const article = controls.current;
      if (!session || !article) return;
      const ctrl = event.ctrlKey || event.metaKey;
      const plain = !ctrl && !event.altKey;
      const arrow = event.key === 'ArrowLeft' || event.key === 'ArrowRight';
      const forward = event.key === 'ArrowLeft';
      const selected = session.selected();
      /** A key that acts on the selected span: without one it says so. */
      const onSpan = (act: (span: NonNullable<typeof selected>) => void): true => {
        if (selected) act(selected);
        else session.say({ kind: 'refused', text: 'select a span first: click it, or press Tab' });
        return true;
      };
      const handled = ((): boolean => {
        const label = labelOfKey(event.code);
        if (label && plain && !event.shiftKey) {
          article.tag(label);
          return true;
        }
        if ((event.key === 'Delete' || event.key === 'Backspace') && plain) {
          return onSpan((span) => void session.delete(span.span.id));
        }
        if (ctrl && !event.altKey && (event.code === 'KeyZ' || event.code === 'KeyY')) {
          const walked = event.shiftKey || event.code === 'KeyY' ? session.redo() : session.undo();
          // The change may be out of view: it is brought into sight and flashed (if still open).
          void walked.then((span) => span && controls.current === article && article.reveal(span));
          return true;
        }
        if (event.key === 'Tab' && !ctrl && !event.altKey) {
          const next = session.neighbour(selected, event.shiftKey ? -1 : 1);
          if (next) {
            session.select(next.span.id);
            article.reveal(next);
          }
          return true;
        }
        if (arrow && plain) {
          article.moveCursor(forward, event.shiftKey);
          return true;
        }
        if (arrow && ctrl) {
          return onSpan(() => article.nudge(event.shiftKey ? 'start' : 'end', forward, event.altKey ? 'letter' : 'word'));
        }
        if (event.code === 'KeyS' && plain && !event.shiftKey) {
          return onSpan(() => article.stripProclitic());
        }
        if (event.code === 'KeyN' && plain && !event.shiftKey) {
          return onSpan(() => editNote());
        }
        if (event.code === 'KeyK' && plain && !event.shiftKey) {
          cluster('link');
          return true;
        }
        if (event.code === 'KeyG' && plain) {
          cluster(event.shiftKey ? 'corpus' : 'compare');
          return true;
        }
        if (event.key === 'Escape') {
          session.select(null);
          document.getSelection()?.removeAllRanges();
          return true;
        }
        if (event.altKey && !ctrl && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
          step(event.key === 'ArrowDown' ? 1 : -1);
          return true;
        }
        if (ctrl && event.key === 'Enter') {
          if (markDone()) step(1);
          return true;
        }
        return false;
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session, controls, step, markDone, editNote, cluster]);
}

interface ReviewBindings {
  readonly review: ReviewSession | null;
  readonly move: (direction: Direction) => void;
  /** Opens the next (1) or previous (-1) document, as in the editor. */
  readonly step: (by: 1 | -1) => void;
  /** Runs a decision, then lets the library know. */
  readonly decided: (decision: Promise<void>) => Promise<void>;
}

/**
 * The keys of the review. Tab goes from open disagreement to open disagreement, across
 * documents, and Alt+↑/↓ from document to document; ↑/↓ choose among the unit's versions; A (or
 * Enter) accepts the chosen one into gold, R rejects it; the editor's keys edit it before
 * accepting (1–4 relabel, Ctrl+arrows move an edge).
 */
export function useReviewKeyBindings({ review, move, step, decided }: ReviewBindings): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (typing(event) || !review) return;
      const ctrl = event.ctrlKey || event.metaKey;
      const plain = !ctrl && !event.altKey;
      const handled = ((): boolean => {
        const label = labelOfKey(event.code);
        if (label && plain && !event.shiftKey) {
          review.relabel(label);
          return true;
        }
        if (event.key === 'Tab' && !ctrl && !event.altKey) {
          move(event.shiftKey ? 'previous' : 'next');
          return true;
        }
        if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && event.altKey && !ctrl) {
          step(event.key === 'ArrowDown' ? 1 : -1);
          return true;
        }
        if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && plain) {
          review.chooseVersion(event.key === 'ArrowDown' ? 1 : -1);
          return true;
        }
        if (event.code === 'KeyA' && plain) {
          void decided(event.shiftKey ? review.acceptAgreed() : review.accept());
          return true;
        }
        if (event.key === 'Enter' && plain && !event.shiftKey) {
          void decided(review.accept());
          return true;
        }
        if (event.code === 'KeyR' && plain && !event.shiftKey) {
          void decided(review.reject());
          return true;
        }
        if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && ctrl) {
          review.nudge(event.shiftKey ? 'start' : 'end', event.key === 'ArrowLeft', event.altKey ? 'letter' : 'word');
          return true;
        }
        if (ctrl && !event.altKey && (event.code === 'KeyZ' || event.code === 'KeyY')) {
          void decided(event.shiftKey || event.code === 'KeyY' ? review.redo() : review.undo());
          return true;
        }
        if (event.key === 'Escape') {
          review.dropEdit();
          return true;
        }
        return false;
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [review, move, step, decided]);
}
