/**
 * A colleague's Hamish library (a copy of their database file) as articles: each document with
 * every layer's spans under their annotators' names, ids, notes and times, as their own export
 * would carry them. The file is opened read-only and never changed.
 */
import Database from 'better-sqlite3';
import type { Label } from '../../contract/labels.ts';
import { libraryVersion } from '../database.ts';
import type { Article } from './article.ts';
import type { FileArticle } from './sources.ts';

interface DocumentRow {
  id: string;
  title: string;
  source: string | null;
  text: string;
  meta: string;
  status: 'new' | 'in_progress' | 'done';
}

interface SpanRow {
  id: number;
  start: number;
  end: number;
  label: Label;
  annotator: string;
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
    const spans = db.prepare<[string], SpanRow>(`
      SELECT a.id, a.start, a."end", a.label, n.name AS annotator, a.note, a.created_at AS createdAt, a.updated_at AS updatedAt
      FROM annotations a JOIN annotators n ON n.id = a.annotator_id
      WHERE a.document_id = ? ORDER BY a.start, a."end" DESC, a.id`);
    const documents = db.prepare<[], DocumentRow>('SELECT id, title, source, text, meta, status FROM documents ORDER BY id');
    for (const row of documents.iterate()) {
      const article: Article = {
        name: row.id,
        libraryId: row.id,
        text: row.text,
        title: row.title,
        source: row.source ?? file,
        meta: JSON.parse(row.meta) as Record<string, unknown>,
        status: row.status === 'new' ? undefined : row.status,
        spans: spans.all(row.id).map((span) => ({
          start: span.start,
          end: span.end,
          label: span.label,
          annotator: span.annotator,
          stored: { id: span.id, note: span.note, createdAt: span.createdAt, updatedAt: span.updatedAt },
        })),
        // A colleague's database brings their layers; their review travels in a JSONL export.
        decisions: [],
        claims: [],
      };
      yield { article, line: undefined, bytesRead: 0 };
    }
  } finally {
    db.close();
  }
}
