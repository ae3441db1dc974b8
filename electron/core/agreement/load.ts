/**
 * The agreement report for the library: which annotators, documents and labels, then their spans
 * and texts, read in one transaction so that a save in between cannot mix two states. Documents
 * are read one at a time as the report is computed, so that the library is never held at once.
 */
import type { AgreementDisagreements, AgreementReport, AgreementSummary } from '../../contract/contract.ts';
import { GOLD } from '../../contract/annotators.ts';
import { Annotators } from '../annotators.ts';
import { HamishError } from '../../contract/errors.ts';
import { LABELS, type Label } from '../../contract/labels.ts';
import type { Stance } from '../../contract/claims.ts';
import { Cards } from '../claims/cards.ts';
import type { Db } from '../database.ts';
import { cardAgreement, type CardSource } from './cards.ts';
import { withoutOutOfScope } from '../scope/cut.ts';
import { overlapping, type Range } from '../scope/ranges.ts';
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

/** Told, as the report goes, how many of its documents' spans are measured. */
export type Measured = (done: number, total: number) => void;

export function agreementReport(db: Db, request: AgreementRequest, measured: Measured = () => {}): AgreementReport {
  return db.transaction(() => {
    const scope = scopeOf(db, request);
    const documents = counted(spansOf(db, scope), scope.documents.length, measured);
    return { ...computeAgreement(inScopeOnly(db, documents, scope.annotators), scope.annotators, scope.labels), cards: cardsOf(db, scope) };
  })();
}

function* counted<T>(items: Iterable<T>, total: number, measured: Measured): Generator<T> {
  let done = 0;
  measured(done, total);
  for (const item of items) {
    yield item;
    measured(++done, total);
  }
}

export function agreementSummary(db: Db, request: AgreementRequest): AgreementSummary {
  return db.transaction(() => {
    const scope = scopeOf(db, request);
    return { ...summarizeAgreement(inScopeOnly(db, spansOf(db, scope), scope.annotators), scope.annotators, scope.labels), cards: cardsOf(db, scope) };
  })();
}

export function agreementDisagreements(db: Db, request: AgreementRequest & DisagreementChoice): AgreementDisagreements {
  return db.transaction(() => {
    const scope = scopeOf(db, request);
    return disagreementPage(withoutSpansOutOfScope(db, spansOf(db, scope), scope.annotators), textOf(db), scope.annotators, scope.labels, request);
  })();
}

function checkAnnotators(db: Db, names: readonly string[]): void {
  if (names.length < 2) throw new HamishError('invalid_input', 'agreement needs two or more annotators');
  const annotators = new Annotators(db);
  const [unknown] = annotators.unknown(names);
  if (unknown !== undefined) {
    const withSpans = annotators.names(undefined);
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

/** Agreement on the claim cards of the scope's documents and annotators (whatever its labels). */
function cardsOf(db: Db, scope: Scope) {
  return cardAgreement(cardSourcesOf(db, scope), scope.annotators);
}

/** Each document's claims and cards by the annotators; roles only with spans that fit them (claims/cards.ts). */
function* cardSourcesOf(db: Db, { documents, annotators }: Scope): Generator<CardSource> {
  const claims = db.prepare<[string, string], { card: number | null; annotator: string; start: number; end: number; stance: Stance | null }>(
    `SELECT c.id AS card, n.name AS annotator, a.start, a."end" AS "end", c.stance
     FROM annotations a JOIN annotators n ON n.id = a.annotator_id LEFT JOIN cards c ON c.claim_id = a.id
     WHERE a.document_id = ? AND a.label = 'claim' AND n.name IN (SELECT value FROM json_each(?))`,
  );
  const offsets = db.prepare<[string], { id: number; start: number; end: number }>('SELECT id, start, "end" FROM annotations WHERE document_id = ?');
  const cards = new Cards(db);
  const names = JSON.stringify(annotators);
  for (const id of documents) {
    const found = claims.all(id, names);
    // Most documents have no card: their spans are not read again.
    if (!found.some((claim) => claim.card !== null)) {
      yield { claims: found, cards: [] };
      continue;
    }
    const spans = new Map(offsets.all(id).map((span) => [span.id, span]));
    const carded = new Set(found.flatMap((claim) => (claim.card === null ? [] : [claim.card])));
    yield {
      claims: found,
      cards: cards
        .forDocument(id)
        .filter((card) => carded.has(card.id))
        .map((card) => {
          const claim = spans.get(card.claim)!;
          return {
            annotator: card.annotator,
            start: claim.start,
            end: claim.end,
            stance: card.stance,
            roles: card.roles.map(({ role, span }) => ({ role, start: spans.get(span)!.start, end: spans.get(span)!.end })),
          };
        }),
    };
  }
}

function textOf(db: Db): (id: string) => string {
  const text = db.prepare<[string], string>('SELECT text FROM documents WHERE id = ?').pluck();
  return (id) => text.get(id)!;
}

/**
 * What any of the compared annotators left out of the article, joined: the union rather than one
 * layer's (gold's, say), since agreement is measured between annotators before review, and text
 * that one of them did not read as the article is not text on which they can disagree about spans.
 */
function outOfScope(db: Db, annotators: readonly string[]): (id: string) => Range[] {
  const rows = db.prepare<[string, string], string>(`
    SELECT s.out FROM scopes s JOIN annotators n ON n.id = s.annotator_id
    WHERE s.document_id = ? AND s.out <> '[]' AND n.name IN (SELECT value FROM json_each(?))`).pluck();
  const names = JSON.stringify(annotators);
  return (id) => rows.all(id, names).flatMap((out) => JSON.parse(out) as Range[]);
}

/** Each document with its out-of-scope text cut out, and its spans moved onto what is left. */
function* inScopeOnly(db: Db, documents: Iterable<AgreementSource>, annotators: readonly string[]): Generator<AgreementDocument> {
  const text = textOf(db);
  const out = outOfScope(db, annotators);
  for (const document of documents) yield { ...document, ...withoutOutOfScope(text(document.id), document.spans, out(document.id)) };
}

/** Each document without the spans in out-of-scope text, at their own offsets (a disagreement is shown where it is). */
function* withoutSpansOutOfScope(db: Db, documents: Iterable<AgreementSource>, annotators: readonly string[]): Generator<AgreementSource> {
  const out = outOfScope(db, annotators);
  for (const document of documents) {
    const cut = out(document.id);
    yield cut.length === 0 ? document : { ...document, spans: document.spans.filter((span) => overlapping(cut, span.start, span.end) === undefined) };
  }
}
