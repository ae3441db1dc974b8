/**
 * A colleague's Hamish library (a copy of their database file) as articles: each document with
 * every layer's spans under their annotators' names, ids, notes and times, and their claim cards
 * (as the app shows them: roles whose span is gone are not), as their own export would carry
 * them. The file is opened read-only and never changed.
 */
import Database from 'better-sqlite3';
import { DocumentStatus } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import { LABELS, type Label } from '../../contract/labels.ts';
import { Cards } from '../claims/cards.ts';
import { libraryVersion } from '../database.ts';
import { BadInput } from './bad-input.ts';
import type { ClaimDraft } from './claims.ts';
import { scopeOf, type ScopeDraft } from './scope.ts';
import { statusesOfAll, type Article, type AnnotatorStatus } from './article.ts';
import type { FileArticle } from './sources.ts';
import { SPAN_FIELDS, SPAN_ORDER, SPANS } from '../span-query.ts';

/** A row as the file holds it: a file another program wrote (or damaged) may hold anything. */
interface DocumentRow {
  id: unknown;
  title: unknown;
  source: unknown;
  text: unknown;
  meta: unknown;
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
      SELECT ${SPAN_FIELDS} FROM ${SPANS} WHERE a.document_id = ? ${SPAN_ORDER}`);
    const documents = db.prepare<[], DocumentRow>('SELECT id, title, source, text, meta FROM documents ORDER BY id');
    const statuses = statusesIn(db);
    const cards = cardsIn(db);
    const scopes = scopesIn(db);
    for (const row of documents.iterate()) {
      const rows = spans.all(row.id);
      const article = articleOf(row, rows, file, statuses);
      yield { article: { ...article, claims: cards(row.id, rows), scope: scopes(article) }, line: undefined, bytesRead: 0 };
    }
  } finally {
    db.close();
  }
}

/** The document of a row, checked as Hamish's schema would have it; a refusal names the document. */
function articleOf(row: DocumentRow, rows: readonly SpanRow[], file: string, statusesOf: Statuses): Article {
  if (typeof row.id !== 'string') throw new HamishError('invalid_input', `a document's id is ${kindOf(row.id)}, not a string`);
  const refuse = (why: string) => new HamishError('invalid_input', `document "${row.id}": ${why}`);
  for (const column of ['title', 'text', 'meta'] as const) {
    if (typeof row[column] !== 'string') throw refuse(`the ${column} is ${kindOf(row[column])}, not a string`);
  }
  if (row.source !== null && typeof row.source !== 'string') throw refuse(`the source is ${kindOf(row.source)}, not a string`);
  let meta: unknown;
  try {
    meta = JSON.parse(row.meta as string);
  } catch {
    // Its text is the analyst's to find by the id; a damaged value is not worth printing.
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw refuse('the metadata is not a JSON object');
  const spans = rows.map((span) => {
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
  });
  return {
    name: row.id,
    libraryId: row.id,
    text: row.text as string,
    title: row.title as string,
    source: (row.source as string | null) ?? file,
    meta: meta as Record<string, unknown>,
    spans,
    // A colleague's database brings their layers, cards and scope; their review travels in a JSONL export.
    decisions: [],
    claims: [],
    scope: [],
    statuses: statusesOf(row.id, spans, refuse),
  };
}

/** The cards of a document of the file, over its spans (`rows`, by place); none in a library from before cards. */
function cardsIn(db: Database.Database): (id: unknown, rows: readonly SpanRow[]) => ClaimDraft[] {
  const withCards = db.prepare<[], 1>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cards'").pluck().get();
  if (!withCards) return () => [];
  const withClusters = db.prepare<[], 1>("SELECT 1 FROM pragma_table_info('cards') WHERE name = 'cluster'").pluck().get();
  // A library from before clusters: a temporary copy of its cards with no cluster (temp is searched
  // before main, and is writable on a read-only connection), so Cards reads it as ours.
  if (!withClusters) {
    db.exec(`CREATE TEMP TABLE cards (id INTEGER PRIMARY KEY, claim_id INTEGER NOT NULL UNIQUE, stance TEXT NOT NULL, cluster TEXT);
      INSERT INTO temp.cards SELECT id, claim_id, stance, NULL FROM main.cards`);
  }
  const cards = new Cards(db);
  return (id, rows) => {
    if (typeof id !== 'string') return [];
    const places = new Map(rows.map((row, place) => [row.id, place]));
    return cards.forDocument(id).map((card) => ({
      id: card.id,
      claim: places.get(card.claim)!,
      stance: card.stance,
      roles: card.roles.map(({ role, span }) => ({ role, span: places.get(span)! })),
      cluster: card.cluster ?? null,
    }));
  };
}

/**
 * Each layer's out-of-scope ranges of a document of the file, checked as a JSONL export's `scope`
 * is (scope.ts); none in a library from before scope. The ranges a layer turned down as proposals
 * stay in its own library: they are about what Hamish proposed there.
 */
function scopesIn(db: Database.Database): (article: Article) => ScopeDraft[] {
  const withScope = db.prepare<[], 1>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'scopes'").pluck().get();
  if (!withScope) return () => [];
  const rows = db.prepare<[string], { annotator: unknown; out: unknown }>(`
    SELECT n.name AS annotator, s.out FROM scopes s JOIN annotators n ON n.id = s.annotator_id
    WHERE s.document_id = ? ORDER BY n.name`);
  return (article) => {
    const layers = rows.all(article.libraryId!).map(({ annotator, out }) => {
      let ranges: unknown = out;
      try {
        ranges = typeof out === 'string' ? JSON.parse(out) : out;
      } catch {
        // Said below as ranges that are not a list.
      }
      return { annotator, out: ranges };
    });
    try {
      return scopeOf({ scope: layers }, article.text, 0).filter((layer) => layer.out.length > 0);
    } catch (error) {
      if (error instanceof BadInput) throw new HamishError('invalid_input', `document "${article.libraryId}": ${error.message}`);
      throw error;
    }
  };
}

/** What SQLite gave instead of the value wanted. */
function kindOf(value: unknown): string {
  return value === null ? 'NULL' : value instanceof Uint8Array ? 'a blob' : `a ${typeof value}`;
}

type Statuses = (id: string, spans: readonly { annotator: string }[], refuse: (why: string) => Error) => AnnotatorStatus[];

/**
 * Each annotator's status in the file's library; a library from before statuses were each
 * annotator's has one per document, which goes to the document's annotators (statusesOfAll).
 */
function statusesIn(db: Database.Database): Statuses {
  const perAnnotator = db.prepare<[], 1>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_status'").pluck().get();
  if (perAnnotator) {
    const rows = db.prepare<[string], { annotator: unknown; status: unknown }>(`
      SELECT n.name AS annotator, s.status FROM document_status s JOIN annotators n ON n.id = s.annotator_id
      WHERE s.document_id = ? ORDER BY n.name`);
    return (id, _spans, refuse) =>
      rows.all(id).map(({ annotator, status }) => {
        if (typeof annotator !== 'string') throw refuse(`an annotator's name is ${kindOf(annotator)}, not a string`);
        if (status !== 'in_progress' && status !== 'done') throw refuse(`${annotator}'s status ${JSON.stringify(status)} is not in_progress or done`);
        return { annotator, status };
      });
  }
  const shared = db.prepare<[string], unknown>('SELECT status FROM documents WHERE id = ?').pluck();
  return (id, spans, refuse) => {
    const status = shared.get(id);
    const known = DocumentStatus.safeParse(status);
    if (!known.success) throw refuse(`the status ${JSON.stringify(status)} is none of ${DocumentStatus.options.join(', ')}`);
    return statusesOfAll(known.data, spans);
  };
}
