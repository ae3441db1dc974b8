import type { LexicalEditor } from 'lexical';
import { useEffect, useState, type RefObject } from 'react';
import { api } from '../api.ts';
import type { ArticleControls } from '../editor/controls.ts';
import { registerCommands } from '../keymap/commands.ts';
import type { DocumentSession } from '../document-session.ts';
import { SuggestionPainter } from './paint.ts';
import { SuggestionSession } from './suggestion-session.ts';

/** The open document's suggestions, painted over its text. */
export function useSuggestions(
  session: DocumentSession | null,
  controls: RefObject<ArticleControls | null>,
  editor: LexicalEditor | null,
): SuggestionSession | null {
  const [suggestions, setSuggestions] = useState<SuggestionSession | null>(null);
  useEffect(
    () => (editor && suggestions ? registerSuggestionCommands(editor, suggestions, controls) : undefined),
    [editor, suggestions, controls],
  );
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

    return () => {
      stopRepainting();
      stopObserving();
      stopStepping();
      painter.dispose();
    };
  }, [session, controls]);
  return suggestions;
}

/**
 * The suggestions' commands: E offers the selected span's other occurrences (elsewhere; Shift+E:
 * counts the library's too), F finds dates, gazetteer names and what was tagged before; J (Shift:
 * back) goes to the next suggestion, Y accepts it and X rejects it (Shift: every suggestion of the
 * same text and label).
 */
export function registerSuggestionCommands(
  editor: LexicalEditor,
  suggestions: SuggestionSession,
  controls: RefObject<ArticleControls | null>,
): () => void {
  const { session } = suggestions;
  /** The first of the suggestions just offered, brought into sight. */
  const revealCurrent = () => {
    const current = suggestions.currentOne();
    if (current) controls.current?.reveal(current);
  };
  return registerCommands(editor, {
    'suggest.propagate': ({ wide }) => {
      const selected = session.selected();
      if (selected) void suggestions.propagate(selected, wide).then(revealCurrent);
      else session.say({ kind: 'refused', text: 'select a span first (click it, or Tab): E offers its other occurrences' });
      return true;
    },
    'suggest.find': () => {
      void suggestions.suggestAll().then(revealCurrent);
      return true;
    },
    'suggest.step': (by) => {
      const next = suggestions.step(by);
      if (next) controls.current?.reveal(next);
      return true;
    },
    'suggest.accept': ({ all }) => {
      void suggestions.accept(all);
      return true;
    },
    'suggest.reject': ({ all }) => {
      void suggestions.reject(all);
      return true;
    },
  });
}
