import { useEffect, useMemo, type RefObject } from 'react';
import { api } from '../api.ts';
import type { ArticleControls } from '../editor/controls.ts';
import type { DocumentSession } from '../session.ts';
import { ScopeSession, type Stretch } from './scope-session.ts';
import './scope.css';

/** Keys typed into a field are the field's. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The article's scope in the editor: out-of-scope text dimmed and proposals shaded, each a
 * highlight of its own that changes only colour (Arabic keeps joining across its edges), and the
 * keys: O leaves the selection out (or brings it back), Shift+O ends the article at the cursor,
 * P / Shift+P go to the next or previous proposal (O then accepts it, I keeps the text in).
 */
export function useScope(session: DocumentSession | null, controls: RefObject<ArticleControls | null>): ScopeSession | null {
  const scope = useMemo(() => (session ? new ScopeSession(api, session) : null), [session]);

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

    const choose = (stretch: Stretch) => {
      const range = controls.current?.rangeOf(stretch.from, stretch.to);
      if (!range) return;
      session.select(null);
      document.getSelection()?.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const article = controls.current;
      if (!article) return;
      const selection = article.cursorRange();
      const stretch = selection && { from: selection.start, to: selection.end };
      const handled = ((): boolean => {
        if (event.code === 'KeyO') {
          if (event.shiftKey) scope.endsAt(stretch?.from ?? null);
          else scope.toggle(stretch);
          return true;
        }
        if (event.code === 'KeyP') {
          const next = scope.goToProposal(event.shiftKey ? -1 : 1, stretch?.from ?? -1);
          if (next) choose(next);
          return true;
        }
        if (event.code === 'KeyI' && !event.shiftKey) {
          if (scope.isCurrent(stretch)) scope.keep();
          else session.say({ kind: 'refused', text: 'no proposal chosen: P goes to the next one, then I keeps it in the article' });
          return true;
        }
        return false;
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      cancelAnimationFrame(frame);
      stopScope();
      stopSteps();
      session.refusesSpan = () => null;
      painter.dispose();
    };
  }, [scope, controls]);

  return scope;
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
    const { out, proposals } = scope.getState();
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
