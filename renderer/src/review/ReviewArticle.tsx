import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { NodeKey } from 'lexical';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { ReviewUnit, UnitKind } from '../../../electron/contract/contract.ts';
import { ArticleText, layoutOf } from '../editor/ArticleText.tsx';
import { copyStoredText, markControls } from '../editor/bidi.ts';
import type { TextLayout } from '../editor/layout.ts';
import type { ReviewSession, ReviewSnapshot } from './review-session.ts';

const KINDS: readonly UnitKind[] = ['agreed', 'label', 'range', 'partial'];

/**
 * The highlights of the review, lowest first: open claim units (an overline in their kind's
 * colour and style, so the entities inside stay readable), open entity units (a tint and an
 * underline), decided units, and the version under review on top.
 */
const LAYERS = [
  ...KINDS.map((kind) => `review-${kind}-claim`),
  ...KINDS.map((kind) => `review-${kind}`),
  'review-accepted',
  'review-rejected',
  'review-current',
] as const;

function layerOf(unit: ReviewUnit): string {
  if (unit.state !== 'open') return `review-${unit.state}`;
  return unit.group === 'claims' ? `review-${unit.kind}-claim` : `review-${unit.kind}`;
}

/** The document under review, its agreement units painted by kind and state. */
export function ReviewArticle({ review, snapshot }: { review: ReviewSession; snapshot: ReviewSnapshot }) {
  return (
    <ArticleText text={review.document.text}>
      {(keys) => <UnitPainter review={review} snapshot={snapshot} textKeys={keys} />}
    </ArticleText>
  );
}

function UnitPainter({ review, snapshot, textKeys }: { review: ReviewSession; snapshot: ReviewSnapshot; textKeys: RefObject<NodeKey[]> }) {
  const [editor] = useLexicalComposerContext();
  const painted = useRef<{ layout: TextLayout; highlights: Map<string, Highlight> } | null>(null);

  useLayoutEffect(() => {
    const layout = layoutOf(editor, textKeys.current, review.document.text);
    const highlights = new Map<string, Highlight>();
    LAYERS.forEach((name, priority) => {
      const highlight = new Highlight();
      highlight.priority = priority;
      highlights.set(name, highlight);
      CSS.highlights.set(`hamish-${name}`, highlight);
    });
    painted.current = { layout, highlights };
    const unmarkControls = markControls(review.document.text, layout);
    const root = editor.getRootElement()!;
    const stopCopying = copyStoredText(root, review.document.text, layout);
    return () => {
      unmarkControls();
      stopCopying();
      for (const name of LAYERS) CSS.highlights.delete(`hamish-${name}`);
      painted.current = null;
      delete document.documentElement.dataset.paintedReview;
    };
  }, [editor, review, textKeys]);

  // Units change only with a decision; repainting them all costs little next to the round trip.
  useLayoutEffect(() => {
    const { layout, highlights } = painted.current!;
    for (const highlight of highlights.values()) highlight.clear();
    for (const unit of snapshot.units) {
      const { start, end } = review.toUtf16(unit);
      highlights.get(layerOf(unit))!.add(layout.range(start, end));
    }
    const target = review.target();
    if (target) {
      const { start, end } = review.toUtf16(target.edited);
      const range = layout.range(start, end);
      highlights.get('review-current')!.add(range);
      scrollIntoView(range);
    }
    document.documentElement.dataset.paintedReview = `${review.documentId}:${snapshot.saves}`;
  }, [review, snapshot]);

  return null;
}

function scrollIntoView(range: Range): void {
  const scroller = document.querySelector<HTMLElement>('.article-scroller');
  if (!scroller) return;
  const rect = range.getBoundingClientRect();
  const frame = scroller.getBoundingClientRect();
  if (rect.top < frame.top + 20 || rect.bottom > frame.bottom - 20) scroller.scrollBy({ top: rect.top - frame.top - frame.height / 3 });
}
