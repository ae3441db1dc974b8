/**
 * What an export reads: the documents and spans that pass the filters, one document at a time, in
 * one read transaction, so the dataset is a consistent snapshot even while the app keeps writing
 * and memory holds one document, whatever the size of the library.
 */
import { GOLD } from '../../contract/annotators.ts';
import type { DocumentStatus, ExportFilters } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import { LABELS, type Label } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import type { Db } from '../database.ts';
import { Decisions } from '../review/decisions.ts';
import { cardsAmong } from '../claims/export-cards.ts';
import type { Card } from '../../contract/contract.ts';

export interface ExportSpan {
  readonly id: number;
  /** Code points, half-open. */
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  readonly text: string;
  readonly annotator: string;
  readonly note: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A review decision in effect, as the gold layer's history has it. */
export interface ExportDecision {
  readonly verdict: 'accept' | 'reject';
  /** The version decided on: code points, half-open. */
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  /** Accepted: the id of the gold span it made, when that span is in the export. */
  readonly goldSpan: number | null;
  readonly reviewer: string;
  readonly at: string;
}

export interface ExportDocument {
  readonly id: string;
  readonly text: string;
  readonly sha256: string;
  readonly title: string;
  readonly source: string | null;
  readonly status: DocumentStatus;
  readonly meta: Record<string, unknown>;
  readonly index: CodePointIndex;
  /** In text order: by start, the longer first, then by id. */
  readonly spans: readonly ExportSpan[];
  /** Oldest first; undefined when the export leaves the gold layer out (the decisions make it). */
  readonly decisions: readonly ExportDecision[] | undefined;
  /** The claim cards among `spans` (only roles filled with spans of `spans`); undefined unless asked for. */
  readonly cards: readonly Card[] | undefined;
}

export interface ExportCounts {
  readonly documents: number;
  readonly spans: number;
  readonly labels: Record<Label, number>;
  readonly annotators: Record<string, number>;
}

export interface ExportSource {
  /**
   * The annotators whose spans are exported, each a layer of its own: those asked for, in the
   * order given, or else everyone with a span in the selection, by name.
   */
  readonly layers: readonly string[];
  readonly counts: ExportCounts;
  documents(): Iterator<ExportDocument>;
  /** Ends the read transaction. */
  close(): void;
}

interface DocumentRow {
  id: string;
  text: string;
  sha256: string;
  title: string;
  source: string | null;
  status: DocumentStatus;
  meta: string;
}

type SpanRow = Omit<ExportSpan, 'text'>;

/** Filters go to SQLite as JSON arrays (or null), so every statement is prepared once. */
interface Params {
  statuses: string | null;
  documents: string | null;
  annotators: string | null;
  labels: string | null;
}

const DOCUMENT_FILTER = `
  (@statuses IS NULL OR d.status IN (SELECT value FROM json_each(@statuses)))
  AND (@documents IS NULL OR d.id IN (SELECT value FROM json_each(@documents)))`;
const SPAN_FILTER = `
  (@annotators IS NULL OR n.name IN (SELECT value FROM json_each(@annotators)))
  AND (@labels IS NULL OR a.label IN (SELECT value FROM json_each(@labels)))`;

const asJson = (values: readonly string[] | undefined) => (values ? JSON.stringify(values) : null);

/** `decisions`: read each document's review decisions too (only JSONL writes them). */
export function openSource(db: Db, filters: ExportFilters, { decisions: wanted, cards: withCards = false }: { decisions: boolean; cards?: boolean }): ExportSource {
  const params: Params = {
    statuses: asJson(filters.statuses),
    documents: asJson(filters.documents),
    annotators: asJson(filters.annotators),
    labels: asJson(filters.labels),
  };
  const documents = db.prepare<[Params], DocumentRow>(`
    SELECT d.id, d.text, d.text_sha256 AS sha256, d.title, d.source, d.status, d.meta
    FROM documents d WHERE ${DOCUMENT_FILTER} ORDER BY d.id`);
  const spans = db.prepare<[Params & { document: string }], SpanRow>(`
    SELECT a.id, a.start, a."end", a.label, n.name AS annotator, a.note,
           a.created_at AS createdAt, a.updated_at AS updatedAt
    FROM annotations a JOIN annotators n ON n.id = a.annotator_id
    WHERE a.document_id = @document AND ${SPAN_FILTER}
    ORDER BY a.start, a."end" DESC, a.id`);

  const decisions = new Decisions(db);
  const cards = withCards ? cardsAmong(db) : undefined;
  const withDecisions = wanted && (!filters.annotators || filters.annotators.includes(GOLD));

  db.exec('BEGIN');
  // An export stopped halfway leaves this open; the transaction cannot end while a query runs.
  let reading: Generator<ExportDocument> | null = null;
  try {
    checkNamesExist(db, 'annotator', filters.annotators);
    checkNamesExist(db, 'document', filters.documents);
    const counts = countSelection(db, params);
    const layers = filters.annotators ? [...new Set(filters.annotators)] : Object.keys(counts.annotators).sort(byCodePoint);
    return {
      layers,
      counts,
      documents() {
        reading = read();
        return reading;
      },
      close: () => {
        reading?.return(undefined);
        db.exec('COMMIT');
      },
    };
  } catch (error) {
    db.exec('COMMIT');
    throw error;
  }

  function* read(): Generator<ExportDocument> {
    for (const row of documents.iterate(params)) {
      const index = new CodePointIndex(row.text);
      const found = spans.all({ ...params, document: row.id }).map((s) => ({ ...s, text: index.slice(s.start, s.end) }));
      yield {
        id: row.id,
        text: row.text,
        sha256: row.sha256,
        title: row.title,
        source: row.source,
        status: row.status,
        meta: JSON.parse(row.meta) as Record<string, unknown>,
        index,
        spans: found,
        decisions: withDecisions ? decisionsOf(row.id, new Set(found.map((s) => s.id))) : undefined,
        cards: cards?.(row.id, found),
      };
    }
  }

  function decisionsOf(documentId: string, exported: ReadonlySet<number>): ExportDecision[] {
    return decisions
      .inEffect(documentId)
      .filter((d) => !filters.labels || filters.labels.includes(d.label))
      .map((d) => ({
        verdict: d.verdict,
        start: d.start,
        end: d.end,
        label: d.label,
        goldSpan: d.goldSpanId !== null && exported.has(d.goldSpanId) ? d.goldSpanId : null,
        reviewer: d.reviewer,
        at: d.at,
      }));
  }
}

/** A name asked for that is not in the library is a typo to report, not an empty export. */
function checkNamesExist(db: Db, what: 'annotator' | 'document', names: readonly string[] | undefined) {
  if (!names) return;
  // An annotator is known by their spans: opening the library registers whoever opens it. The
  // gold layer is always there, if empty before the first review decision.
  const known =
    what === 'annotator'
      ? `SELECT n.name FROM annotators n WHERE EXISTS (SELECT 1 FROM annotations a WHERE a.annotator_id = n.id)
         UNION SELECT '${GOLD}'`
      : 'SELECT id FROM documents';
  const missing = db
    .prepare<[string], string>(`SELECT value FROM json_each(?) WHERE value NOT IN (${known})`)
    .pluck()
    .all(JSON.stringify(names));
  if (missing.length > 0) {
    const list = missing.map((name) => JSON.stringify(name)).join(', ');
    throw new HamishError('not_found', `no ${what}${missing.length > 1 ? 's' : ''} ${list} in the library`);
  }
}

function countSelection(db: Db, params: Params): ExportCounts {
  const documents = db
    .prepare<[Params], number>(`SELECT count(*) FROM documents d WHERE ${DOCUMENT_FILTER}`)
    .pluck()
    .get(params)!;
  const rows = db
    .prepare<[Params], { label: Label; annotator: string; count: number }>(`
      SELECT a.label, n.name AS annotator, count(*) AS count
      FROM annotations a JOIN annotators n ON n.id = a.annotator_id JOIN documents d ON d.id = a.document_id
      WHERE ${DOCUMENT_FILTER} AND ${SPAN_FILTER}
      GROUP BY a.label, n.name`)
    .all(params);
  const labels = Object.fromEntries(LABELS.map((label) => [label, 0])) as Record<Label, number>;
  const annotators: Record<string, number> = {};
  let spans = 0;
  for (const row of rows) {
    labels[row.label] += row.count;
    annotators[row.annotator] = (annotators[row.annotator] ?? 0) + row.count;
    spans += row.count;
  }
  return { documents, spans, labels, annotators };
}

/** Orders names the same way on every machine, whatever its locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
