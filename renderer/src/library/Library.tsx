import type { DocumentSummary } from '../../../electron/contract/contract.ts';
import { withVisibleControls } from '../editor/bidi.ts';
import { useRowWindow } from '../list/windowed.ts';

const STATUS_TEXT = { new: 'new', in_progress: 'in progress', done: 'done' } as const;
export const REVIEW_TEXT = { not_started: 'review not started', in_review: 'in review', adjudicated: 'adjudicated' } as const;

/**
 * Every entry is this tall (title, status and count, a line kept for the review's status), so a
 * library of 100,000 documents lays out only the few in view.
 */
const ROW_HEIGHT = 80;

export function Library({
  documents,
  openId,
  onOpen,
  reviewing,
}: {
  documents: readonly DocumentSummary[];
  openId: string | null;
  onOpen: (id: string) => void;
  /** Under review, every document says how far its review has got; else only those begun. */
  reviewing: boolean;
}) {
  // The open document's entry stays in view, however it was opened (a key, a link, the last session).
  const { scroller, first, last } = useRowWindow(
    documents.length,
    ROW_HEIGHT,
    documents.findIndex((d) => d.id === openId),
  );
  return (
    <nav className="library" aria-label="Library">
      <h2>Library</h2>
      <div className="library-scroller" ref={scroller}>
        <ol style={{ height: documents.length * ROW_HEIGHT }}>
          {documents.slice(first, last).map((d, i) => (
            <li key={d.id} style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}>
              <button
                className={`library-item${d.id === openId ? ' is-open' : ''}`}
                aria-current={d.id === openId ? 'page' : undefined}
                data-document-id={d.id}
                onClick={() => onOpen(d.id)}
              >
                <span className="library-title" dir="auto">
                  {withVisibleControls(d.title)}
                </span>
                <span className="library-meta">
                  <span className={`status status-${d.status}`}>{STATUS_TEXT[d.status]}</span>
                  <span className="span-count">
                    {d.spanCount} {d.spanCount === 1 ? 'span' : 'spans'}
                  </span>
                </span>
                {reviewing || d.review !== 'not_started' ? (
                  <span className={`review-status review-${d.review}`} data-review={d.review}>
                    {REVIEW_TEXT[d.review]}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ol>
      </div>
    </nav>
  );
}
