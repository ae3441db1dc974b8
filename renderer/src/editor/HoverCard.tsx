import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import type { ViewSpan } from '../session.ts';
import { withVisibleControls } from './bidi.ts';
import { ClaimRoles, useHoveredSpans } from '../claims/ClaimHover.tsx';

export interface Hover {
  readonly spans: readonly ViewSpan[];
  /** The bidi control under the pointer, by name: on screen it is only a stand-in glyph. */
  readonly control: string | null;
  readonly x: number;
  readonly y: number;
}

/** Labels of the spans under the pointer, innermost first; floats above the text, never in it. */
export function HoverCard({ hover }: { hover: Hover }) {
  useHoveredSpans(hover.spans);
  return (
    <div className="hover-card" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 18 }}>
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
