/**
 * Cluster candidates: the claims of a layer ranked by how much they share with one claim. Terms
 * are Arabic-aware (normalise.ts: folded, stemmed, number words as digits), weighted by IDF over
 * the layer's claims; the score is the cosine of the two claims' weighted term sets, plus a bonus
 * for each card role (location, date, source) both fill with the same words.
 *
 * The index is kept in memory, per layer, in this process: each claim's term ids, an inverted
 * list per term and per card fact, so that ranking one claim visits only the claims sharing
 * something with it. It is rebuilt when the library changed (this process says so, or another
 * connection committed); term vectors are kept by document and range (texts never change), so a
 * rebuild reads again only the claims it does not know.
 */
import { ROLES } from '../../contract/claims.ts';
import type { ClusterCandidate, CandidateReason } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import { fold, stem, terms } from '../../text/normalise.ts';
import { FITS } from '../claims/cards.ts';
import type { Db } from '../database.ts';
import { documentFacts } from './clusters.ts';

/** What a card role both claims fill with the same words adds to their score (a cosine is at most 1). */
const FACT_BONUS = 0.2;
const FACT_ROLES = ['location', 'date', 'source'] as const;
type FactRole = (typeof FACT_ROLES)[number];

interface ClaimRow {
  readonly id: number;
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly cluster: string | null;
}

/** A claim's text and its unique terms: what never changes for a document and range. */
interface Vector {
  readonly text: string;
  readonly terms: readonly string[];
}

interface LayerIndex {
  readonly claims: readonly ClaimRow[];
  readonly position: ReadonlyMap<number, number>;
  /** Per claim, its unique term ids. */
  readonly termIds: readonly Int32Array[];
  readonly norms: Float64Array;
  /** Per term id: its IDF weight squared, and the claims holding it. */
  readonly weight2: Float64Array;
  readonly postings: readonly Int32Array[];
  readonly termOf: ReadonlyMap<string, number>;
  /** Per claim, the fact keys of its card (role + folded words) with the text behind each. */
  readonly facts: readonly (ReadonlyMap<string, string> | undefined)[];
  readonly factPostings: ReadonlyMap<string, readonly number[]>;
  /** Clusters shown: those with two claims or more. */
  readonly shown: ReadonlySet<string>;
}

export class CandidateIndex {
  private readonly statements;
  private readonly vectors = new Map<string, Vector>();
  private readonly layers = new Map<number, LayerIndex>();
  private seenVersion: number;

  constructor(db: Db) {
    this.statements = {
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      claim: db.prepare<[number], { annotator_id: number; label: string }>('SELECT annotator_id, label FROM annotations WHERE id = ?'),
      claims: db.prepare<[number], ClaimRow>(`
        SELECT a.id, a.document_id AS document, a.start, a."end", c.cluster
        FROM annotations a LEFT JOIN cards c ON c.claim_id = a.id
        WHERE a.annotator_id = ? AND a.label = 'claim' ORDER BY a.id`),
      text: db.prepare<[string], string>('SELECT text FROM documents WHERE id = ?').pluck(),
      facts: db.prepare<[number], { claim: number; role: FactRole; text: string }>(`
        SELECT c.claim_id AS claim, r.role, substr(d.text, s.start + 1, s."end" - s.start) AS text
        FROM cards c JOIN annotations c_span ON c_span.id = c.claim_id
        JOIN card_roles r ON r.card_id = c.id JOIN annotations s ON s.id = r.span_id JOIN documents d ON d.id = s.document_id
        WHERE c_span.annotator_id = ? AND c_span.label = 'claim' AND r.role IN ('location', 'date', 'source') AND ${FITS}`),
      document: db.prepare<[string], { id: string; title: string; source: string | null; meta: string }>(
        'SELECT id, title, source, meta FROM documents WHERE id = ?',
      ),
    };
    this.seenVersion = this.statements.dataVersion.get()!;
  }

  /** The library changed in this process: the next ranking reads it again. */
  changed(): void {
    this.layers.clear();
  }

  /** Forgets everything, texts too (a restore may give a document id another text). */
  reset(): void {
    this.layers.clear();
    this.vectors.clear();
  }

  /** The candidates for claim `spanId` in its own layer, best first: other documents', then its own's. */
  rank(spanId: number, limit: number): ClusterCandidate[] {
    const claim = this.statements.claim.get(spanId);
    if (!claim) throw new HamishError('not_found', `spanId: no span ${spanId}`);
    if (claim.label !== 'claim') throw new HamishError('invalid_input', `spanId: span ${spanId} is not a claim`);
    const index = this.layer(claim.annotator_id);
    const at = index.position.get(spanId)!;
    const scores = scoresFor(index, at);
    const self = index.claims[at]!;
    const ranked = [...scores.keys()]
      .filter((i) => i !== at)
      .map((i) => ({ i, score: scores.get(i)!, same: index.claims[i]!.document === self.document }))
      .sort((a, b) => Number(a.same) - Number(b.same) || b.score - a.score || index.claims[a.i]!.id - index.claims[b.i]!.id)
      .slice(0, limit);
    return ranked.map(({ i, score, same }) => this.describe(index, at, i, score, same));
  }

  /** The index of a layer, built or brought up to date first when the library changed. */
  private layer(layerId: number): LayerIndex {
    const version = this.statements.dataVersion.get()!;
    if (version !== this.seenVersion) {
      // Another connection committed: a restore there may have given a document id another text.
      this.seenVersion = version;
      this.reset();
    }
    let index = this.layers.get(layerId);
    if (!index) this.layers.set(layerId, (index = this.build(layerId)));
    return index;
  }

  private build(layerId: number): LayerIndex {
    const claims = this.statements.claims.all(layerId);
    const texts = new Map<string, CodePointIndex>();
    const termOf = new Map<string, number>();
    const lists: number[][] = [];
    const termIds = claims.map((claim, i) => {
      const ids = this.vectorOf(claim, texts).terms.map((term) => {
        let id = termOf.get(term);
        if (id === undefined) {
          termOf.set(term, (id = lists.length));
          lists.push([]);
        }
        lists[id]!.push(i);
        return id;
      });
      return Int32Array.from(ids);
    });
    const weight2 = Float64Array.from(lists, (list) => Math.log(1 + claims.length / list.length) ** 2);
    const norms = Float64Array.from(termIds, (ids) => Math.sqrt(ids.reduce((sum, id) => sum + weight2[id]!, 0)));

    const position = new Map(claims.map((claim, i) => [claim.id, i]));
    const facts: Map<string, string>[] = [];
    const factPostings = new Map<string, number[]>();
    for (const { claim, role, text } of this.statements.facts.all(layerId)) {
      const i = position.get(claim);
      const key = factKey(role, text);
      if (i === undefined || key === null) continue;
      const mine = (facts[i] ??= new Map());
      if (mine.has(key)) continue;
      mine.set(key, text);
      const list = factPostings.get(key) ?? [];
      list.push(i);
      factPostings.set(key, list);
    }
    const count = new Map<string, number>();
    for (const { cluster } of claims) if (cluster !== null) count.set(cluster, (count.get(cluster) ?? 0) + 1);
    const shown = new Set([...count].filter(([, n]) => n > 1).map(([cluster]) => cluster));
    return { claims, position, termIds, norms, weight2, postings: lists.map((list) => Int32Array.from(list)), termOf, facts, factPostings, shown };
  }

  private vectorOf(claim: ClaimRow, texts: Map<string, CodePointIndex>): Vector {
    const key = `${claim.document}\u0000${claim.start}\u0000${claim.end}`;
    let vector = this.vectors.get(key);
    if (!vector) {
      let text = texts.get(claim.document);
      if (!text) texts.set(claim.document, (text = new CodePointIndex(this.statements.text.get(claim.document)!)));
      const words = text.slice(claim.start, claim.end);
      vector = { text: words, terms: [...new Set(terms(words))] };
      this.vectors.set(key, vector);
    }
    return vector;
  }

  private describe(index: LayerIndex, at: number, i: number, score: number, sameDocument: boolean): ClusterCandidate {
    const claim = index.claims[i]!;
    const { text } = this.vectors.get(`${claim.document}\u0000${claim.start}\u0000${claim.end}`)!;
    const mine = new Set(index.termIds[at]);
    const reasons: CandidateReason[] = [];
    const words = sharedWords(text, (term) => {
      const id = index.termOf.get(term);
      return id !== undefined && mine.has(id);
    });
    if (words.length > 0) reasons.push({ kind: 'terms', words });
    const facts: CandidateReason[] = [];
    for (const [key, factText] of index.facts[i] ?? []) {
      if (index.facts[at]?.has(key)) facts.push({ kind: key.slice(0, key.indexOf(':')) as FactRole, text: factText });
    }
    reasons.push(...facts.sort((a, b) => ROLES.indexOf(a.kind as FactRole) - ROLES.indexOf(b.kind as FactRole)));
    return {
      claim: claim.id,
      document: documentFacts(this.statements.document.get(claim.document)!),
      sameDocument,
      start: claim.start,
      end: claim.end,
      text,
      score: Math.round(score * 1e6) / 1e6,
      reasons,
      cluster: claim.cluster !== null && index.shown.has(claim.cluster) ? claim.cluster : null,
    };
  }
}

/** Each claim sharing something with claim `at`, and its score. */
function scoresFor(index: LayerIndex, at: number): Map<number, number> {
  const scores = new Map<number, number>();
  const norm = index.norms[at]!;
  for (const term of index.termIds[at]!) {
    const w = index.weight2[term]!;
    for (const i of index.postings[term]!) scores.set(i, (scores.get(i) ?? 0) + w);
  }
  for (const [i, dot] of scores) scores.set(i, dot / (norm * index.norms[i]!));
  for (const key of index.facts[at]?.keys() ?? []) {
    for (const i of index.factPostings.get(key)!) scores.set(i, (scores.get(i) ?? 0) + FACT_BONUS);
  }
  return scores;
}

/** The role and the sorted unique terms of a card fact ("location:زمار"); null when it has no words. */
function factKey(role: FactRole, text: string): string | null {
  const words = [...new Set(terms(text))].sort();
  return words.length === 0 ? null : `${role}:${words.join(' ')}`;
}

/** The words of `text`, as written, whose term is shared; each once, in reading order. */
function sharedWords(text: string, shared: (term: string) => boolean): string[] {
  const out = new Set<string>();
  for (const [word] of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    // A word of marks and tatweel alone folds to nothing.
    const folded = fold(word);
    if (folded !== '' && shared(stem(folded))) out.add(word);
  }
  return [...out];
}
