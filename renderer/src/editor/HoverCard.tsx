import { useLayoutEffect, useRef } from 'react';
import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import type { ViewSpan } from '../session.ts';
import { withVisibleControls } from './bidi.ts';
import { ClaimRoles, useHoveredSpans } from '../claims/ClaimHover.tsx';

export interface Hover {
  readonly spans: readonly ViewSpan[];
  /** The bidi control under the pointer, by name: on screen it is only a stand-in glyph. */
  readonly control: string | null;
  readonly x: number;
  /** The text line under the pointer (viewport px): the card sits above it, never over the lines read next. */
  readonly line: { readonly top: number; readonly bottom: number };
}

/** Room kept between the card and the line it names. */
const GAP = 6;

/** Labels of the spans under the pointer, innermost first; floats above the text, never in it. */
export function HoverCard({ hover }: { hover: Hover }) {
  useHoveredSpans(hover.spans);
  const card = useRef<HTMLDivElement>(null);
  // Above the hovered line once its height is known; below it only where there is no room above.
  useLayoutEffect(() => {
    const element = card.current!;
    const above = hover.line.top - GAP - element.offsetHeight;
    element.style.top = `${above >= 0 ? above : hover.line.bottom + GAP}px`;
  });
  return (
    <div ref={card} className="hover-card" role="tooltip" style={{ left: hover.x + 12, top: hover.line.top }}>
      {hover.spans.map(({ span, pending }) => (
        <div key={span.id} className="hover-card-row">
          <span className={`label-chip label-${span.label}`} aria-hidden="true" />
          <span className="hover-card-label">
            {LABEL_NAMES[span.label].en} · <span lang="ar">{LABEL_NAMES[span.label].ar}</span>
          </span>
          <span className="hover-card-meta">{pending ? 'saving…' : span.annotator}</span>
          {span.note ? <div className="hover-card-note">{withVisibleControls(span.note)}</div> : null}
          {span.label === 'claim' ? <ClaimRoles claim={span.id} /> : null}
        </div>
      ))}
      {hover.control ? <div className="hover-card-control">{hover.control}</div> : null}
    </div>
  );
}
