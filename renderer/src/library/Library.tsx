import { useEffect } from 'react';
import { withVisibleControls } from '../editor/bidi.ts';
import { useRowWindow } from '../list/windowed.ts';
import type { LibraryList } from './use-library.ts';

const STATUS_TEXT = { new: 'new', in_progress: 'in progress', done: 'done' } as const;
export const REVIEW_TEXT = { not_started: 'review not started', in_review: 'in review', adjudicated: 'adjudicated' } as const;

/**
 * Every entry is this tall (title, status and count, a line kept for the review's status), so a
 * library of 100,000 documents lays out only the few in view.
 */
const ROW_HEIGHT = 80;

const count = (n: number) => n.toLocaleString('en-US');

/** What the list holds: the library's size, or how many of it match the search. */
function countsText(list: LibraryList): string {
  if (list.matching === null) return 'Reading the library…';
  if (list.query.trim() === '') return `${count(list.total)} ${list.total === 1 ? 'document' : 'documents'}`;
  return `${count(list.matching)} of ${count(list.total)}`;
}

export function Library({
  list,
  openId,
  onOpen,
  reviewing,
}: {
  list: LibraryList;
  openId: string | null;
  onOpen: (id: string) => void;
  /** Under review, every document says how far its review has got; else only those begun. */
  reviewing: boolean;
}) {
  const rows = list.matching ?? 0;
  // The open document's entry stays in view, however it was opened (a key, a link, the last session).
  const { scroller, first, last } = useRowWindow(rows, ROW_HEIGHT, openId === null ? -1 : list.indexOf(openId));
  // Rows scrolled to are read a page at a time as they come into view.
  useEffect(() => list.want(first, last), [list, first, last]);
  const entries = [];
  for (let index = first; index < last; index++) {
    const d = list.rowAt(index);
    entries.push(
      d === undefined ? (
        <li key={`row-${index}`} className="library-pending" style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }} aria-hidden />
      ) : (
        <li key={d.id} style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}>
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
      ),
    );
  }
  return (
    // data-query: the search the rows shown answer (tests and benches wait for it).
    <nav className="library" aria-label="Library" data-query={list.query}>
      <h2>Library</h2>
      <input
        className="library-search"
        type="search"
        dir="auto"
        placeholder="Search titles and texts"
        aria-label="Search the library"
        value={list.typed}
        onChange={(event) => {
          list.search(event.target.value);
          // Another search is read from its top.
          scroller.current!.scrollTop = 0;
        }}
      />
      <p className="library-counts" role="status">
        {countsText(list)}
      </p>
      <div className="library-scroller" ref={scroller}>
        <ol style={{ height: rows * ROW_HEIGHT }}>{entries}</ol>
      </div>
    </nav>
  );
}
