import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor, NodeKey } from 'lexical';
import { useLayoutEffect, useState, type RefObject } from 'react';
import { api } from '../api.ts';
import type { DocumentSession } from '../document-session.ts';
import { Controls, type ArticleControls } from './controls.ts';
import { controlAt, copyStoredText, markControls } from './bidi.ts';
import { HighlightPainter } from './highlights.ts';
import { ArticleSections } from './near-sections.ts';
import { HoverCard, type Hover } from './HoverCard.tsx';
import { ArticleText, layoutOf } from './ArticleText.tsx';

interface Props {
  readonly session: DocumentSession;
  readonly controls: RefObject<ArticleControls | null>;
  /** The article's Lexical editor while it is mounted, for the key commands. */
  readonly onEditor: (editor: LexicalEditor | null) => void;
}

/** The open document's text with its spans painted over it, and the editor's commands. */
export function ArticleView({ session, controls, onEditor }: Props) {
  return (
    <ArticleText text={session.text} onEditor={onEditor}>
      {(keys) => <Annotator session={session} textKeys={keys} controls={controls} />}
    </ArticleText>
  );
}

function Annotator({
  session,
  textKeys,
  controls,
}: {
  session: DocumentSession;
  textKeys: RefObject<NodeKey[]>;
  controls: RefObject<ArticleControls | null>;
}) {
  const [editor] = useLexicalComposerContext();
  const [hover, setHover] = useState<Hover | null>(null);

  useLayoutEffect(() => {
    const root = editor.getRootElement();
    if (!root) return;
    const scroller = root.closest<HTMLElement>('.article-scroller')!;
    const layout = layoutOf(editor, textKeys.current, session.text);
    const painter = new HighlightPainter(new ArticleSections(root, scroller));
    const unmarkControls = markControls(session.text, layout);
    const stopCopying = copyStoredText(root, session.text, layout);
    const ranges = new Map<number, StaticRange>();
    // Where the pointer rests; the card is redrawn from it whenever a span changes (note, label, edges).
    let pointer: { at: number | null; x: number } | null = null;
    const showHover = () => {
      const under = pointer?.at == null ? [] : session.spansAt(pointer.at);
      painter.mark('hovered', under[0] ? (ranges.get(under[0].span.id) ?? null) : null);
      const control = pointer?.at == null ? null : controlAt(session.text, pointer.at);
      if (!pointer || pointer.at === null || !(under.length || control)) return setHover(null);
      const { top, bottom } = layout.range(pointer.at, pointer.at + 1).getBoundingClientRect();
      const { left, right } = root.getBoundingClientRect();
      setHover({ spans: under, control, x: pointer.x, line: { top, bottom }, column: { left, right } });
    };

    const stopObserving = session.observe({
      added(span) {
        const range = layout.paintRange(span.from, span.to);
        ranges.set(span.span.id, range);
        painter.paint(span.span.id, span.span.label, span.from, span.to, range);
        // A selected span that changes (relabel, nudge) stays marked where it now is.
        if (session.selected()?.span.id === span.span.id) painter.mark('selected', range);
        if (pointer) showHover();
      },
      removed(id) {
        ranges.delete(id);
        painter.erase(id);
        if (pointer) showHover();
      },
      selected(span) {
        painter.mark('selected', span ? (ranges.get(span.span.id) ?? null) : null);
      },
    });

    controls.current = new Controls(session, layout, root, scroller, painter);
    const commands = controls.current;

    // Show the analyst what a key press would tag: the selection snapped to words (Alt: exactly).
    const onMouseUp = (event: MouseEvent) => commands.snapSelection(event.altKey);
    const onClick = (event: MouseEvent) => {
      const at = layout.offsetAt(event.clientX, event.clientY);
      if (event.detail === 3 && at !== null) return commands.selectSentence(at);
      if (!document.getSelection()?.isCollapsed) return;
      const under = at === null ? [] : session.spansAt(at);
      if (under.length === 0) return session.select(null);
      // Clicking again where spans nest moves outwards, then back to the innermost.
      const current = under.findIndex((s) => s.span.id === session.getSnapshot().selectedId);
      session.select(under[(current + 1) % under.length]!.span.id);
    };
    let pending = 0;
    const onMouseMove = (event: MouseEvent) => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => {
        pointer = { at: layout.offsetAt(event.clientX, event.clientY), x: event.clientX };
        showHover();
      });
    };
    const onMouseLeave = () => {
      cancelAnimationFrame(pending);
      pointer = null;
      showHover();
    };

    // Come back to where the analyst left off, and remember where they are.
    layout.scrollTo(scroller, session.index.toUtf16(session.document.viewOffset), session.text.length);
    painter.follow();
    // The offset is read while the article is laid out; the save waits until scrolling pauses.
    let topOffset: number | null = null;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const saveViewOffset = () => {
      saveTimer = undefined;
      if (topOffset === null) return;
      void api.saveViewOffset({ id: session.document.summary.id, offset: session.index.toCodePoint(topOffset) });
    };
    const onScroll = () => {
      painter.follow();
      topOffset = layout.offsetAtTop(scroller.getBoundingClientRect().top);
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveViewOffset, 300);
    };

    root.addEventListener('mouseup', onMouseUp);
    root.addEventListener('click', onClick);
    root.addEventListener('mousemove', onMouseMove);
    root.addEventListener('mouseleave', onMouseLeave);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    document.documentElement.dataset.paintedDocument = session.document.summary.id;
    document.documentElement.dataset.paintedLayer = session.layer.kind === 'colleague' ? session.layer.name : session.layer.kind;
    return () => {
      if (saveTimer !== undefined) {
        clearTimeout(saveTimer);
        saveViewOffset();
      }
      root.removeEventListener('mouseup', onMouseUp);
      root.removeEventListener('click', onClick);
      root.removeEventListener('mousemove', onMouseMove);
      root.removeEventListener('mouseleave', onMouseLeave);
      scroller.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(pending);
      stopObserving();
      painter.clear();
      painter.dispose();
      unmarkControls();
      stopCopying();
      controls.current = null;
      delete document.documentElement.dataset.paintedDocument;
      delete document.documentElement.dataset.paintedLayer;
    };
  }, [editor, session, textKeys, controls]);

  return hover ? <HoverCard hover={hover} /> : null;
}
