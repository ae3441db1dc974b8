import type { Input } from '../contract/contract.ts';
import { foldedWords } from '../text/normalise.ts';
import type { Db } from './database.ts';
import { SUMMARY_COLUMNS, type StoredSummary } from './documents.ts';

/** What a word may carry in front of it in a text: a search for بغداد finds وبغداد and لبغداد. */
const PROCLITICS = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل'];
/** ل before the article takes its alef: ل + العراق is للعراق. */
const BEFORE_ARTICLE = ['لل', 'ولل', 'فلل'];

/**
 * The FTS5 query for what the analyst typed (null: nothing to search for): every word, folded,
 * as the start of an indexed word, bare or after a proclitic. Words are letters and digits only,
 * so no quote or operator of FTS5's can get in.
 */
export function matchQuery(query: string): string | null {
  const words = foldedWords(query);
  if (words.length === 0) return null;
  return words
    .map((word) => {
      const forms = PROCLITICS.map((proclitic) => proclitic + word);
      if (word.startsWith('ال') && word.length > 2) forms.push(...BEFORE_ARTICLE.map((proclitic) => proclitic + word.slice(2)));
      // A form that starts with another finds nothing more (بب after ب): the index is not asked it.
      const needed = forms.filter((form) => !forms.some((other) => other !== form && form.startsWith(other)));
      return `(${needed.map((form) => `"${form}"*`).join(' OR ')})`;
    })
    .join(' AND ');
}

/** How many searches' matches are kept: the words being typed, and the last few before them. */
const KEPT = 16;

/** The documents a search matches, by rowid: bit `rowid` of `bits` is set. */
interface Matches {
  readonly bits: Uint32Array;
  readonly size: number;
}

type PageInput = Input<'libraryPage'>;

/**
 * Pages of the library's list, searched by title and text (the index of migration 17).
 *
 * A search's matches are read from the index once and kept as a bitmap while no document comes or
 * goes; a page walks the list in id order and keeps the documents whose bit is set. SQLite's own
 * way, the matches as an ephemeral set beside the walk, built that set again for each page: at
 * 100,000 documents, 35 ms for a first letter (87,208 matches) on top of counting them.
 */
export class LibraryPages {
  private readonly statements;
  /** The library's state the kept matches were read in, and them by FTS5 query, the latest last. */
  private kept: { readonly state: string; readonly matches: Map<string, Matches> } = { state: '', matches: new Map() };

  constructor(db: Db) {
    this.statements = {
      total: db.prepare<[], number>('SELECT count(*) FROM documents').pluck(),
      lastRowid: db.prepare<[], number | null>('SELECT max(rowid) FROM documents').pluck(),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      matches: db.prepare<[string], number>('SELECT rowid FROM document_search WHERE document_search MATCH ?').pluck(),
      page: db.prepare<[{ annotator: string; limit: number; offset: number }], StoredSummary>(
        `SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.id LIMIT @limit OFFSET @offset`,
      ),
      listed: db.prepare<[], number>('SELECT rowid FROM documents INDEXED BY documents_listed ORDER BY id').pluck(),
      byRowids: db.prepare<[{ annotator: string; rowids: string }], StoredSummary>(
        `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.rowid IN (SELECT value FROM json_each(@rowids)) ORDER BY d.id`,
      ),
      // Where a document is: how many come before it, if it is there.
      before: db.prepare<[{ id: string }], number>('SELECT count(*) FROM documents WHERE id < @id').pluck(),
      rowid: db.prepare<[{ id: string }], number>('SELECT rowid FROM documents WHERE id = @id').pluck(),
    };
  }

  page(annotator: string, { query, from, limit }: PageInput): { offset: number; documents: StoredSummary[]; matching: number; total: number } {
    const match = matchQuery(query);
    const total = this.statements.total.get()!;
    if (match === null) {
      const offset = 'offset' in from ? from.offset : this.startAround(from.around, null, limit);
      return { offset, documents: offset >= total ? [] : this.statements.page.all({ annotator, limit, offset }), matching: total, total };
    }
    const matches = this.matchesOf(match, total);
    const offset = 'offset' in from ? from.offset : this.startAround(from.around, matches, limit);
    if (offset >= matches.size) return { offset, documents: [], matching: matches.size, total };
    const rowids: number[] = [];
    let skipped = 0;
    for (const rowid of this.statements.listed.iterate()) {
      if (!has(matches, rowid) || skipped++ < offset) continue;
      if (rowids.push(rowid) === limit) break;
    }
    return { offset, documents: this.statements.byRowids.all({ annotator, rowids: JSON.stringify(rowids) }), matching: matches.size, total };
  }

  /** A page's start that shows `id` a quarter of the way down; the top when it is not in the list. */
  private startAround(id: string, matches: Matches | null, limit: number): number {
    const rowid = this.statements.rowid.get({ id });
    if (rowid === undefined) return 0;
    let position: number;
    if (matches === null) position = this.statements.before.get({ id })!;
    else {
      if (!has(matches, rowid)) return 0;
      position = 0;
      for (const listed of this.statements.listed.iterate()) {
        if (listed === rowid) break;
        if (has(matches, listed)) position++;
      }
    }
    return Math.max(0, position - Math.floor(limit / 4));
  }

  /**
   * The documents `match` finds, kept until a document is added (the count and the last rowid
   * move: documents are never taken out but by a restore, which makes a new LibraryPages) or
   * another connection commits (data_version moves).
   */
  private matchesOf(match: string, total: number): Matches {
    const last = this.statements.lastRowid.get() ?? 0;
    const state = `${this.statements.dataVersion.get()} ${total} ${last}`;
    if (this.kept.state !== state) this.kept = { state, matches: new Map() };
    const { matches } = this.kept;
    let found = matches.get(match);
    if (found) matches.delete(match);
    else {
      const bits = new Uint32Array((last >>> 5) + 1);
      const rowids = this.statements.matches.all(match);
      for (const rowid of rowids) bits[rowid >>> 5]! |= 1 << (rowid & 31);
      found = { bits, size: rowids.length };
      if (matches.size === KEPT) matches.delete(matches.keys().next().value!);
    }
    matches.set(match, found);
    return found;
  }
}

function has({ bits }: Matches, rowid: number): boolean {
  return (bits[rowid >>> 5]! & (1 << (rowid & 31))) !== 0;
}
