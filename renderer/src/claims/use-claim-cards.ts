import { useEffect, useMemo, type RefObject } from 'react';
import type { LexicalEditor } from 'lexical';
import { ROLES, type Role } from '../../../electron/contract/claims.ts';
import type { KeyContext } from '../../../electron/contract/keymap.ts';
import { registerCommands } from '../keymap/commands.ts';
import { api } from '../api.ts';
import type { ArticleControls } from '../editor/controls.ts';
import type { DocumentSession } from '../document-session.ts';
import { CardSession } from './card-session.ts';

/**
 * The claim cards of the open document: the card session, clicks that link a span into the armed
 * role, and the highlights of the roles of the claim whose card is open or which is selected.
 */
export function useClaimCards(
  session: DocumentSession | null,
  controls: RefObject<ArticleControls | null>,
  editor: LexicalEditor | null,
): CardSession | null {
  const cards = useMemo(() => (session ? new CardSession(api, session) : null), [session]);
  useEffect(() => (editor && cards ? registerCardCommands(editor, cards, controls) : undefined), [editor, cards, controls]);

  useEffect(() => {
    if (!cards) return;
    const { session } = cards;
    const painter = new RolePainter();
    const paint = () => painter.paint(cards, controls.current);
    const stopCards = cards.subscribe(paint);
    const stopSpans = session.subscribe(() => {
      cards.refresh();
      paint();
    });
    const stopSteps = session.onStep((step) => cards.applyStep(step));
    // A span clicked while a role is armed fills the role; the claim stays selected.
    const stopObserving = session.observe({
      added() {},
      removed() {},
      selected(span) {
        const claim = cards.getSnapshot().claim;
        if (!span || !claim || !cards.getSnapshot().armed || span.span.id === claim.span.id) return;
        cards.clicked(span);
        queueMicrotask(() => session.select(claim.span.id));
      },
    });

    return () => {
      stopCards();
      stopSpans();
      stopSteps();
      stopObserving();
      painter.dispose();
    };
  }, [cards, controls]);

  return cards;
}

/** The key contexts of the cards, most particular first: an armed role's keys come before the card's. */
export function cardContexts(cards: CardSession | null): KeyContext[] {
  if (!cards?.isOpen) return [];
  const { armed } = cards.getSnapshot();
  return armed === 'via' ? ['via-armed', 'card-armed', 'card'] : armed ? ['card-armed', 'card'] : ['card'];
}

/**
 * The card's commands. C opens and closes it; while it is open its keys come before the
 * editor's (S arms the source there, not strip); T cycles the stance; with a role armed, Tab
 * cycles candidates and Enter links one; with via armed, ↑/↓ pick a via and Shift+↑/↓ move it.
 */
export function registerCardCommands(editor: LexicalEditor, cards: CardSession, controls: RefObject<ArticleControls | null>): () => void {
  const taken = (act: () => unknown): boolean => {
    act();
    return true;
  };
  return registerCommands(editor, {
    'card.toggle': () => taken(() => (cards.isOpen ? cards.close() : cards.open())),
    'card.arm': (role) => cards.arm(role, undefined, controls.current?.cursorRange()),
    'card.stance': () => taken(() => cards.cycleStance()),
    'card.via-pick': (by) => taken(() => cards.pickVia(by)),
    'card.via-move': (by) => {
      const { picked } = cards.getSnapshot();
      return taken(() => (picked === null ? cards.pickVia(by) : cards.moveVia(picked, by)));
    },
    'card.cycle': (by) => taken(() => cards.cycle(by)),
    'card.unlink': () => taken(() => cards.unlinkLast()),
    'card.commit': () => taken(() => cards.commit()),
    'card.disarm': () => taken(() => cards.disarm()),
    'card.close': () => taken(() => cards.close()),
  });
}

/**
 * The roles of the highlighted claim, painted over the text with highlights of their own (one per
 * role, so each has its own colour and line), and the candidate the armed role would take.
 */
class RolePainter {
  private readonly layers = new Map<Role | 'candidate', Highlight>();

  constructor() {
    for (const layer of [...ROLES, 'candidate'] as const) {
      const highlight = new Highlight();
      highlight.priority = 20;
      this.layers.set(layer, highlight);
      CSS.highlights.set(`hamish-role-${layer}`, highlight);
    }
  }

  paint(cards: CardSession, controls: ArticleControls | null): void {
    for (const highlight of this.layers.values()) highlight.clear();
    if (!controls) return;
    const shown = cards.highlighted();
    for (const { role, span } of shown?.card?.roles ?? []) {
      const view = cards.span(span);
      if (view) this.layers.get(role)!.add(controls.rangeOf(view.from, view.to));
    }
    const candidate = cards.getSnapshot().candidate;
    if (candidate) this.layers.get('candidate')!.add(controls.rangeOf(candidate.from, candidate.to));
    document.documentElement.dataset.paintedRoles = String(shown?.card?.roles.length ?? 0);
  }

  dispose(): void {
    for (const layer of this.layers.keys()) CSS.highlights.delete(`hamish-role-${layer}`);
    delete document.documentElement.dataset.paintedRoles;
  }
}
