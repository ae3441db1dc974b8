import type { LexicalEditor } from 'lexical';
import { useEffect, useMemo, type RefObject } from 'react';
import { registerCommands } from '../keymap/commands.ts';
import { api } from '../api.ts';
import type { ArticleControls } from '../editor/controls.ts';
import type { DocumentSession } from '../document-session.ts';
import { ScopeSession, type Stretch } from './scope-session.ts';
import './scope.css';

/**
 * The article's scope in the editor: out-of-scope text dimmed and proposals shaded, each a
 * highlight of its own that changes only colour (Arabic keeps joining across its edges).
 */
export function useScope(
  session: DocumentSession | null,
  controls: RefObject<ArticleControls | null>,
  editor: LexicalEditor | null,
): ScopeSession | null {
  const scope = useMemo(() => (session ? new ScopeSession(api, session) : null), [session]);
  useEffect(() => (editor && scope ? registerScopeCommands(editor, scope, controls) : undefined), [editor, scope, controls]);

  useEffect(() => {
    if (!scope) return;
    const { session } = scope;
    const painter = new ScopePainter();
    let frame = 0;
    // The article is laid out by its own effect: paint once it shows this document.
    const paint = () => {
      cancelAnimationFrame(frame);
      if (document.documentElement.dataset.paintedDocument !== session.document.summary.id || !controls.current) {
        frame = requestAnimationFrame(paint);
        return;
      }
      painter.paint(scope, controls.current);
    };
    paint();
    const stopScope = scope.subscribe(paint);
    const stopSteps = session.onStep((step) => scope.applyStep(step));

    return () => {
      cancelAnimationFrame(frame);
      stopScope();
      stopSteps();
      session.refusesSpan = () => null;
      painter.dispose();
    };
  }, [scope, controls]);

  return scope;
}

/**
 * The scope's commands: O leaves the selection out (or brings it back), Shift+O ends the article
 * at the cursor, P / Shift+P go to the next or previous proposal (O then accepts it, I keeps the
 * text in). Nothing happens before the article is laid out: the key passes.
 */
export function registerScopeCommands(editor: LexicalEditor, scope: ScopeSession, controls: RefObject<ArticleControls | null>): () => void {
  const { session } = scope;
  /** The article's controls and the stretch its cursor covers, if it is on screen. */
  const atCursor = (act: (article: ArticleControls, stretch: Stretch | null) => void): boolean => {
    const article = controls.current;
    if (!article) return false;
    const selection = article.cursorRange();
    act(article, selection && { from: selection.start, to: selection.end });
    return true;
  };
  const choose = (article: ArticleControls, stretch: Stretch) => {
    const range = article.rangeOf(stretch.from, stretch.to);
    session.select(null);
    document.getSelection()?.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  };
  return registerCommands(editor, {
    'scope.toggle': () => atCursor((_, stretch) => scope.toggle(stretch)),
    'scope.ends-here': () => atCursor((_, stretch) => scope.endsAt(stretch?.from ?? null)),
    'scope.proposal': (by) =>
      atCursor((article, stretch) => {
        const next = scope.goToProposal(by, stretch?.from ?? -1);
        if (next) choose(article, next);
      }),
    'scope.keep': () =>
      atCursor((_, stretch) => {
        if (scope.isCurrent(stretch)) scope.keep();
        else session.say({ kind: 'refused', text: 'no proposal chosen: P goes to the next one, then I keeps it in the article' });
      }),
  });
}

/** Out-of-scope text and proposals, painted under the spans' highlights. */
class ScopePainter {
  private readonly out = new Highlight();
  private readonly proposed = new Highlight();

  constructor() {
    this.out.priority = -2;
    this.proposed.priority = -1;
    CSS.highlights.set('hamish-out-of-scope', this.out);
    CSS.highlights.set('hamish-proposed-scope', this.proposed);
  }

  paint(scope: ScopeSession, controls: ArticleControls): void {
    const { out, proposals } = scope.getSnapshot();
    this.out.clear();
    this.proposed.clear();
    for (const { from, to } of out) this.out.add(controls.rangeOf(from, to));
    for (const { from, to } of proposals) this.proposed.add(controls.rangeOf(from, to));
    document.documentElement.dataset.paintedScope = `${out.length} out, ${proposals.length} proposed`;
  }

  dispose(): void {
    CSS.highlights.delete('hamish-out-of-scope');
    CSS.highlights.delete('hamish-proposed-scope');
    delete document.documentElement.dataset.paintedScope;
  }
}
