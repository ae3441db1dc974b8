/**
 * The agreement report for the library: which annotators, documents and labels, then their spans
 * and texts, read in one transaction so that a save in between cannot mix two states. Documents
 * are read one at a time as the report is computed, so that the library is never held at once.
 */
import type { AgreementDisagreements, AgreementReport, AgreementSummary } from '../../contract/contract.ts';
import { GOLD } from '../../contract/annotators.ts';
import { HamishError } from '../../contract/errors.ts';
import { LABELS, type Label } from '../../contract/labels.ts';
import type { Db } from '../database.ts';
import {
  computeAgreement,
  disagreementPage,
  summarizeAgreement,
  type AgreementDocument,
  type AgreementSource,
  type AgreementSpan,
  type DisagreementChoice,
} from './report.ts';

export interface AgreementRequest {
  readonly annotators?: readonly string[] | undefined;
  readonly documents?: readonly string[] | undefined;
  readonly labels?: readonly Label[] | undefined;
}

const json = (values: readonly string[] | undefined) => (values === undefined ? null : JSON.stringify(values));

/** The documents, annotators and labels measured, as the request names them or by default. */
interface Scope {
  readonly documents: readonly string[];
  readonly annotators: readonly string[];
  readonly labels: readonly Label[];
}

export function scopeOf(db: Db, request: AgreementRequest): Scope {
  const labels = LABELS.filter((label) => request.labels?.includes(label) ?? true);
  const annotators = request.annotators && [...new Set(request.annotators)];
  if (annotators) checkAnnotators(db, annotators);
  const documents = request.documents ? checkDocuments(db, [...new Set(request.documents)]) : documentsWithSpans(db, annotators, labels);
  const chosen = annotators ?? annotatorsWithSpans(db, documents, labels);
  if (chosen.length < 2) {
    const who = chosen.length === 0 ? 'nobody has' : `only ${chosen[0]} has`;
    throw new HamishError('invalid_input', `agreement needs two or more annotators, and ${who} spans in these documents`);
  }
  return { documents, annotators: chosen, labels };
}

export function agreementReport(db: Db, request: AgreementRequest): AgreementReport {
  return db.transaction(() => {
    const scope = scopeOf(db, request);
    return computeAgreement(withTexts(db, spansOf(db, scope)), scope.annotators, scope.labels);
  })();
}

export function agreementSummary(db: Db, request: AgreementRequest): AgreementSummary {
  return db.transaction(() => {
    const scope = scopeOf(db, request);
    return summarizeAgreement(withTexts(db, spansOf(db, scope)), scope.annotators, scope.labels);
  })();
}

export function agreementDisagreements(db: Db, request: AgreementRequest & DisagreementChoice): AgreementDisagreements {
  return db.transaction(() => {
    const scope = scopeOf(db, request);
    return disagreementPage(spansOf(db, scope), textOf(db), scope.annotators, scope.labels, request);
  })();
}

function checkAnnotators(db: Db, names: readonly string[]): void {
  if (names.length < 2) throw new HamishError('invalid_input', 'agreement needs two or more annotators');
  const known = new Set(db.prepare<[], string>('SELECT name FROM annotators').pluck().all());
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) {
    const withSpans = db
      .prepare<[], string>('SELECT name FROM annotators n WHERE EXISTS (SELECT 1 FROM annotations a WHERE a.annotator_id = n.id) ORDER BY name')
      .pluck()
      .all();
    throw new HamishError('not_found', `unknown annotator "${unknown}" (annotators with spans: ${withSpans.join(', ') || 'none'})`);
  }
}

function checkDocuments(db: Db, ids: string[]): string[] {
  const known = new Set(
    db.prepare<[string], string>('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)),
  );
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) throw new HamishError('not_found', `no document "${unknown}" in the library`);
  return ids;
}

/**
 * Documents where any of the annotators (when not chosen: anyone but gold, the reviewed result that
 * agreement is measured to build; comparing with it must be asked for by name) has a span of the labels.
 */
function documentsWithSpans(db: Db, annotators: readonly string[] | undefined, labels: readonly Label[]): string[] {
  return db
    .prepare<[{ labels: string; annotators: string | null; gold: string }], string>(
      `SELECT DISTINCT a.document_id FROM annotations a JOIN annotators n ON n.id = a.annotator_id
       WHERE a.label IN (SELECT value FROM json_each(@labels))
         AND (@annotators IS NULL AND n.name <> @gold OR n.name IN (SELECT value FROM json_each(@annotators)))
       ORDER BY a.document_id`,
    )
    .pluck()
    .all({ labels: JSON.stringify(labels), annotators: json(annotators), gold: GOLD });
}

function annotatorsWithSpans(db: Db, documents: readonly string[], labels: readonly Label[]): string[] {
  return db
    .prepare<[string, string, string], string>(
      `SELECT DISTINCT n.name FROM annotations a JOIN annotators n ON n.id = a.annotator_id
       WHERE a.document_id IN (SELECT value FROM json_each(?)) AND a.label IN (SELECT value FROM json_each(?))
         AND n.name <> ?
       ORDER BY n.name`,
    )
    .pluck()
    .all(JSON.stringify(documents), JSON.stringify(labels), GOLD);
}

/** Each document's spans by the annotators, in the scope's order, one document at a time. */
function* spansOf(db: Db, { documents, annotators }: Scope): Generator<AgreementSource> {
  // Labels outside the scope are left out by the report itself.
  const spans = db.prepare<[string, string], AgreementSpan>(
    `SELECT n.name AS annotator, a.label, a.start, a."end" AS "end"
     FROM annotations a JOIN annotators n ON n.id = a.annotator_id
     WHERE a.document_id = ? AND a.annotator_id IN (SELECT id FROM annotators WHERE name IN (SELECT value FROM json_each(?)))`,
  );
  const names = JSON.stringify(annotators);
  for (const id of documents) yield { id, spans: spans.all(id, names) };
}

function textOf(db: Db): (id: string) => string {
  const text = db.prepare<[string], string>('SELECT text FROM documents WHERE id = ?').pluck();
  return (id) => text.get(id)!;
}

function* withTexts(db: Db, documents: Iterable<AgreementSource>): Generator<AgreementDocument> {
  const text = textOf(db);
  for (const document of documents) yield { ...document, text: text(document.id) };
}
