/**
 * Reads the matches of each first letter a search of the list may begin with (library-page.ts)
 * on a connection of its own, in one read transaction, and hands them over as bitmaps: a letter
 * matches most of a large library, and the index takes longer than a frame to merge its forms.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { matchesOf, type FirstLetters } from './library-matches.ts';

export interface FirstLettersData {
  readonly library: string;
  readonly matches: readonly string[];
}

const { library, matches } = workerData as FirstLettersData;
const db = new Database(library, { readonly: true, fileMustExist: true });
try {
  const count = db.prepare<[], number>('SELECT count(*) FROM documents').pluck();
  const lastRowid = db.prepare<[], number | null>('SELECT max(rowid) FROM documents').pluck();
  const rowids = db.prepare<[string], number>('SELECT rowid FROM document_search WHERE document_search MATCH ?').pluck();
  const read = db.transaction((): FirstLetters => {
    const last = lastRowid.get() ?? 0;
    return {
      total: count.get()!,
      last,
      found: matches.map((match) => {
        const { bits, size } = matchesOf(rowids.all(match), last);
        return [match, bits, size] as const;
      }),
    };
  });
  const letters = read();
  parentPort!.postMessage(letters, letters.found.map(([, bits]) => bits.buffer as ArrayBuffer));
} finally {
  db.close();
}
