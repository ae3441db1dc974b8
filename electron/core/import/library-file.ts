/**
 * A colleague's Hamish library (a copy of their database file) as articles: each document with
 * every layer's spans under their annotators' names, ids, notes and times, as their own export
 * would carry them. The file is opened read-only and never changed.
 */
import Database from 'better-sqlite3';
import { DocumentStatus } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import { LABELS, type Label } from '../../contract/labels.ts';
import { libraryVersion } from '../database.ts';
import type { Article } from './article.ts';
import type { FileArticle } from './sources.ts';

/** A row as the file holds it: a file another program wrote (or damaged) may hold anything. */
interface DocumentRow {
  id: unknown;
  title: unknown;
  source: unknown;
  text: unknown;
  meta: unknown;
  status: unknown;
}

interface SpanRow {
  id: number;
  start: unknown;
  end: unknown;
  label: unknown;
  annotator: unknown;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export function* libraryArticles(file: string): Generator<FileArticle, void, undefined> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    libraryVersion(db, file);
    // One read transaction: a consistent snapshot even if its owner's app is writing to it.
    db.exec('BEGIN');
    const spans = db.prepare<[unknown], SpanRow>(`
      SELECT a.id, a.start, a."end", a.label, n.name AS annotator, a.note, a.created_at AS createdAt, a.updated_at AS updatedAt
      FROM annotations a JOIN annotators n ON n.id = a.annotator_id
      WHERE a.document_id = ? ORDER BY a.start, a."end" DESC, a.id`);
    const documents = db.prepare<[], DocumentRow>('SELECT id, title, source, text, meta, status FROM documents ORDER BY id');
    for (const row of documents.iterate()) yield { article: articleOf(row, spans.all(row.id), file), line: undefined, bytesRead: 0 };
  } finally {
    db.close();
  }
}

/** The document of a row, checked as Hamish's schema would have it; a refusal names the document. */
function articleOf(row: DocumentRow, spans: readonly SpanRow[], file: string): Article {
  if (typeof row.id !== 'string') throw new HamishError('invalid_input', `a document's id is ${kindOf(row.id)}, not a string`);
  const refuse = (why: string) => new HamishError('invalid_input', `document "${row.id}": ${why}`);
  for (const column of ['title', 'text', 'meta'] as const) {
    if (typeof row[column] !== 'string') throw refuse(`the ${column} is ${kindOf(row[column])}, not a string`);
  }
  if (row.source !== null && typeof row.source !== 'string') throw refuse(`the source is ${kindOf(row.source)}, not a string`);
  const status = DocumentStatus.safeParse(row.status);
  if (!status.success) throw refuse(`the status ${JSON.stringify(row.status)} is none of ${DocumentStatus.options.join(', ')}`);
  let meta: unknown;
  try {
    meta = JSON.parse(row.meta as string);
  } catch {
    // Its text is the analyst's to find by the id; a damaged value is not worth printing.
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw refuse('the metadata is not a JSON object');
  return {
    name: row.id,
    libraryId: row.id,
    text: row.text as string,
    title: row.title as string,
    source: (row.source as string | null) ?? file,
    meta: meta as Record<string, unknown>,
    status: status.data === 'new' ? undefined : status.data,
    spans: spans.map((span) => {
      const { start, end, label, annotator } = span;
      if (!Number.isInteger(start) || !Number.isInteger(end)) throw refuse(`span ${span.id}: start and end are not whole numbers`);
      if (!LABELS.includes(label as never)) throw refuse(`span ${span.id}: unknown label ${JSON.stringify(label)}`);
      if (typeof annotator !== 'string') throw refuse(`span ${span.id}: the annotator's name is ${kindOf(annotator)}, not a string`);
      return {
        start: start as number,
        end: end as number,
        label: label as Label,
        annotator,
        stored: { id: span.id, note: span.note, createdAt: span.createdAt, updatedAt: span.updatedAt },
      };
    }),
    // A colleague's database brings their layers; their review travels in a JSONL export.
    decisions: [],
  };
}

/** What SQLite gave instead of the value wanted. */
function kindOf(value: unknown): string {
  return value === null ? 'NULL' : value instanceof Uint8Array ? 'a blob' : `a ${typeof value}`;
}
