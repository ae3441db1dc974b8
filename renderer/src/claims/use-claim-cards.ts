import { useEffect, useMemo, type RefObject } from 'react';
import { ROLES, type Role } from '../../../electron/contract/claims.ts';
import { api } from '../api.ts';
import type { ArticleControls } from '../editor/controls.ts';
import type { DocumentSession } from '../session.ts';
import { CardSession } from './card-session.ts';

/** Keys typed into a field are the field's. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** Role keys while a card is open, by physical position: S source, V via, L location, D date. */
const ROLE_KEYS: Readonly<Record<string, Role>> = { KeyS: 'source', KeyV: 'via', KeyL: 'location', KeyD: 'date' };

/**
 * The claim cards of the open document: the card session, its keys (taken before the editor's
 * while a card is open), clicks that link a span into the armed role, and the highlights of the
 * roles of the claim whose card is open or which is selected.
 */
export function useClaimCards(session: DocumentSession | null, controls: RefObject<ArticleControls | null>): CardSession | null {
  const cards = useMemo(() => (session ? new CardSession(api, session) : null), [session]);

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
        const claim = cards.getState().claim;
        if (!span || !claim || !cards.getState().armed || span.span.id === claim.span.id) return;
        cards.clicked(span);
        queueMicrotask(() => session.select(claim.span.id));
      },
    });

    const onKeyDown = (event: KeyboardEvent) => {
      if (typing(event)) return;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      const handled = ((): boolean => {
        if (event.code === 'KeyC' && plain && !event.shiftKey) {
          if (cards.isOpen) cards.close();
          else cards.open();
          return true;
        }
        if (!cards.isOpen) return false;
        const role = ROLE_KEYS[event.code];
        if (role && plain && !event.shiftKey) return cards.arm(role, undefined, controls.current?.cursorRange());
        if (event.code === 'KeyT' && plain && !event.shiftKey) {
          void cards.cycleStance();
          return true;
        }
        const armed = cards.getState().armed !== null;
        // The via chain's order: ↑ ↓ pick a via, Shift+↑ Shift+↓ move it earlier or later.
        if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && plain && cards.getState().armed === 'via') {
          const by = event.key === 'ArrowUp' ? -1 : 1;
          const { picked } = cards.getState();
          if (!event.shiftKey) cards.pickVia(by);
          else if (picked === null) cards.pickVia(by);
          else void cards.moveVia(picked, by);
          return true;
        }
        if (event.key === 'Tab' && armed && plain) {
          cards.cycle(event.shiftKey ? -1 : 1);
          return true;
        }
        // Not the editor's delete: with a card open, Delete works on the card, never on the claim.
        if ((event.key === 'Delete' || event.key === 'Backspace') && plain) {
          void cards.unlinkLast();
          return true;
        }
        if (event.key === 'Enter' && plain && !event.shiftKey) {
          void cards.commit();
          return true;
        }
        if (event.key === 'Escape') {
          if (armed) cards.disarm();
          else cards.close();
          return true;
        }
        return false;
      })();
      if (handled) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    // Capture: while a card is open its keys come before the editor's (S is strip there).
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      stopCards();
      stopSpans();
      stopSteps();
      stopObserving();
      painter.dispose();
    };
  }, [cards, controls]);

  return cards;
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
    const candidate = cards.getState().candidate;
    if (candidate) this.layers.get('candidate')!.add(controls.rangeOf(candidate.from, candidate.to));
    document.documentElement.dataset.paintedRoles = String(shown?.card?.roles.length ?? 0);
  }

  dispose(): void {
    for (const layer of this.layers.keys()) CSS.highlights.delete(`hamish-role-${layer}`);
    delete document.documentElement.dataset.paintedRoles;
  }
}
