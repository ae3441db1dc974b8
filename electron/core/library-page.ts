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
      return `(${forms.map((form) => `"${form}"*`).join(' OR ')})`;
    })
    .join(' AND ');
}

/**
 * Above this many matches, a page walks the list in id order and keeps the matches (few rows
 * to walk before a page is full); at or below it, the matches are sorted (few rows to sort).
 * At 100,000 documents each way costs up to about 15 ms on the wrong side of it.
 */
const FEW = 1000;

type PageInput = Input<'libraryPage'>;

/** Pages of the library's list, searched by title and text (the index of migration 17). */
export class LibraryPages {
  private readonly statements;

  constructor(db: Db) {
    const MATCHES = 'SELECT rowid FROM document_search WHERE document_search MATCH @match';
    const matchingPage = (walk: string) =>
      db.prepare<[{ annotator: string; match: string; limit: number; offset: number }], StoredSummary>(`
        SELECT ${SUMMARY_COLUMNS} FROM documents d
        WHERE d.rowid IN (SELECT m.rowid FROM ${walk} WHERE m.rowid IN (${MATCHES}) ORDER BY m.id LIMIT @limit OFFSET @offset)
        ORDER BY d.id`);
    this.statements = {
      total: db.prepare<[], number>('SELECT count(*) FROM documents').pluck(),
      matching: db.prepare<[{ match: string }], number>(`SELECT count(*) FROM (${MATCHES})`).pluck(),
      page: db.prepare<[{ annotator: string; limit: number; offset: number }], StoredSummary>(
        `SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.id LIMIT @limit OFFSET @offset`,
      ),
      fewPage: matchingPage('documents m'),
      manyPage: matchingPage('documents m INDEXED BY documents_listed'),
      // Where a document is: how many come before it, if it is there (and matches).
      before: db.prepare<[{ id: string }], number>('SELECT count(*) FROM documents WHERE id < @id').pluck(),
      exists: db.prepare<[{ id: string }], number>('SELECT 1 FROM documents WHERE id = @id').pluck(),
      matchingBefore: db
        .prepare<[{ id: string; match: string }], number>(`SELECT count(*) FROM documents d WHERE d.id < @id AND d.rowid IN (${MATCHES})`)
        .pluck(),
      matches: db
        .prepare<[{ id: string; match: string }], number>(
          `SELECT 1 FROM document_search WHERE document_search MATCH @match AND rowid = (SELECT rowid FROM documents WHERE id = @id)`,
        )
        .pluck(),
    };
  }

  page(annotator: string, { query, from, limit }: PageInput): { offset: number; documents: StoredSummary[]; matching: number; total: number } {
    const match = matchQuery(query);
    const total = this.statements.total.get()!;
    const matching = match === null ? total : this.statements.matching.get({ match })!;
    const offset = 'offset' in from ? from.offset : this.startAround(from.around, match, limit);
    if (offset >= matching) return { offset, documents: [], matching, total };
    const documents =
      match === null
        ? this.statements.page.all({ annotator, limit, offset })
        : (matching <= FEW ? this.statements.fewPage : this.statements.manyPage).all({ annotator, match, limit, offset });
    return { offset, documents, matching, total };
  }

  /** A page's start that shows `id` a quarter of the way down; the top when it is not in the list. */
  private startAround(id: string, match: string | null, limit: number): number {
    const position =
      match === null
        ? this.statements.exists.get({ id }) && this.statements.before.get({ id })
        : this.statements.matches.get({ id, match }) && this.statements.matchingBefore.get({ id, match });
    return position ? Math.max(0, position - Math.floor(limit / 4)) : 0;
  }
}
