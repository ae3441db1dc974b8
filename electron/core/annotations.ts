import type { Label } from '../contract/labels.ts';
import type { Span } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import { isSpanBoundary } from '../text/boundaries.ts';
import { CodePointIndex } from '../text/codepoints.ts';
import type { Db } from './database.ts';

export interface NewSpan {
  readonly documentId: string;
  readonly annotatorId: number;
  readonly label: Label;
  /** Code points, half-open. */
  readonly start: number;
  readonly end: number;
}

const SPAN_COLUMNS = `
  a.id, a.document_id AS documentId, a.start, a."end", a.label, n.name AS annotator, a.note,
  a.created_at AS createdAt, a.updated_at AS updatedAt`;

export class Annotations {
  private readonly statements;
  /** Indexed texts of recently touched documents: checking an edge needs the text, which never changes. */
  private readonly texts = new Map<string, CodePointIndex>();

  constructor(db: Db) {
    this.statements = {
      text: db.prepare<[string], { text: string }>('SELECT text FROM documents WHERE id = ?'),
      insert: db.prepare<[NewSpan & { now: string }], { id: number }>(`
        INSERT INTO annotations (document_id, annotator_id, label, start, "end", created_at, updated_at)
        VALUES (@documentId, @annotatorId, @label, @start, @end, @now, @now)
        ON CONFLICT DO NOTHING
        RETURNING id`),
      existing: db.prepare<[NewSpan], { id: number }>(`
        SELECT id FROM annotations
        WHERE document_id = @documentId AND annotator_id = @annotatorId
          AND label = @label AND start = @start AND "end" = @end`),
      byId: db.prepare<[number], Span>(
        `SELECT ${SPAN_COLUMNS} FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE a.id = ?`,
      ),
      forDocument: db.prepare<[string], Span>(
        `SELECT ${SPAN_COLUMNS} FROM annotations a JOIN annotators n ON n.id = a.annotator_id
         WHERE a.document_id = ? ORDER BY a.start, a."end" DESC, a.id`,
      ),
      delete: db.prepare<[number]>('DELETE FROM annotations WHERE id = ?'),
    };
  }

  /** Creates a span; the same label over the same range by the same annotator is the same span. */
  create(span: NewSpan): Span {
    this.checkEdges(span);
    const row =
      this.statements.insert.get({ ...span, now: new Date().toISOString() }) ?? this.statements.existing.get(span);
    return this.get(row!.id);
  }

  get(id: number): Span {
    const span = this.statements.byId.get(id);
    if (!span) throw new HamishError('not_found', `no span ${id}`);
    return span;
  }

  forDocument(documentId: string): Span[] {
    return this.statements.forDocument.all(documentId);
  }

  delete(id: number): void {
    if (this.statements.delete.run(id).changes === 0) throw new HamishError('not_found', `no span ${id}`);
  }

  private checkEdges(span: NewSpan): void {
    const index = this.indexOf(span.documentId);
    if (span.end > index.length) {
      throw new HamishError(
        'invalid_input',
        `span ${span.start}–${span.end} runs past the end of document "${span.documentId}" (${index.length} code points)`,
      );
    }
    for (const edge of [span.start, span.end]) {
      if (!isSpanBoundary(index.text, index.toUtf16(edge))) {
        throw new HamishError('invalid_input', `offset ${edge} splits a letter from its marks or a lam-alef`);
      }
    }
  }

  private indexOf(documentId: string): CodePointIndex {
    let index = this.texts.get(documentId);
    if (!index) {
      const row = this.statements.text.get(documentId);
      if (!row) throw new HamishError('not_found', `no document "${documentId}"`);
      index = new CodePointIndex(row.text);
      if (this.texts.size >= 8) this.texts.delete(this.texts.keys().next().value!);
      this.texts.set(documentId, index);
    }
    return index;
  }
}
