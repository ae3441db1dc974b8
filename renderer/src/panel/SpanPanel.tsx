import { useMemo, useRef, useState, type RefObject } from 'react';
import { LABEL_NAMES, LABELS } from '../../../electron/contract/labels.ts';
import { excerpt } from '../editor/bidi.ts';
import type { ArticleControls } from '../editor/controls.ts';
import { useRowWindow } from '../list/windowed.ts';
import type { DocumentSession, SessionSnapshot, ViewSpan } from '../document-session.ts';

/** Every entry is one line this tall, so only the entries in view need to be in the DOM. */
const ROW_HEIGHT = 30;

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

/**
 * The article's spans in reading order, entities indented under the claims that hold them, with
 * counts per label. A long article has thousands of spans; the list lays out only what is in view,
 * so adding one span costs the same however many there are.
 */
export function SpanPanel({
  session,
  snapshot,
  controls,
}: {
  session: DocumentSession;
  snapshot: SessionSnapshot;
  controls: RefObject<ArticleControls | null>;
}) {
  const spans = snapshot.spans;
  const depths = useMemo(() => nesting(spans), [spans]);
  const counts = useMemo(() => {
    const counts = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<(typeof LABELS)[number], number>;
    for (const { span } of spans) counts[span.label]++;
    return counts;
  }, [spans]);

  const selected = snapshot.selectedId === null ? null : (spans.find((v) => v.span.id === snapshot.selectedId) ?? null);
  // The selected span's entry stays in view (it may have been selected in the text).
  const { scroller, first, last } = useRowWindow(
    spans.length,
    ROW_HEIGHT,
    spans.findIndex((v) => v.span.id === snapshot.selectedId),
  );
  const pick = (picked: ViewSpan) => {
    session.select(picked.span.id);
    controls.current?.reveal(picked);
  };

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
      {selected ? (
        <SelectedSpan
          key={session.viewKey(selected.span.id)}
          view={selected}
          text={session.text}
          readOnly={!session.editable}
          onSave={(note) => void session.update(selected.span.id, { note })}
        />
      ) : null}
      <div className="span-list-scroller" ref={scroller}>
        <ol className="span-list" style={{ height: spans.length * ROW_HEIGHT }}>
          {spans.slice(first, last).map((entry, i) => {
            const row = first + i;
            return (
              <li
                key={entry.span.id}
                style={{ top: row * ROW_HEIGHT, height: ROW_HEIGHT, paddingInlineStart: `${depths[row]! * 14}px` }}
              >
                <button
                  className={`span-entry${entry.span.id === snapshot.selectedId ? ' is-selected' : ''}`}
                  data-span-id={entry.span.id}
                  onClick={() => pick(entry)}
                >
                  <span className={`label-chip label-${entry.span.label}`} aria-hidden="true" />
                  <span className="span-entry-label">{LABEL_NAMES[entry.span.label].en}</span>
                  <span className="span-entry-text" dir="rtl" lang="ar">
                    {excerpt(session.text.slice(entry.from, entry.to))}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </aside>
  );
}

/**
 * The selected span: label, annotator and note. N (or a click) goes to the note; Enter saves it,
 * Esc leaves it as it was, and both hand the keys back to the article.
 */
function SelectedSpan({
  view,
  text,
  readOnly,
  onSave,
}: {
  view: ViewSpan;
  text: string;
  readOnly: boolean;
  onSave: (note: string | null) => void;
}) {
  const [draft, setDraft] = useState(view.span.note ?? '');
  const field = useRef<HTMLTextAreaElement>(null);
  const finish = (save: boolean) => {
    if (save && !readOnly && draft.trim() !== (view.span.note ?? '')) onSave(draft.trim() === '' ? null : draft.trim());
    if (!save) setDraft(view.span.note ?? '');
    field.current?.blur();
  };
  return (
    <section className="selected-span" aria-label="Selected span">
      <div className="selected-span-head">
        <span className={`label-chip label-${view.span.label}`} aria-hidden="true" />
        <strong>{LABEL_NAMES[view.span.label].en}</strong> <span lang="ar">{LABEL_NAMES[view.span.label].ar}</span>
        <span className="selected-span-annotator">{view.state === 'saved' ? view.span.annotator : 'saving…'}</span>
      </div>
      <div className="selected-span-text" dir="rtl" lang="ar">
        {excerpt(text.slice(view.from, view.to), 120)}
      </div>
      <textarea
        ref={field}
        className="note-field"
        aria-label="Note"
        readOnly={readOnly}
        placeholder={readOnly ? 'No note' : 'Note (N)'}
        rows={2}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            finish(true);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            finish(false);
          }
        }}
        onBlur={() => finish(true)}
      />
    </section>
  );
}
