import { useCallback, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, Input, LibraryPage } from '../../../electron/contract/contract.ts';
import { LIBRARY_PAGE_SIZE } from '../../../electron/contract/first-screen.ts';
import { api } from '../api.ts';

/**
 * The library's list as far as the app has read it: the rows of the pages asked for so far (a
 * library of 100,000 is read a page at a time, as it is scrolled), for the search shown.
 */
export interface LibraryList {
  /** What is typed in the search box, answered or not. */
  readonly typed: string;
  /** The search the rows are for (the last one answered). */
  readonly query: string;
  /** How many documents match it; null until the first page has come. */
  readonly matching: number | null;
  readonly total: number;
  /** Changes whenever a row does, for renders that read rows. */
  readonly version: number;
  rowAt(index: number): DocumentSummary | undefined;
  /** The row a document is at, when read; -1 otherwise. */
  indexOf(id: string): number;
  /** Asks for the rows from `first` up to `last` not read yet. */
  want(first: number, last: number): void;
  /** Takes a page already asked for (the first screen's). */
  take(page: LibraryPage): void;
  search(query: string): void;
  /** Reads the page that holds a document, unless read (so that its row can be shown). */
  reveal(id: string): void;
  /** Changes a document's row, if read. */
  patch(id: string, change: (document: DocumentSummary) => DocumentSummary): void;
  /** Reads the rows read so far again (an import, a sync, another annotator). */
  refresh(): void;
  /**
   * The document `by` rows from `id` in the list (reading the rows it needs); from a document not
   * in the list, its first (↓) or last (↑). Null at either end.
   */
  neighbour(id: string, by: 1 | -1): Promise<string | null>;
}

interface Rows {
  readonly query: string;
  readonly byIndex: Map<number, DocumentSummary>;
  readonly byId: Map<string, number>;
}

const emptyRows = (query: string): Rows => ({ query, byIndex: new Map(), byId: new Map() });

export function useLibraryList(onError: (error: Error) => void): LibraryList {
  const [typed, setTyped] = useState('');
  const [counts, setCounts] = useState<{ query: string; matching: number | null; total: number }>({ query: '', matching: null, total: 0 });
  const [version, setVersion] = useState(0);
  // Mutable, not state: a page coming in adds 100 rows to perhaps 100,000 without copying them.
  const rows = useRef<Rows>(emptyRows(''));
  /** The search last typed: answers to an earlier one are dropped. */
  const latest = useRef('');
  const asked = useRef(new Set<string>());

  const store = useCallback((query: string, page: LibraryPage, fresh: boolean) => {
    if (query !== latest.current) return;
    if (fresh || rows.current.query !== query) rows.current = emptyRows(query);
    const { byIndex, byId } = rows.current;
    page.documents.forEach((document, k) => {
      const index = page.offset + k;
      const before = byIndex.get(index);
      if (before && byId.get(before.id) === index) byId.delete(before.id);
      byIndex.set(index, document);
      byId.set(document.id, index);
    });
    setCounts({ query, matching: page.matching, total: page.total });
    setVersion((v) => v + 1);
  }, []);

  const read = useCallback(
    (query: string, from: Input<'libraryPage'>['from'], fresh = false): Promise<LibraryPage> => {
      const key = `${query}\u0000${JSON.stringify(from)}`;
      asked.current.add(key);
      const page = api.libraryPage({ query, from, limit: LIBRARY_PAGE_SIZE });
      page.then(
        (answer) => store(query, answer, fresh),
        (error: Error) => onError(error),
      ).finally(() => asked.current.delete(key));
      return page;
    },
    [store, onError],
  );

  const want = useCallback(
    (first: number, last: number) => {
      const { query, byIndex } = rows.current;
      for (let index = first; index < last; index++) {
        if (byIndex.has(index)) continue;
        const offset = Math.floor(index / LIBRARY_PAGE_SIZE) * LIBRARY_PAGE_SIZE;
        const key = `${query}\u0000${JSON.stringify({ offset })}`;
        if (!asked.current.has(key)) void read(query, { offset }).catch(() => undefined);
        index = offset + LIBRARY_PAGE_SIZE - 1;
      }
    },
    [read],
  );

  const search = useCallback(
    (query: string) => {
      setTyped(query);
      latest.current = query;
      // The rows shown stay until the answer replaces them: typing never empties the list.
      void read(query, { offset: 0 }, true).catch(() => undefined);
    },
    [read],
  );

  const take = useCallback((page: LibraryPage) => store(latest.current, page, true), [store]);

  const refresh = useCallback(() => {
    const { query, byIndex } = rows.current;
    const offsets = new Set([0, ...[...byIndex.keys()].map((index) => Math.floor(index / LIBRARY_PAGE_SIZE) * LIBRARY_PAGE_SIZE)]);
    // The first answer starts the rows afresh (an import may have moved every row); the rest add to them.
    const [first, ...rest] = [...offsets].sort((a, b) => a - b);
    void read(query, { offset: first! }, true)
      .then(() => Promise.all(rest.map((offset) => read(query, { offset }))))
      .catch(() => undefined);
  }, [read]);

  const reveal = useCallback(
    (id: string) => {
      if (!rows.current.byId.has(id)) void read(rows.current.query, { around: id }).catch(() => undefined);
    },
    [read],
  );

  const patch = useCallback((id: string, change: (document: DocumentSummary) => DocumentSummary) => {
    const { byIndex, byId } = rows.current;
    const index = byId.get(id);
    if (index === undefined) return;
    const before = byIndex.get(index)!;
    const after = change(before);
    if (after === before) return;
    byIndex.set(index, after);
    setVersion((v) => v + 1);
  }, []);

  const countsRef = useRef(counts);
  countsRef.current = counts;
  const neighbour = useCallback(
    async (id: string, by: 1 | -1): Promise<string | null> => {
      const query = rows.current.query;
      let at = rows.current.byId.get(id);
      let matching = countsRef.current.query === query ? countsRef.current.matching : null;
      if (at === undefined || matching === null) {
        matching = (await read(query, { around: id })).matching;
        at = rows.current.byId.get(id);
      }
      const target = at === undefined ? (by === 1 ? 0 : matching - 1) : at + by;
      if (target < 0 || target >= matching) return null;
      if (!rows.current.byIndex.has(target)) await read(query, { offset: target });
      return rows.current.byIndex.get(target)?.id ?? null;
    },
    [read],
  );

  return useMemo(
    () => ({
      typed,
      query: counts.query,
      matching: counts.matching,
      total: counts.total,
      version,
      rowAt: (index: number) => rows.current.byIndex.get(index),
      indexOf: (id: string) => rows.current.byId.get(id) ?? -1,
      want,
      take,
      search,
      reveal,
      patch,
      refresh,
      neighbour,
    }),
    [typed, counts, version, want, take, search, reveal, patch, refresh, neighbour],
  );
}
