import type { LexicalEditor } from 'lexical';
import { registerCommands } from '../keymap/commands.ts';
import type { Direction, ReviewSession } from './review-session.ts';

interface ReviewCommands {
  readonly review: ReviewSession;
  readonly move: (direction: Direction) => void;
  /** Opens the next (1) or previous (-1) document, as in the editor. */
  readonly step: (by: 1 | -1) => void;
  /** Runs a decision, then lets the library know. */
  readonly decided: (decision: Promise<void>) => Promise<void>;
}

/**
 * The commands of the review. Tab goes from open disagreement to open disagreement, across
 * documents, and Alt+↑/↓ from document to document; ↑/↓ choose among the unit's versions; A (or
 * Enter) accepts the chosen one into gold, R rejects it; the editor's keys edit it before
 * accepting (1–4 relabel, Ctrl+arrows move an edge).
 */
export function registerReviewCommands(editor: LexicalEditor, { review, move, step, decided }: ReviewCommands): () => void {
  /** A decision: every one is taken, and the review says in its own lines when one does nothing. */
  const decide = (decision: () => Promise<void>) => (): boolean => {
    void decided(decision());
    return true;
  };
  return registerCommands(editor, {
    'review.relabel': (label) => {
      review.relabel(label);
      return true;
    },
    'review.move': (direction) => {
      move(direction);
      return true;
    },
    'document.step': (by) => {
      step(by);
      return true;
    },
    'review.version': (by) => {
      review.chooseVersion(by);
      return true;
    },
    'span.nudge': ({ edge, forward, by }) => {
      review.nudge(edge, forward, by);
      return true;
    },
    'review.drop-edit': () => {
      review.dropEdit();
      return true;
    },
    'review.accept': decide(() => review.accept()),
    'review.accept-agreed': decide(() => review.acceptAgreed()),
    'review.reject': decide(() => review.reject()),
    'history.undo': decide(() => review.undo()),
    'history.redo': decide(() => review.redo()),
  });
}
