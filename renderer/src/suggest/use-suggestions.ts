import { useEffect, useState, type RefObject } from 'react';
import { api } from '../api.ts';
import type { ArticleControls } from '../editor/controls.ts';
import { typing } from '../keys.ts';
import type { DocumentSession } from '../session.ts';
import { SuggestionPainter } from './paint.ts';
import { SuggestionSession } from './suggestion-session.ts';

/**
 * The open document's suggestions, painted over its text, and their keys: E offers the selected
 * span's other occurrences (elsewhere; Shift+E: counts the library's too), F finds dates, gazetteer names
 * and what was tagged before; J (Shift: back) goes to the next suggestion, Y accepts it and X
 * rejects it (Shift: every suggestion of the same text and label).
 */
export function useSuggestions(session: DocumentSession | null, controls: RefObject<ArticleControls | null>): SuggestionSession | null {
  const [suggestions, setSuggestions] = useState<SuggestionSession | null>(null);
  useEffect(() => {
    if (!session) {
      setSuggestions(null);
      return;
    }
    const made = new SuggestionSession(api, session);
    setSuggestions(made);
    const painter = new SuggestionPainter();
    const repaint = () => {
      const article = controls.current;
      if (!article) return;
      const { list, current } = made.getSnapshot();
      const chosen = current === null ? null : list[current];
      painter.paint(
        list.map((s) => ({ label: s.suggestion.label, range: article.rangeOf(s.from, s.to) })),
        chosen ? article.rangeOf(chosen.from, chosen.to) : null,
      );
    };
    const stopRepainting = made.subscribe(repaint);
    const stopObserving = session.observe({ added: (span) => made.spanAdded(span), removed: () => {}, selected: () => {} });
    const stopStepping = session.onStep((step) => void (step.rejections && made.stepped(step)));

    /** The first of the suggestions just offered, brought into sight. */
    const revealCurrent = () => {
      const current = made.currentOne();
      if (current) controls.current?.reveal(current);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const handled = ((): boolean => {
        switch (event.code) {
          case 'KeyE': {
            const selected = session.selected();
            if (selected) void made.propagate(selected, event.shiftKey).then(revealCurrent);
            else session.say({ kind: 'refused', text: 'select a span first (click it, or Tab): E offers its other occurrences' });
            return true;
          }
          case 'KeyF':
            if (event.shiftKey) return false;
            void made.suggestAll().then(revealCurrent);
            return true;
          case 'KeyJ': {
            const next = made.step(event.shiftKey ? -1 : 1);
            if (next) controls.current?.reveal(next);
            return true;
          }
          case 'KeyY':
            void made.accept(event.shiftKey);
            return true;
          case 'KeyX':
            void made.reject(event.shiftKey);
            return true;
          default:
            return false;
        }
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      stopRepainting();
      stopObserving();
      stopStepping();
      painter.dispose();
    };
  }, [session, controls]);
  return suggestions;
}
