import { useDeferredValue, useMemo, type RefObject } from 'react';
import { LABEL_NAMES, LABELS } from '../../../electron/contract/labels.ts';
import type { ArticleControls } from '../editor/ArticleView.tsx';
import type { DocumentSession, SessionSnapshot, ViewSpan } from '../session.ts';

/** Depth of each span in reading order: how many earlier spans contain it. */
function nesting(spans: readonly ViewSpan[]): number[] {
  const open: ViewSpan[] = [];
  return spans.map((span) => {
    while (open.length > 0 && open[open.length - 1]!.to < span.to) open.pop();
    const depth = open.length;
    open.push(span);
    return depth;
  });
}

function excerpt(text: string, max = 48): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The article's spans in reading order, entities indented under the claims that hold them. */
export function SpanPanel({
  session,
  snapshot,
  controls,
}: {
  session: DocumentSession;
  snapshot: SessionSnapshot;
  controls: RefObject<ArticleControls | null>;
}) {
  // The list may be long; the highlight in the text comes first, the list follows.
  const spans = useDeferredValue(snapshot.spans);
  const depths = useMemo(() => nesting(spans), [spans]);
  const counts = useMemo(() => {
    const counts = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<(typeof LABELS)[number], number>;
    for (const { span } of spans) counts[span.label]++;
    return counts;
  }, [spans]);

  return (
    <aside className="span-panel" aria-label="Spans">
      <h2>Spans</h2>
      <ul className="label-counts">
        {LABELS.map((label) => (
          <li key={label} data-label={label}>
            <span className={`label-chip label-${label}`} aria-hidden="true" />
            {LABEL_NAMES[label].en} <span className="count">{counts[label]}</span>
          </li>
        ))}
      </ul>
      <ol className="span-list">
        {spans.map((view, i) => (
          <li key={view.span.id} style={{ paddingInlineStart: `${depths[i]! * 14}px` }}>
            <button
              className={`span-entry${view.span.id === snapshot.selectedId ? ' is-selected' : ''}`}
              data-span-id={view.span.id}
              onClick={() => {
                session.select(view.span.id);
                controls.current?.reveal(view);
              }}
            >
              <span className={`label-chip label-${view.span.label}`} aria-hidden="true" />
              <span className="span-entry-label">{LABEL_NAMES[view.span.label].en}</span>
              <span className="span-entry-text" dir="rtl" lang="ar">
                {excerpt(session.text.slice(view.from, view.to))}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
