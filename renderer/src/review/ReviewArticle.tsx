import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor, NodeKey } from 'lexical';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ReviewUnit, UnitKind } from '../../../electron/contract/contract.ts';
import { LABELS } from '../../../electron/contract/labels.ts';
import { ArticleText, layoutOf } from '../editor/ArticleText.tsx';
import { copyStoredText, markControls } from '../editor/bidi.ts';
import { GoldLabel } from './GoldLabel.tsx';
import type { TextLayout } from '../editor/layout.ts';
import { labelSaid, unitTitle } from './kinds.ts';
import type { ReviewSession, ReviewSnapshot, UnitAt } from './review-session.ts';

const KINDS: readonly UnitKind[] = ['agreed', 'label', 'range', 'partial'];

/** How many annotators the overlay can tell apart: one colour and line style each (styles.css). */
export const OVERLAY_SLOTS = 5;

/**
 * The highlights of the review, lowest first: what gold leaves out of the article (dimmed, as the
 * editor dims it), open scope units (dimmed, a dotted line), gold claims (their label's band, as in the editor),
 * open claim units (an overline in their kind's colour and style, so the entities inside stay
 * readable), gold entities (their label's tint), open entity units (a tint and an underline),
 * decided units, each overlaid annotator's versions (a line under the text), and the version
 * under review on top.
 */
const LAYERS = [
  'review-gold-out',
  'review-scope',
  'review-gold-claim',
  ...KINDS.map((kind) => `review-${kind}-claim`),
  ...LABELS.filter((label) => label !== 'claim').map((label) => `review-gold-${label}`),
  ...KINDS.map((kind) => `review-${kind}`),
  'review-accepted',
  'review-rejected',
  ...Array.from({ length: OVERLAY_SLOTS }, (_, slot) => `review-by-${slot + 1}`),
  'review-current',
] as const;

/** null: not painted (a scope range rejected is article text like any other). */
function layerOf(unit: ReviewUnit): string | null {
  if (unit.group === 'scope') return unit.state === 'open' ? 'review-scope' : unit.state === 'accepted' ? 'review-accepted' : null;
  if (unit.state !== 'open') return `review-${unit.state}`;
  return unit.group === 'claims' ? `review-${unit.kind}-claim` : `review-${unit.kind}`;
}

interface Props {
  readonly review: ReviewSession;
  readonly snapshot: ReviewSnapshot;
  /** The annotators whose versions are drawn under the text, in slot order; none: no overlay. */
  readonly overlaid: readonly string[];
  /** The article's Lexical editor while it is mounted, for the review's commands. */
  readonly onEditor: (editor: LexicalEditor | null) => void;
}

/** The document under review, its agreement units painted by kind and state. */
export function ReviewArticle({ review, snapshot, overlaid, onEditor }: Props) {
  return (
    <ArticleText text={review.document.text} onEditor={onEditor}>
      {(keys) => <UnitPainter review={review} snapshot={snapshot} overlaid={overlaid} textKeys={keys} />}
    </ArticleText>
  );
}

interface Hover {
  readonly units: readonly UnitAt[];
  readonly x: number;
  readonly y: number;
}

function UnitPainter({ review, snapshot, overlaid, textKeys }: Omit<Props, 'onEditor'> & { textKeys: RefObject<NodeKey[]> }) {
  const [editor] = useLexicalComposerContext();
  const painted = useRef<{ layout: TextLayout; highlights: Map<string, Highlight> } | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);

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

    // A click selects the unit there and the version under the pointer; hovering says whose.
    const onClick = (event: MouseEvent) => {
      if (!document.getSelection()?.isCollapsed) return;
      const at = layout.offsetAt(event.clientX, event.clientY);
      if (at !== null) review.pick(at);
    };
    let pending = 0;
    const onMouseMove = (event: MouseEvent) => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => {
        const at = layout.offsetAt(event.clientX, event.clientY);
        const units = at === null ? [] : review.unitsAt(at);
        setHover(units.length > 0 ? { units, x: event.clientX, y: event.clientY } : null);
      });
    };
    const onMouseLeave = () => {
      cancelAnimationFrame(pending);
      setHover(null);
    };
    root.addEventListener('click', onClick);
    root.addEventListener('mousemove', onMouseMove);
    root.addEventListener('mouseleave', onMouseLeave);
    return () => {
      root.removeEventListener('click', onClick);
      root.removeEventListener('mousemove', onMouseMove);
      root.removeEventListener('mouseleave', onMouseLeave);
      cancelAnimationFrame(pending);
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
    for (const [start, end] of snapshot.goldOut) highlights.get('review-gold-out')!.add(layout.range(review.index.toUtf16(start), review.index.toUtf16(end)));
    for (const span of snapshot.gold) {
      const { start, end } = review.toUtf16(span);
      highlights.get(`review-gold-${span.label}`)!.add(layout.range(start, end));
    }
    for (const unit of snapshot.units) {
      // A card unit is painted on its spans; a stance or cluster unit, only by its claim's own unit.
      const onClaim = unit.card?.aspect === 'stance' || unit.card?.aspect === 'cluster';
      const layer = layerOf(unit);
      for (const range of layer === null ? [] : !unit.card ? [unit] : onClaim ? [] : unit.versions) {
        const { start, end } = review.toUtf16(range);
        highlights.get(layer!)!.add(layout.range(start, end));
      }
      for (const version of onClaim ? [] : unit.versions) {
        const slots = version.annotators.map((name) => overlaid.indexOf(name)).filter((slot) => slot !== -1);
        if (slots.length === 0) continue;
        const { start, end } = review.toUtf16(version);
        for (const slot of slots) highlights.get(`review-by-${slot + 1}`)!.add(layout.range(start, end));
      }
    }
    const target = review.target();
    if (target) {
      const { start, end } = review.toUtf16(target.edited);
      const range = layout.range(start, end);
      highlights.get('review-current')!.add(range);
      scrollIntoView(range);
    }
    document.documentElement.dataset.paintedReview = `${review.documentId}:${snapshot.saves}`;
  }, [review, snapshot, overlaid]);

  // What is under the pointer changes with a decision too.
  useLayoutEffect(() => setHover(null), [snapshot.units]);

  return hover ? <UnitsCard review={review} hover={hover} /> : null;
}

/** Who gave what under the pointer: each unit there, innermost first, with its versions and what went into gold. */
function UnitsCard({ review, hover }: { review: ReviewSession; hover: Hover }) {
  return (
    <div className="hover-card review-hover" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 18 }}>
      {hover.units.map(({ unit, versions }) => (
        <div key={unit.id} className="hover-card-row">
          <span className={`kind-swatch kind-${unit.state === 'open' ? unit.kind : unit.state}`} aria-hidden="true" />
          <span className="hover-card-label">{unitTitle(unit)}</span>
          {versions.map((i) => {
            const version = unit.versions[i]!;
            return (
              <div key={i} className="hover-card-meta">
                {labelSaid(version)}: {version.annotators.join(', ')}
              </div>
            );
          })}
          {unit.missing.length > 0 ? <div className="hover-card-meta">nothing: {unit.missing.join(', ')}</div> : null}
          <GoldLabel review={review} unit={unit} />
        </div>
      ))}
    </div>
  );
}

function scrollIntoView(range: Range): void {
  const scroller = document.querySelector<HTMLElement>('.article-scroller');
  if (!scroller) return;
  const rect = range.getBoundingClientRect();
  const frame = scroller.getBoundingClientRect();
  if (rect.top < frame.top + 20 || rect.bottom > frame.bottom - 20) scroller.scrollBy({ top: rect.top - frame.top - frame.height / 3 });
}
