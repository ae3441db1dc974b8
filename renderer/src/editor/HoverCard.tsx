import { useLayoutEffect, useRef } from 'react';
import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import type { ViewSpan } from '../document-session.ts';
import { withVisibleControls } from './bidi.ts';
import { ClaimRoles, useHoveredSpans } from '../claims/ClaimHover.tsx';

export interface Hover {
  readonly spans: readonly ViewSpan[];
  /** The bidi control under the pointer, by name: on screen it is only a stand-in glyph. */
  readonly control: string | null;
  readonly x: number;
  /** The text line under the pointer (viewport px): the card sits above it, never over the lines read next. */
  readonly line: { readonly top: number; readonly bottom: number };
  /** The article's text column (viewport px): where there is no room above, the card goes beside it. */
  readonly column: { readonly left: number; readonly right: number };
}

/** Room kept between the card and the line it names. */
const GAP = 6;

/** Labels of the spans under the pointer, innermost first; floats above the text, never in it. */
export function HoverCard({ hover }: { hover: Hover }) {
  useHoveredSpans(hover.spans);
  const card = useRef<HTMLDivElement>(null);
  // Above the hovered line once the card's size is known; without room there, beside the text
  // column at the line's height (over a side panel); below the line only in a window too narrow.
  useLayoutEffect(() => {
    const element = card.current!;
    const { offsetWidth: width, offsetHeight: height } = element;
    const place = (left: number, top: number) => {
      element.style.left = `${left}px`;
      element.style.top = `${top}px`;
    };
    const above = hover.line.top - GAP - height;
    const beside = Math.max(0, Math.min(hover.line.top, window.innerHeight - height));
    if (above >= 0) place(hover.x + 12, above);
    else if (hover.column.right + GAP + width <= window.innerWidth) place(hover.column.right + GAP, beside);
    else if (hover.column.left - GAP - width >= 0) place(hover.column.left - GAP - width, beside);
    else place(hover.x + 12, hover.line.bottom + GAP);
  });
  return (
    <div ref={card} className="hover-card" role="tooltip" style={{ left: hover.x + 12, top: hover.line.top }}>
      {hover.spans.map((view) => (
        <div key={view.span.id} className="hover-card-row">
          <span className={`label-chip label-${view.span.label}`} aria-hidden="true" />
          <span className="hover-card-label">
            {LABEL_NAMES[view.span.label].en} · <span lang="ar">{LABEL_NAMES[view.span.label].ar}</span>
          </span>
          <span className="hover-card-meta">{view.state === 'pending' ? 'saving…' : view.span.annotator}</span>
          {view.span.note ? <div className="hover-card-note">{withVisibleControls(view.span.note)}</div> : null}
          {view.span.label === 'claim' ? <ClaimRoles claim={view.span.id} /> : null}
        </div>
      ))}
      {hover.control ? <div className="hover-card-control">{hover.control}</div> : null}
    </div>
  );
}
