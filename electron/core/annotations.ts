import type { Label } from '../contract/labels.ts';
import type { Span } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import { holdsLetterOrDigit, isSpanBoundary, withoutSpaces } from '../text/boundaries.ts';
import { CodePointIndex } from '../text/codepoints.ts';
import type { Db } from './database.ts';
import { overlapping, type Range } from './scope/ranges.ts';
import { SPAN_FIELDS, SPAN_ORDER, SPANS } from './span-query.ts';

export interface NewSpan {
  readonly documentId: string;
  readonly annotatorId: number;
  readonly label: Label;
  /** Code points, half-open. */
  readonly start: number;
  readonly end: number;
}

/** A span exactly as stored: what the history keeps, so that undo can put it back as it was. */
export interface StoredSpan {
  readonly id: number;
  readonly document_id: string;
  readonly annotator_id: number;
  readonly label: Label;
  readonly start: number;
  readonly end: number;
  readonly note: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export type SpanChanges = { readonly [K in 'label' | 'start' | 'end' | 'note']?: StoredSpan[K] | undefined };

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
      row: db.prepare<[number], StoredSpan>('SELECT * FROM annotations WHERE id = ?'),
      put: db.prepare<[StoredSpan]>(`
        INSERT OR REPLACE INTO annotations
          (id, document_id, annotator_id, label, start, "end", note, created_at, updated_at)
        VALUES (@id, @document_id, @annotator_id, @label, @start, @end, @note, @created_at, @updated_at)`),
      byId: db.prepare<[number], Span>(
        `SELECT a.document_id AS documentId, ${SPAN_FIELDS} FROM ${SPANS} WHERE a.id = ?`,
      ),
      forDocument: db.prepare<[string], Span>(
        `SELECT a.document_id AS documentId, ${SPAN_FIELDS} FROM ${SPANS} WHERE a.document_id = ? ${SPAN_ORDER}`,
      ),
      delete: db.prepare<[number]>('DELETE FROM annotations WHERE id = ?'),
      outOfScope: db.prepare<[string, number], string>('SELECT out FROM scopes WHERE document_id = ? AND annotator_id = ?').pluck(),
    };
  }

  /**
   * Creates a span. The same label over the same range by the same annotator is the same span:
   * then `created` is false and nothing changes.
   */
  create(asked: NewSpan): { row: StoredSpan; created: boolean } {
    const span = { ...asked, ...this.edgesOf(asked.documentId, asked.start, asked.end) };
    this.checkInScope(span.documentId, span.annotatorId, span.start, span.end);
    const inserted = this.statements.insert.get({ ...span, now: new Date().toISOString() });
    const id = (inserted ?? this.statements.existing.get(span))!.id;
    return { row: this.row(id), created: inserted !== undefined };
  }

  /** Changes label, edges or note of an annotator's own span; returns it before and after. */
  update(id: number, annotatorId: number, changes: SpanChanges): { before: StoredSpan; after: StoredSpan } {
    const before = this.owned(id, annotatorId);
    const start = changes.start ?? before.start;
    const end = changes.end ?? before.end;
    if (start >= end) throw new HamishError('invalid_input', 'a span must end after it starts');
    const after: StoredSpan = {
      ...before,
      label: changes.label ?? before.label,
      ...this.edgesOf(before.document_id, start, end),
      note: changes.note === undefined ? before.note : changes.note,
      updated_at: new Date().toISOString(),
    };
    this.checkInScope(after.document_id, annotatorId, after.start, after.end);
    const clash = this.statements.existing.get({
      documentId: after.document_id,
      annotatorId,
      label: after.label,
      start: after.start,
      end: after.end,
    });
    if (clash && clash.id !== id) {
      throw new HamishError('invalid_input', `span ${clash.id} already has that label over that range`);
    }
    this.statements.put.run(after);
    return { before, after };
  }

  /** Deletes an annotator's own span; returns it as it was. */
  delete(id: number, annotatorId: number): StoredSpan {
    const before = this.owned(id, annotatorId);
    this.statements.delete.run(id);
    return before;
  }

  /** Puts a span back exactly as it was stored (undo and redo), or takes it away (null). */
  restore(id: number, row: StoredSpan | null): void {
    if (row) this.statements.put.run(row);
    else this.statements.delete.run(id);
  }

  get(id: number): Span {
    const span = this.statements.byId.get(id);
    if (!span) throw new HamishError('not_found', `no span ${id}`);
    return span;
  }

  forDocument(documentId: string): Span[] {
    return this.statements.forDocument.all(documentId);
  }

  private row(id: number): StoredSpan {
    const row = this.statements.row.get(id);
    if (!row) throw new HamishError('not_found', `no span ${id}`);
    return row;
  }

  /** Another annotator's layer is theirs: it can be read, not changed. */
  private owned(id: number, annotatorId: number): StoredSpan {
    const row = this.row(id);
    if (row.annotator_id !== annotatorId) {
      throw new HamishError('invalid_input', `span ${id} belongs to another annotator`);
    }
    return row;
  }

  /** Text the layer left out of the article takes no span, whichever door asked for one. */
  private checkInScope(documentId: string, layer: number, start: number, end: number): void {
    const out = this.statements.outOfScope.get(documentId, layer);
    if (out === undefined) return;
    const hit = overlapping(JSON.parse(out) as Range[], start, end);
    if (hit === undefined) return;
    const index = this.indexOf(documentId);
    const shown = JSON.stringify(index.slice(start, Math.min(end, start + 20)));
    throw new HamishError(
      'invalid_input',
      `span ${start}–${end} (${shown}) lies in text marked out of scope (${hit[0]}–${hit[1]}): bring that text back into scope first`,
    );
  }

  /**
   * The edges a span over [start, end) is stored with, whichever door asked: without white space
   * at either end. Refused when they run past the text, split a letter, or hold no letter or digit.
   */
  private edgesOf(documentId: string, start: number, end: number): { start: number; end: number } {
    const index = this.indexOf(documentId);
    if (end > index.length) {
      throw new HamishError(
        'invalid_input',
        `span ${start}–${end} runs past the end of document "${documentId}" (${index.length} code points)`,
      );
    }
    const trimmed = withoutSpaces(index.text, index.toUtf16(start), index.toUtf16(end));
    const text = index.text.slice(trimmed.start, trimmed.end);
    if (!holdsLetterOrDigit(text)) {
      const shown = JSON.stringify(index.slice(start, Math.min(end, start + 20)));
      throw new HamishError('invalid_input', `span ${start}–${end} (${shown}) holds no letter or digit`);
    }
    for (const edge of [trimmed.start, trimmed.end]) {
      if (!isSpanBoundary(index.text, edge)) {
        throw new HamishError('invalid_input', `offset ${index.toCodePoint(edge)} splits a letter from its marks or a lam-alef`);
      }
    }
    return { start: index.toCodePoint(trimmed.start), end: index.toCodePoint(trimmed.end) };
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
