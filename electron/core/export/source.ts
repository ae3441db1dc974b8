/**
 * What an export reads: the documents and spans that pass the filters, one document at a time, in
 * one read transaction, so the dataset is a consistent snapshot even while the app keeps writing
 * and memory holds one document, whatever the size of the library.
 */
import { GOLD } from '../../contract/annotators.ts';
import type { DocumentStatus, ExportFilters, ReviewStatus } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import { LABELS, type Label } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import type { Db } from '../database.ts';
import { Annotations } from '../annotations.ts';
import { cardsAmong } from '../claims/export-cards.ts';
import { Documents } from '../documents.ts';
import { History } from '../history.ts';
import { Cards } from '../claims/cards.ts';
import { Clusters } from '../clusters/clusters.ts';
import { Decisions, inEffect } from '../review/decisions.ts';
import { Review } from '../review/review.ts';
import type { Card } from '../../contract/contract.ts';
import type { Range } from '../scope/ranges.ts';
import { Scopes } from '../scope/scopes.ts';
import { Annotators } from '../annotators.ts';
import { SPAN_FIELDS, SPAN_ORDER, SPANS } from '../span-query.ts';

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
  /** How far the exported annotators got, together (see statusOfLayers). */
  readonly status: DocumentStatus;
  /** Each exported annotator's own status that is not new, by name. */
  readonly statuses: Readonly<Record<string, Exclude<DocumentStatus, 'new'>>>;
  readonly meta: Record<string, unknown>;
  readonly index: CodePointIndex;
  /** In text order: by start, the longer first, then by id. */
  readonly spans: readonly ExportSpan[];
  /** Oldest first; undefined when the export leaves the gold layer out (the decisions make it). */
  readonly decisions: readonly ExportDecision[] | undefined;
  /** The claim cards among `spans` (only roles filled with spans of `spans`); undefined unless asked for. */
  readonly cards: readonly Card[] | undefined;
  /** What each exported layer left out of the article (code points, merged), for layers that did; by name. */
  readonly scope: readonly { readonly annotator: string; readonly out: readonly Range[] }[];
}

export interface ExportCounts {
  readonly documents: number;
  /** Documents the status and review filters left out (that the other filters took). */
  readonly leftOut: number;
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
  /** Every metadata key of the selected documents, in code point order (UTF-8 byte order). */
  metaKeys(): string[];
  /** Ends the read transaction. */
  close(): void;
}

interface DocumentRow {
  id: string;
  text: string;
  sha256: string;
  title: string;
  source: string | null;
  meta: string;
}

type SpanRow = Omit<ExportSpan, 'text'>;

/** Filters go to SQLite as JSON arrays (or null), so every statement is prepared once. */
interface Params {
  statuses: string | null;
  documents: string | null;
  annotators: string | null;
  labels: string | null;
  reviewed: 1 | null;
}

/**
 * Status is each annotator's own (no row: new), and the gold layer's is its review (see
 * goldStatuses), so the status filter keeps each layer of a document whose status is one asked
 * for. A document goes out where an exported layer's status is (also without spans: read, and
 * found to hold nothing): each annotator named, or, by default, whoever began the document (new:
 * nobody did). `layer_status` is both kinds of status (prepareLayerStatus).
 */
const statusOf = (document: string, annotator: string) => `
  coalesce((SELECT s.status FROM layer_status s WHERE s.document_id = ${document} AND s.annotator_id = ${annotator}), 'new')`;
const ASKED_STATUS = `(SELECT value FROM json_each(@statuses))`;
const EXPORTED_ANNOTATOR = `(@annotators IS NULL OR n.name IN (SELECT value FROM json_each(@annotators)))`;
/** The documents asked for, by id; then those of them in the state asked for (status, review). */
const NAMED = `(@documents IS NULL OR d.id IN (SELECT value FROM json_each(@documents)))`;
const DOCUMENT_FILTER = `${NAMED}
  AND (@reviewed IS NULL OR EXISTS (SELECT 1 FROM decisions x WHERE x.document_id = d.id AND ${inEffect('x')}))
  AND (@statuses IS NULL
    OR @annotators IS NOT NULL AND EXISTS (
      SELECT 1 FROM annotators n WHERE ${EXPORTED_ANNOTATOR} AND ${statusOf('d.id', 'n.id')} IN ${ASKED_STATUS})
    OR @annotators IS NULL AND EXISTS (
      SELECT 1 FROM layer_status s WHERE s.document_id = d.id AND s.status IN ${ASKED_STATUS})
    OR @annotators IS NULL AND 'new' IN ${ASKED_STATUS} AND NOT EXISTS (
      SELECT 1 FROM layer_status s WHERE s.document_id = d.id))`;
const SPAN_FILTER = `
  (@annotators IS NULL OR n.name IN (SELECT value FROM json_each(@annotators)))
  AND (@labels IS NULL OR a.label IN (SELECT value FROM json_each(@labels)))
  AND (@statuses IS NULL OR ${statusOf('a.document_id', 'a.annotator_id')} IN ${ASKED_STATUS})`;

const asJson = (values: readonly string[] | undefined) => (values ? JSON.stringify(values) : null);

/** `decisions`: read each document's review decisions too (only JSONL writes them). */
export function openSource(db: Db, filters: ExportFilters, { decisions: wanted, cards: withCards = false }: { decisions: boolean; cards?: boolean }): ExportSource {
  const params: Params = {
    statuses: asJson(filters.statuses),
    reviewed: filters.reviewed ? 1 : null,
    documents: asJson(filters.documents),
    annotators: asJson(filters.annotators),
    labels: asJson(filters.labels),
  };
  prepareLayerStatus(db);
  const documents = db.prepare<[Params], DocumentRow>(`
    SELECT d.id, d.text, d.text_sha256 AS sha256, d.title, d.source, d.meta
    FROM documents d WHERE ${DOCUMENT_FILTER} ORDER BY d.id`);
  const statuses = db.prepare<[Params & { document: string }], { name: string; status: Exclude<DocumentStatus, 'new'> }>(`
    SELECT n.name, s.status FROM layer_status s JOIN annotators n ON n.id = s.annotator_id
    WHERE s.document_id = @document AND ${EXPORTED_ANNOTATOR}
      AND (@statuses IS NULL OR s.status IN ${ASKED_STATUS})
    ORDER BY n.name`);
  const spans = db.prepare<[Params & { document: string }], SpanRow>(`
    SELECT ${SPAN_FIELDS} FROM ${SPANS} WHERE a.document_id = @document AND ${SPAN_FILTER} ${SPAN_ORDER}`);

  const scopes = db.prepare<[Params & { document: string }], { annotator: string; out: string }>(`
    SELECT n.name AS annotator, s.out FROM scopes s JOIN annotators n ON n.id = s.annotator_id
    WHERE s.document_id = @document AND s.out <> '[]' AND ${EXPORTED_ANNOTATOR}
      AND (@statuses IS NULL OR ${statusOf('s.document_id', 's.annotator_id')} IN ${ASKED_STATUS})
    ORDER BY n.name`);

  const decisions = new Decisions(db);
  const cards = withCards ? cardsAmong(db) : undefined;
  const withDecisions = wanted && (!filters.annotators || filters.annotators.includes(GOLD));

  db.exec('BEGIN');
  // An export stopped halfway leaves this open; the transaction cannot end while a query runs.
  let reading: Generator<ExportDocument> | null = null;
  try {
    checkNamesExist(db, 'annotator', filters.annotators);
    checkNamesExist(db, 'document', filters.documents);
    goldStatuses(db, !filters.annotators || filters.annotators.includes(GOLD));
    const counts = countSelection(db, params);
    const layers = filters.annotators ? [...new Set(filters.annotators)] : Object.keys(counts.annotators).sort(byCodePoint);
    return {
      layers,
      counts,
      documents() {
        reading = read();
        return reading;
      },
      metaKeys: () =>
        db
          .prepare<[Params], string>(`SELECT DISTINCT j.key FROM documents d, json_each(d.meta) j WHERE ${DOCUMENT_FILTER} ORDER BY j.key`)
          .pluck()
          .all(params),
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
        ...statusOfLayers(statuses.all({ ...params, document: row.id })),
        meta: JSON.parse(row.meta) as Record<string, unknown>,
        index,
        spans: found,
        decisions: withDecisions ? decisionsOf(row.id, new Set(found.map((s) => s.id))) : undefined,
        cards: cards?.(row.id, found),
        scope: scopes.all({ ...params, document: row.id }).map(({ annotator, out }) => ({ annotator, out: JSON.parse(out) as Range[] })),
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
        goldSpan: d.verdict === 'accept' && exported.has(d.goldSpanId) ? d.goldSpanId : null,
        reviewer: d.reviewer,
        at: d.at,
      }));
  }
}

/**
 * `layer_status`: every layer's status, the annotators' own as stored and the gold layer's as
 * goldStatuses puts it in a table of this connection's own (TEMP: an export only reads the library).
 */
function prepareLayerStatus(db: Db): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS export_gold_status (
      document_id TEXT PRIMARY KEY, annotator_id INTEGER NOT NULL, status TEXT NOT NULL);
    CREATE TEMP VIEW IF NOT EXISTS layer_status AS
      SELECT document_id, annotator_id, status FROM main.document_status
      UNION ALL SELECT document_id, annotator_id, status FROM temp.export_gold_status;`);
}

/**
 * The gold layer's status is its review: in review is in progress, adjudicated is done; a document
 * without a decision is new for it. Read in the export's transaction; only reviewed documents are
 * looked at, and only when the gold layer is exported.
 */
function goldStatuses(db: Db, exported: boolean): void {
  db.prepare('DELETE FROM temp.export_gold_status').run();
  const gold = db.prepare<[string], number>('SELECT id FROM annotators WHERE name = ?').pluck().get(GOLD);
  if (!exported || gold === undefined) return;
  const annotations = new Annotations(db);
  const review = new Review({
    db,
    cards: new Cards(db),
    clusters: new Clusters(db),
    scopes: new Scopes(db),
    annotations: () => annotations,
    documents: new Documents(db),
    history: new History(db),
    goldId: () => gold,
  });
  const statusOf = review.statuses();
  const insert = db.prepare<[string, number, string]>('INSERT INTO temp.export_gold_status VALUES (?, ?, ?)');
  for (const id of new Decisions(db).reviewedDocuments()) {
    const status = GOLD_STATUS[statusOf(id)];
    if (status !== 'new') insert.run(id, gold, status);
  }
}

const GOLD_STATUS: Readonly<Record<ReviewStatus, DocumentStatus>> = { not_started: 'new', in_review: 'in_progress', adjudicated: 'done' };

/**
 * The exported annotators' statuses, by name, and theirs together: in progress while any of
 * them is, done once all who began it are, new when none did. Names sort by code point (the
 * order is part of the file).
 */
function statusOfLayers(rows: readonly { name: string; status: Exclude<DocumentStatus, 'new'> }[]): Pick<ExportDocument, 'status' | 'statuses'> {
  const statuses = Object.fromEntries([...rows].sort((a, b) => byCodePoint(a.name, b.name)).map((r) => [r.name, r.status]));
  const status = rows.some((r) => r.status === 'in_progress') ? 'in_progress' : rows.length > 0 ? 'done' : 'new';
  return { status, statuses };
}

/** A name asked for that is not in the library is a typo to report, not an empty export. */
function checkNamesExist(db: Db, what: 'annotator' | 'document', names: readonly string[] | undefined) {
  if (!names) return;
  const missing =
    what === 'annotator'
      ? new Annotators(db).unknown(names)
      : db.prepare<[string], string>('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM documents)').pluck().all(JSON.stringify(names));
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
  const named = db.prepare<[Params], number>(`SELECT count(*) FROM documents d WHERE ${NAMED}`).pluck().get(params)!;
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
  return { documents, leftOut: named - documents, spans, labels, annotators };
}

/** Orders names the same way on every machine, whatever its locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
