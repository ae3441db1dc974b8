import { hash } from 'node:crypto';
import type { DocumentStatus, DocumentSummary } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import { codePointLength } from '../text/codepoints.ts';
import { searchForm } from '../text/search-form.ts';
import type { Db } from './database.ts';

/**
 * A stored document into the list's search index (migration 18): its rowid, and its title and text
 * in their search form (text/search-form.ts; the text given as a string or as UTF-8 bytes, read as
 * text by the cast).
 */
export const INDEX_FOR_SEARCH = 'INSERT INTO document_search (rowid, title, text) VALUES (?, ?, CAST(? AS TEXT))';

export interface NewDocument {
  /** Preferred id, usually the file's name without extension; made unique if taken. */
  readonly name: string;
  readonly text: string;
  readonly source: string | null;
  readonly meta?: Record<string, unknown>;
  /** The title the source gives (a JSON or CSV record's); else the first line of the text. */
  readonly title?: string | undefined;
  /**
   * The text's id in the Hamish library it comes from (an export, a library file): the same
   * document here, so another text under that id is a conflict, not a new name.
   */
  readonly libraryId?: string | undefined;
}

/** A summary as stored; the review status is the review's to add. */
export type StoredSummary = Omit<DocumentSummary, 'review'>;

export type AddOutcome =
  | { readonly kind: 'imported'; readonly id: string }
  | { readonly kind: 'duplicate'; readonly id: string }
  | { readonly kind: 'conflict'; readonly id: string };

/**
 * The one change made to text on the way in: a byte order mark is dropped and line ends become
 * LF. Nothing else (no Unicode normalisation): exported offsets refer to exactly what is stored.
 */
export function normaliseText(raw: string): string {
  if (raw.charCodeAt(0) !== 0xfeff && !raw.includes('\r')) return raw; // most texts: nothing to do
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function sha256(text: string): string {
  // One-shot: no Hash object per text, which counts when 100,000 articles come in at once.
  return hash('sha256', text, 'hex');
}

/** The longest start of `text` at most `max` UTF-16 units long that does not split a character. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const char of text) {
    if (end + char.length > max) break;
    end += char.length;
  }
  return text.slice(0, end);
}

function titleOf(text: string, given: string | undefined, fallback: string): string {
  // The first line holding more than white space; a regex, not a split: texts can be long.
  const line = given?.trim() || /^.*\S.*$/m.exec(text)?.[0].trim() || fallback;
  return line.length > 120 ? `${clip(line, 119)}…` : line;
}

/**
 * A change to a document's outlet or publication date, kept as its metadata keys `outlet` and
 * `published` (so every export and library file carries them): null (or blank) clears one.
 */
export interface OutletChange {
  readonly outlet?: string | null | undefined;
  readonly published?: string | null | undefined;
}

/**
 * A publication date as typed: a calendar day (2019-12-01), a time after it allowed, so that the
 * comparison view can order and compare outlets by it. Imported values are kept as they came.
 */
function checkedPublished(raw: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$/.exec(raw);
  const date = day && new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  if (!day || !date || date.getUTCMonth() !== Number(day[2]) - 1 || date.getUTCDate() !== Number(day[3])) {
    throw new HamishError('invalid_input', `published: "${raw}" is not a date; write it as YYYY-MM-DD (2019-12-01)`);
  }
  return raw;
}

function checkedOutlet(raw: string): string {
  if (/[\p{Cc}\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u.test(raw)) {
    throw new HamishError('invalid_input', 'outlet: a line break, tab or direction mark has no place in an outlet\'s name');
  }
  return raw;
}

/** Ids are at most 200 units (the contract's limit); room is kept for a "-" and 8 hex digits. */
const MAX_BASE_ID = 200 - 9;

/**
 * A document as the library shows it to one annotator, by name: their status, their spans. By
 * name, because reading must not register anyone (a library only read, or one restored since).
 */
export const SUMMARY_COLUMNS = `
  d.id, d.title, d.length,
  coalesce((SELECT s.status FROM document_status s WHERE s.document_id = d.id AND s.annotator_id = (SELECT id FROM annotators WHERE name = @annotator)), 'new') AS status,
  (SELECT count(*) FROM annotations a WHERE a.document_id = d.id AND a.annotator_id = (SELECT id FROM annotators WHERE name = @annotator)) AS spanCount`;

/** A document as the documents table stores it, before it is stored: no library is needed to make it. */
export interface DocumentRow {
  /** The preferred id: the one stored unless it is taken. */
  readonly id: string;
  readonly title: string;
  readonly source: string | null;
  /** The normalised text, or its UTF-8 bytes as a reader thread hands them over (read-ahead.ts): stored as text either way. */
  readonly text: string | Uint8Array;
  readonly sha: string;
  readonly length: number;
  readonly meta: string;
  readonly now: string;
  /**
   * Title and text in their search form (text/search-form.ts), worked out with the rest of the
   * row, on the thread that reads the file: folding in SQL on the inserting thread made an import
   * of 20,000 articles take twice as long.
   */
  readonly searched: { readonly title: string; readonly text: string | Uint8Array };
}

/** The row of a new document: its text normalised and hashed, its title and length worked out. */
export function documentRow(document: NewDocument): DocumentRow & { readonly text: string; readonly searched: { readonly text: string } } {
  const text = normaliseText(document.text);
  if (!/\S/.test(text)) throw new HamishError('invalid_input', 'the text is empty');
  const sha = sha256(text);
  const title = titleOf(text, document.title, document.name);
  return {
    id: clip(document.name.trim(), MAX_BASE_ID) || sha.slice(0, 16),
    title,
    source: document.source,
    text,
    sha,
    length: codePointLength(text),
    meta: JSON.stringify(document.meta ?? {}),
    now: new Date().toISOString(),
    searched: { title: searchForm(title), text: searchForm(text) },
  };
}

export class Documents {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      bySha: db.prepare<[string], { id: string }>('SELECT id FROM documents WHERE text_sha256 = ?'),
      // A clash on the id or on the text leaves the row out; add() then finds out which it was.
      // A text given as UTF-8 bytes is bound as a blob, read as text by the cast (no conversion).
      insert: db.prepare<[DocumentRow]>(`
        INSERT INTO documents (id, title, source, text, text_sha256, length, meta, imported_at)
        VALUES (@id, @title, @source, CAST(@text AS TEXT), @sha, @length, @meta, @now)
        ON CONFLICT DO NOTHING`),
      // In the same transaction as the document: the search never misses one imported.
      index: db.prepare<[number | bigint, string, string | Uint8Array]>(INDEX_FOR_SEARCH),
      list: db.prepare<[{ annotator: string }], StoredSummary>(`SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.id`),
      ids: db.prepare<[], string>('SELECT id FROM documents ORDER BY id').pluck(),
      summary: db.prepare<[{ id: string; annotator: string }], StoredSummary>(
        `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = @id`,
      ),
      exists: db.prepare<[string], number>('SELECT 1 FROM documents WHERE id = ?').pluck(),
      content: db.prepare<[string], { text: string; meta: string; viewOffset: number }>(
        'SELECT text, meta, view_offset AS viewOffset FROM documents WHERE id = ?',
      ),
      setStatus: db.prepare<[{ id: string; annotator: number; status: Exclude<DocumentStatus, 'new'> }]>(`
        INSERT INTO document_status (document_id, annotator_id, status) VALUES (@id, @annotator, @status)
        ON CONFLICT DO UPDATE SET status = excluded.status`),
      setIfNone: db.prepare<[{ id: string; annotator: number; status: Exclude<DocumentStatus, 'new'> }]>(`
        INSERT INTO document_status (document_id, annotator_id, status) VALUES (@id, @annotator, @status)
        ON CONFLICT DO NOTHING`),
      setViewOffset: db.prepare<[number, string]>('UPDATE documents SET view_offset = ? WHERE id = ?'),
      meta: db.prepare<[string], string>('SELECT meta FROM documents WHERE id = ?').pluck(),
      setMeta: db.prepare<[string, string]>('UPDATE documents SET meta = ? WHERE id = ?'),
    };
  }

  /** Adds a document unless the same text is already stored. */
  add(document: NewDocument): AddOutcome {
    return this.addRow(documentRow(document), document.libraryId);
  }

  /**
   * Adds a document made a row already (documentRow, which an import runs on another thread)
   * unless the same text is stored; `libraryId` as NewDocument's.
   */
  addRow(row: DocumentRow, libraryId: string | undefined): AddOutcome {
    // Most texts are new under a free name: one statement, no lookups first (imports are big).
    if (this.inserted(row)) return { kind: 'imported', id: row.id };
    const existing = this.statements.bySha.get(row.sha);
    if (existing) return { kind: 'duplicate', id: existing.id };
    if (libraryId !== undefined) return { kind: 'conflict', id: libraryId };
    // Another text under the same name: the name and the start of this text's hash.
    const id = `${row.id}-${row.sha.slice(0, 8)}`;
    if (!this.inserted({ ...row, id })) throw new HamishError('invalid_input', `the id "${id}" is taken`);
    return { kind: 'imported', id };
  }

  /** Stores the row and indexes it for the library's search, unless its id or text is taken. */
  private inserted(row: DocumentRow): boolean {
    const { changes, lastInsertRowid } = this.statements.insert.run(row);
    if (changes === 0) return false;
    this.statements.index.run(lastInsertRowid, row.searched.title, row.searched.text);
    return true;
  }

  /** Every document as `annotator` sees it in the library: their status and span count. */
  list(annotator: string): StoredSummary[] {
    return this.statements.list.all({ annotator });
  }

  /** Every document's id, in the library's order (the list's), without counting anything. */
  ids(): string[] {
    return this.statements.ids.all();
  }

  summary(id: string, annotator: string): StoredSummary {
    const summary = this.statements.summary.get({ id, annotator });
    if (!summary) throw new HamishError('not_found', `no document "${id}"`);
    return summary;
  }

  content(id: string): { text: string; meta: Record<string, unknown>; viewOffset: number } {
    const row = this.statements.content.get(id);
    if (!row) throw new HamishError('not_found', `no document "${id}"`);
    return { text: row.text, meta: JSON.parse(row.meta) as Record<string, unknown>, viewOffset: row.viewOffset };
  }

  /** How far `annotator` has got with the document: their own status, no one else's. */
  setStatus(id: string, annotator: number, status: Exclude<DocumentStatus, 'new'>): void {
    if (this.statements.exists.get(id) === undefined) throw new HamishError('not_found', `no document "${id}"`);
    this.statements.setStatus.run({ id, annotator, status });
  }

  /** A document is in progress for an annotator from their first span on, unless they already said otherwise. */
  markStarted(id: string, annotator: number): void {
    this.setStatusIfNone(id, annotator, 'in_progress');
  }

  /** An annotator's status unless they have one already (an import: the library's word wins). */
  setStatusIfNone(id: string, annotator: number, status: Exclude<DocumentStatus, 'new'>): void {
    this.statements.setIfNone.run({ id, annotator, status });
  }

  setViewOffset(id: string, offset: number): void {
    if (this.statements.setViewOffset.run(offset, id).changes === 0) {
      throw new HamishError('not_found', `no document "${id}"`);
    }
  }

  /**
   * Sets or clears the outlet and publication date (in no layer: they are the document's, not an
   * annotator's). Other metadata stays as imported. Returns the document's metadata as stored now.
   */
  setOutletMeta(id: string, change: OutletChange): Record<string, unknown> {
    const stored = this.statements.meta.get(id);
    if (stored === undefined) throw new HamishError('not_found', `no document "${id}"`);
    const meta = JSON.parse(stored) as Record<string, unknown>;
    for (const key of ['outlet', 'published'] as const) {
      const value = change[key];
      if (value === undefined) continue;
      const trimmed = value?.trim() ?? '';
      if (trimmed === '') delete meta[key];
      else meta[key] = key === 'outlet' ? checkedOutlet(trimmed) : checkedPublished(trimmed);
    }
    this.statements.setMeta.run(JSON.stringify(meta), id);
    return meta;
  }
}
