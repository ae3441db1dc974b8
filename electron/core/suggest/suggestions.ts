/**
 * What Hamish proposes to tag in a document, from these sources: dates, and claims, actors and
 * places read from the text's shape (patterns.ts), the
 * library's gazetteer, what the analyst has tagged before ("learned": proposed where it recurs,
 * with how often it was given each label), and, on the analyst's asking, the other occurrences of
 * one span (propagation). A suggestion is nothing stored: it becomes a span only when accepted,
 * so exports and counts never see it. Each one passes the same filters: not over a span of its
 * label in the layer, not rejected there before, and inside the article (the scope hook).
 */
import type { Suggestion } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import type { Label } from '../../contract/labels.ts';
import { isSpanBoundary } from '../../text/boundaries.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import { foldWithOrigin } from '../../text/normalise.ts';
import type { Db } from '../database.ts';
import { datesIn } from './dates.ts';
import { Gazetteer } from './gazetteer.ts';
import { findNames, nameKey, type Range } from './occurrences.ts';
import { patternsIn } from './patterns.ts';
import { Rejections } from './rejections.ts';

type SuggestionSource = Suggestion['source'];

/**
 * Which ranges (code points) of a document suggestions may fall in, in a layer: the hook through
 * which the layer's out-of-scope text (boilerplate around the article) is left out.
 */
export type ScopeFilter = (documentId: string, layer: number) => (range: Range) => boolean;

export const EVERYWHERE: ScopeFilter = () => () => true;

/** Whose spans suggestions learn from: the layer's own, or every layer of the library. */
export type LearnFrom = 'layer' | 'library';

interface Candidate extends Range {
  readonly label: Label;
  readonly source: SuggestionSource;
  readonly seen?: Partial<Record<Label, number>>;
}

/**
 * When candidates of one label overlap, the longer is kept (شمال شرق سوريا over سوريا); of equal
 * length, the surer source.
 */
const SOURCE_ORDER: readonly SuggestionSource[] = ['propagation', 'gazetteer', 'learned', 'dates', 'reporting', 'phrases'];

export class Suggester {
  private readonly statements;
  private readonly gazetteer: Gazetteer;
  /** What the layers turned down: rejecting, and undo and redo of it (hamish.ts), go through it. */
  readonly rejections: Rejections;
  private readonly inScope: ScopeFilter;

  constructor(db: Db, inScope: ScopeFilter = EVERYWHERE) {
    this.gazetteer = new Gazetteer(db);
    this.rejections = new Rejections(db);
    this.inScope = inScope;
    // substr counts characters, which are code points: the unit spans are stored in.
    const spanText = 'substr(d.text, a.start + 1, a."end" - a.start)';
    this.statements = {
      text: db.prepare<[string], string>('SELECT text FROM documents WHERE id = ?').pluck(),
      otherDocuments: db.prepare<[string], { id: string; text: string }>('SELECT id, text FROM documents WHERE id <> ? ORDER BY id'),
      layerSpans: db.prepare<[string, number], { label: Label; start: number; end: number }>(
        'SELECT label, start, "end" FROM annotations WHERE document_id = ? AND annotator_id = ?',
      ),
      span: db.prepare<[number], { document: string; layer: number; label: Label; text: string }>(
        `SELECT a.document_id AS document, a.annotator_id AS layer, a.label, ${spanText} AS text
         FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.id = ?`,
      ),
      // Claims are statements, not names: what recurs is the names.
      learned: db.prepare<[{ layer: number | null }], { label: Label; text: string }>(
        `SELECT a.label, ${spanText} AS text FROM annotations a JOIN documents d ON d.id = a.document_id
         WHERE a.label <> 'claim' AND (@layer IS NULL OR a.annotator_id = @layer)`,
      ),
    };
  }

  /** The suggestions for a document in a layer: dates, patterns, the gazetteer's names, and learned ones. */
  forDocument(documentId: string, layer: number, learnFrom: LearnFrom): Suggestion[] {
    const text = this.textOf(documentId);
    const folded = foldWithOrigin(text);
    const candidates: Candidate[] = [...datesIn(text).map((range) => ({ ...range, label: 'date' as const, source: 'dates' as const })), ...patternsIn(text, folded)];

    // A name may be listed as an actor and as a place: both are offered.
    const byKey = new Map<string, Set<Label>>();
    for (const form of this.gazetteer.forms()) {
      const key = nameKey(form.form);
      byKey.set(key, (byKey.get(key) ?? new Set()).add(form.label));
    }
    for (const found of findNames(text, byKey.keys(), folded)) {
      for (const label of byKey.get(found.matched) ?? []) candidates.push({ ...found, label, source: 'gazetteer' });
    }

    const seen = new Map<string, Partial<Record<Label, number>>>();
    for (const { label, text: spanText } of this.statements.learned.all({ layer: learnFrom === 'layer' ? layer : null })) {
      const key = nameKey(spanText);
      const counts = seen.get(key) ?? {};
      counts[label] = (counts[label] ?? 0) + 1;
      seen.set(key, counts);
    }
    for (const found of findNames(text, seen.keys(), folded)) {
      const counts = seen.get(found.matched);
      if (!counts) continue;
      const label = (Object.entries(counts) as [Label, number][]).sort((a, b) => b[1] - a[1])[0]![0];
      candidates.push({ ...found, label, source: 'learned', seen: counts });
    }
    return this.kept(documentId, text, layer, candidates);
  }

  /**
   * The other occurrences of span `spanId`'s text in its document, as suggestions of its label;
   * with `library`, also how many there are in each other document (offered there, once opened, as
   * learned suggestions).
   */
  propagate(spanId: number, library: boolean): { suggestions: Suggestion[]; elsewhere: { documentId: string; count: number }[] } {
    const span = this.statements.span.get(spanId);
    if (!span) return { suggestions: [], elsewhere: [] };
    const inDocument = (documentId: string, text: string) =>
      this.kept(
        documentId,
        text,
        span.layer,
        findNames(text, [span.text]).map((found) => ({ ...found, label: span.label, source: 'propagation' as const })),
      );
    const suggestions = inDocument(span.document, this.textOf(span.document));
    const elsewhere = library
      ? this.statements.otherDocuments
          .all(span.document)
          .map(({ id, text }) => ({ documentId: id, count: inDocument(id, text).length }))
          .filter(({ count }) => count > 0)
      : [];
    return { suggestions, elsewhere };
  }

  /** The candidates (UTF-16) that pass the filters, as suggestions in code points, in text order. */
  private kept(documentId: string, text: string, layer: number, candidates: readonly Candidate[]): Suggestion[] {
    const index = new CodePointIndex(text);
    const spans = this.statements.layerSpans.all(documentId, layer);
    const rejected = this.rejections.of(documentId, layer);
    const inScope = this.inScope(documentId, layer);
    const chosen: Candidate[] = [];
    const ordered = [...candidates].sort(
      (a, b) => b.end - b.start - (a.end - a.start) || SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source),
    );
    const suggestions: Suggestion[] = [];
    for (const candidate of ordered) {
      const range = { start: index.toCodePoint(candidate.start), end: index.toCodePoint(candidate.end) };
      const proposed = { ...range, label: candidate.label };
      // After ل an alef with hamza joins it (لإيران): no span edge may split the lam-alef.
      if (!isSpanBoundary(text, candidate.start) || !isSpanBoundary(text, candidate.end)) continue;
      if (spans.some((span) => span.label === candidate.label && overlaps(span, range))) continue;
      if (chosen.some((other) => other.label === candidate.label && overlaps(other, candidate))) continue;
      if (rejected(proposed) || !inScope(range)) continue;
      chosen.push(candidate);
      suggestions.push({
        ...proposed,
        text: text.slice(candidate.start, candidate.end),
        source: candidate.source,
        ...(candidate.seen && { seen: candidate.seen }),
      });
    }
    return suggestions.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  private textOf(documentId: string): string {
    const text = this.statements.text.get(documentId);
    if (text === undefined) throw new HamishError('not_found', `no document "${documentId}"`);
    return text;
  }
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}
