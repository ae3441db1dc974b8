/**
 * The claims table: one row per claim with its card, the sheet an analyst hands on. Who claims
 * what, where and when, and through whom it reached the page: document, claim text, stance,
 * sources, via (in the chain's order), locations, dates, annotator. A claim without a card is
 * asserted, with empty roles; `cluster` is the id of the claim's cluster (issue 14), empty (JSON: null)
 * when it is in none. CSV (RFC 4180, several spans of a role joined by " | ") or JSON
 * (a list of rows, roles as lists).
 */
import { ROLES, type Role } from '../../contract/claims.ts';
import { csvField } from '../../text/csv.ts';
import type { ExportDocument } from './source.ts';
import type { FormatWriter } from './writer.ts';

interface ClaimRow {
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly claim: string;
  readonly stance: string;
  readonly sources: string[];
  readonly via: string[];
  readonly locations: string[];
  readonly dates: string[];
  readonly annotator: string;
  readonly cluster: string | null;
}

const COLUMN_OF: Readonly<Record<Role, 'sources' | 'via' | 'locations' | 'dates'>> = {
  source: 'sources',
  via: 'via',
  location: 'locations',
  date: 'dates',
};

const COLUMNS = ['document', 'start', 'end', 'claim', 'stance', ...ROLES.map((role) => COLUMN_OF[role]), 'annotator', 'cluster'] as const;

function rowsOf(document: ExportDocument): ClaimRow[] {
  const textOf = new Map(document.spans.map((span) => [span.id, span.text]));
  const cardOf = new Map((document.cards ?? []).map((card) => [card.claim, card]));
  return document.spans
    .filter((span) => span.label === 'claim')
    .map((span) => {
      const card = cardOf.get(span.id);
      const filled = (role: Role) => (card?.roles ?? []).filter((r) => r.role === role).map((r) => textOf.get(r.span)!);
      return {
        document: document.id,
        start: span.start,
        end: span.end,
        claim: span.text,
        stance: card?.stance ?? 'asserted',
        sources: filled('source'),
        via: filled('via'),
        locations: filled('location'),
        dates: filled('date'),
        annotator: span.annotator,
        cluster: card?.cluster ?? null,
      };
    });
}

export const claimsCsv: FormatWriter = {
  layout: { kind: 'file' },
  manifestIn: 'file',
  cards: true,
  begin(out) {
    out.write(COLUMNS.join(',') + '\r\n');
  },
  document(document, out) {
    for (const row of rowsOf(document)) out.write(COLUMNS.map((column) => csvField(row[column])).join(',') + '\r\n');
  },
};

/** Exports (by their context) that have written a row: the next one is preceded by a comma. */
const rowWritten = new WeakSet<object>();

/** One JSON list, a row per line, so that it streams. */
export const claimsJson: FormatWriter = {
  layout: { kind: 'file' },
  manifestIn: 'file',
  cards: true,
  begin(out) {
    out.write('[');
  },
  document(document, out, context) {
    for (const row of rowsOf(document)) {
      out.write((rowWritten.has(context) ? ',\n' : '\n') + JSON.stringify(row));
      rowWritten.add(context);
    }
  },
  end(out, context) {
    out.write(rowWritten.has(context) ? '\n]\n' : ']\n');
  },
};
