import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import type { ViewSpan } from '../session.ts';

export interface Hover {
  readonly spans: readonly ViewSpan[];
  readonly x: number;
  readonly y: number;
}

/** Labels of the spans under the pointer, innermost first; floats above the text, never in it. */
export function HoverCard({ hover }: { hover: Hover }) {
  return (
    <div className="hover-card" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 18 }}>
      {hover.spans.map(({ span, pending }) => (
        <div key={span.id} className="hover-card-row">
          <span className={`label-chip label-${span.label}`} aria-hidden="true" />
          <span className="hover-card-label">
            {LABEL_NAMES[span.label].en} · <span lang="ar">{LABEL_NAMES[span.label].ar}</span>
          </span>
          <span className="hover-card-meta">{pending ? 'saving…' : span.annotator}</span>
          {span.note ? <div className="hover-card-note">{span.note}</div> : null}
        </div>
      ))}
    </div>
  );
}
