import type { Db } from './database.ts';
import { CodePointIndex } from '../text/codepoints.ts';

interface DocumentRow {
  id: string;
  text: string;
  sha: string;
  title: string;
  source: string | null;
  status: string;
  meta: string;
}

interface SpanRow {
  id: number;
  start: number;
  end: number;
  label: string;
  annotator: string;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Hamish's own dataset format, one JSON object per document per line. Offsets are code points, so
 * Python's `text[start:end] == span["text"]` holds for every span.
 */
export function* exportJsonl(db: Db): Generator<{ line: string; spans: number }> {
  const documents = db.prepare<[], DocumentRow>(
    'SELECT id, text, text_sha256 AS sha, title, source, status, meta FROM documents ORDER BY id',
  );
  const spans = db.prepare<[string], SpanRow>(`
    SELECT a.id, a.start, a."end", a.label, n.name AS annotator, a.note,
           a.created_at AS createdAt, a.updated_at AS updatedAt
    FROM annotations a JOIN annotators n ON n.id = a.annotator_id
    WHERE a.document_id = ? ORDER BY a.start, a."end" DESC, a.id`);
  // One read transaction: the file is a consistent snapshot even while the app keeps writing.
  db.exec('BEGIN');
  try {
    for (const doc of documents.iterate()) {
      const index = new CodePointIndex(doc.text);
      const rows = spans.all(doc.id);
      const line = JSON.stringify({
        id: doc.id,
        text: doc.text,
        text_sha256: doc.sha,
        offset_unit: 'codepoint',
        meta: { title: doc.title, source: doc.source, status: doc.status, ...JSON.parse(doc.meta) },
        spans: rows.map((s) => ({
          id: s.id,
          start: s.start,
          end: s.end,
          label: s.label,
          text: index.slice(s.start, s.end),
          annotator: s.annotator,
          note: s.note,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })),
      });
      yield { line, spans: rows.length };
    }
  } finally {
    db.exec('COMMIT');
  }
}
