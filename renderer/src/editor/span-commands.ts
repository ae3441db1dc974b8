import type { LexicalEditor } from 'lexical';
import type { ClusterKey } from '../../../electron/contract/keymap.ts';
import { registerCommands } from '../keymap/commands.ts';
import type { DocumentSession, ViewSpan } from '../document-session.ts';
import type { ArticleControls } from './controls.ts';

interface SpanCommands {
  readonly session: DocumentSession;
  readonly controls: { readonly current: ArticleControls | null };
  readonly step: (by: 1 | -1) => void;
  /** False when the document could not be marked done (and the status line says why). */
  readonly markDone: () => boolean;
  readonly editNote: () => void;
  /** K, G, Shift+G: the claim's candidates, its cluster compared, the corpus of clusters. */
  readonly cluster: (key: ClusterKey) => void;
}

/**
 * The editor's own commands: tagging, the selected span, the cursor, history and documents.
 * Nothing happens before the article is laid out (its controls are there): the key passes.
 */
export function registerSpanCommands(editor: LexicalEditor, { session, controls, step, markDone, editNote, cluster }: SpanCommands): () => void {
  /** Runs `act` with the article's controls, if it is on screen. */
  const withArticle = (act: (article: ArticleControls) => void): boolean => {
    const article = controls.current;
    if (!article) return false;
    act(article);
    return true;
  };
  /** A command that acts on the selected span: without one it says so. */
  const onSpan = (act: (span: ViewSpan, article: ArticleControls) => void): boolean =>
    withArticle((article) => {
      const selected = session.selected();
      if (selected) act(selected, article);
      else session.say({ kind: 'refused', text: 'select a span first: click it, or press Tab' });
    });
  const walk = (way: 'undo' | 'redo'): boolean =>
    withArticle((article) => {
      // The change may be out of view: it is brought into sight and flashed (if still open).
      void session[way]().then((span) => span && controls.current === article && article.reveal(span));
    });
  return registerCommands(editor, {
    'span.tag': (label) => withArticle((article) => article.tag(label)),
    'span.delete': () => onSpan((span) => void session.delete(span.span.id)),
    'span.step': (by) =>
      withArticle((article) => {
        const next = session.neighbour(session.selected(), by);
        if (!next) return;
        session.select(next.span.id);
        article.reveal(next);
      }),
    'span.nudge': ({ edge, forward, by }) => onSpan((_, article) => article.nudge(edge, forward, by)),
    'span.strip': () => onSpan((_, article) => article.stripProclitic()),
    'span.note': () => onSpan(() => editNote()),
    'cursor.move': ({ forward, extend }) => withArticle((article) => article.moveCursor(forward, extend)),
    'selection.clear': () =>
      withArticle(() => {
        session.select(null);
        document.getSelection()?.removeAllRanges();
      }),
    'history.undo': () => walk('undo'),
    'history.redo': () => walk('redo'),
    'document.step': (by) => withArticle(() => step(by)),
    'document.done': () => withArticle(() => markDone() && step(1)),
    'cluster.open': (key) => withArticle(() => cluster(key)),
  });
}
