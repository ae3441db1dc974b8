import type { DocumentSummary } from '../../../electron/contract/contract.ts';
import { withVisibleControls } from '../editor/bidi.ts';

const STATUS_TEXT = { new: 'new', in_progress: 'in progress', done: 'done' } as const;
const REVIEW_TEXT = { not_started: 'review not started', in_review: 'in review', adjudicated: 'adjudicated' } as const;

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
  return (
    <nav className="library" aria-label="Library">
      <h2>Library</h2>
      <ol>
        {documents.map((d) => (
          <li key={d.id}>
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
    </nav>
  );
}
