/**
 * Cluster candidates: the claims of a layer ranked by how much they share with one claim. Terms
 * are Arabic-aware (normalise.ts: folded, stemmed, number words as digits), weighted by IDF over
 * the layer's claims; the score is the cosine of the two claims' weighted term sets, plus a bonus
 * for each card role (location, date, source) both fill with the same words.
 *
 * The index is kept in memory, per layer, in this process: each claim's term ids, an inverted
 * list per term and per card fact, so that ranking one claim visits only the claims sharing
 * something with it. It is rebuilt when the library changed: this process says so after each of
 * its writes (undo changes no history row count, so nothing cheaper to read would tell), and
 * another connection's commit moves PRAGMA data_version. Term vectors are kept by document and range (texts never change), so a rebuild computes the
 * terms of new claims only.
 */
import { ROLES } from '../../contract/claims.ts';
import type { CandidateReason, ClaimDocument, ClusterCandidate } from '../../contract/contract.ts';
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

/** A range of a document's text and its unique terms' ids: what never changes for a document and range. */
interface Vector {
  readonly text: string;
  readonly terms: Int32Array;
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
  /** Per claim, the fact keys of its card (role and folded words) with the text behind each. */
  readonly facts: readonly (ReadonlyMap<string, string> | undefined)[];
  readonly factPostings: ReadonlyMap<string, readonly number[]>;
  /** Clusters shown: those with two claims or more. */
  readonly shown: ReadonlySet<string>;
  /** Per claim, the score being summed: all zeros between rankings. */
  readonly scratch: Float64Array;
}

export class CandidateIndex {
  private readonly statements;
  /** Every term met, numbered: ids stay valid while the texts do (until a reset). */
  private readonly termOf = new Map<string, number>();
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
      facts: db.prepare<[number], { claim: number; role: FactRole; document: string; start: number; end: number }>(`
        SELECT c.claim_id AS claim, r.role, s.document_id AS document, s.start, s."end"
        FROM cards c JOIN annotations c_span ON c_span.id = c.claim_id
        JOIN card_roles r ON r.card_id = c.id JOIN annotations s ON s.id = r.span_id
        WHERE c_span.annotator_id = ? AND c_span.label = 'claim' AND r.role IN ('location', 'date', 'source') AND ${FITS}`),
      document: db.prepare<[string], { id: string; title: string; source: string | null; meta: string }>(
        'SELECT id, title, source, meta FROM documents WHERE id = ?',
      ),
    };
    this.seenVersion = this.statements.dataVersion.get()!;
  }

  /** The library changed in this process: the next ranking reads the claims and cards again. */
  changed(): void {
    this.layers.clear();
  }

  /** Forgets everything, texts too (a restore may give a document id another text). */
  reset(): void {
    this.changed();
    this.vectors.clear();
    this.termOf.clear();
  }

  /** The candidates for claim `spanId` in its own layer, best first: other documents', then its own's. */
  rank(spanId: number, limit: number): ClusterCandidate[] {
    const claim = this.statements.claim.get(spanId);
    if (!claim) throw new HamishError('not_found', `spanId: no span ${spanId}`);
    if (claim.label !== 'claim') throw new HamishError('invalid_input', `spanId: span ${spanId} is not a claim`);
    const index = this.layer(claim.annotator_id);
    const at = index.position.get(spanId)!;
    const mine = new Set(index.termIds[at]);
    // Metadata is read anew: it may be edited without a history entry.
    const documents = new Map<string, ClaimDocument>();
    const factsOf = (id: string) => {
      let facts = documents.get(id);
      if (!facts) documents.set(id, (facts = documentFacts(this.statements.document.get(id)!)));
      return facts;
    };
    return best(index, at, limit).map(({ i, score, same }) => this.describe(index, at, mine, i, score, same, factsOf));
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

  /** The layer's index from its claims and cards; the terms of ranges seen before are not computed again. */
  private build(layerId: number): LayerIndex {
    const claims = this.statements.claims.all(layerId);
    const texts = new Map<string, CodePointIndex>();
    const termIds = claims.map((claim) => this.vectorOf(claim, texts).terms);
    // The inverted lists in one flat array: counted, then filled.
    const termCount = this.termOf.size;
    const counts = new Int32Array(termCount);
    for (const ids of termIds) for (const id of ids) counts[id]!++;
    const flat = new Int32Array(termIds.reduce((sum, ids) => sum + ids.length, 0));
    const starts = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) starts[t + 1] = starts[t]! + counts[t]!;
    const fill = starts.slice(0, termCount);
    termIds.forEach((ids, i) => {
      for (const id of ids) flat[fill[id]!++] = i;
    });
    const postings = Array.from({ length: termCount }, (_, t) => flat.subarray(starts[t]!, starts[t + 1]!));
    const weight2 = Float64Array.from(counts, (n) => (n === 0 ? 0 : Math.log(1 + claims.length / n) ** 2));
    const norms = Float64Array.from(termIds, (ids) => Math.sqrt(ids.reduce((sum, id) => sum + weight2[id]!, 0)));

    const position = new Map(claims.map((claim, i) => [claim.id, i]));
    const facts: Map<string, string>[] = [];
    const factPostings = new Map<string, number[]>();
    for (const { claim, role, ...range } of this.statements.facts.all(layerId)) {
      const i = position.get(claim);
      const vector = this.vectorOf(range, texts);
      if (i === undefined || vector.terms.length === 0) continue;
      const key = `${role}:${[...vector.terms].sort((a, b) => a - b).join(' ')}`;
      const mine = (facts[i] ??= new Map());
      if (mine.has(key)) continue;
      mine.set(key, vector.text);
      const list = factPostings.get(key) ?? [];
      list.push(i);
      factPostings.set(key, list);
    }
    const count = new Map<string, number>();
    for (const { cluster } of claims) if (cluster !== null) count.set(cluster, (count.get(cluster) ?? 0) + 1);
    const shown = new Set([...count].filter(([, n]) => n > 1).map(([cluster]) => cluster));
    return { claims, position, termIds, norms, weight2, postings, facts, factPostings, shown, scratch: new Float64Array(claims.length) };
  }

  /** The text of a range and its terms, from the cache or the document's text. */
  private vectorOf(range: { readonly document: string; readonly start: number; readonly end: number }, texts: Map<string, CodePointIndex>): Vector {
    const key = `${range.document}\u0000${range.start}\u0000${range.end}`;
    let vector = this.vectors.get(key);
    if (!vector) {
      let text = texts.get(range.document);
      if (!text) texts.set(range.document, (text = new CodePointIndex(this.statements.text.get(range.document)!)));
      const words = text.slice(range.start, range.end);
      const ids = new Set<number>();
      for (const term of terms(words)) {
        let id = this.termOf.get(term);
        if (id === undefined) this.termOf.set(term, (id = this.termOf.size));
        ids.add(id);
      }
      vector = { text: words, terms: Int32Array.from(ids) };
      this.vectors.set(key, vector);
    }
    return vector;
  }

  private describe(
    index: LayerIndex,
    at: number,
    mine: ReadonlySet<number>,
    i: number,
    score: number,
    sameDocument: boolean,
    factsOf: (documentId: string) => ClaimDocument,
  ): ClusterCandidate {
    const claim = index.claims[i]!;
    const { text } = this.vectors.get(`${claim.document}\u0000${claim.start}\u0000${claim.end}`)!;
    const reasons: CandidateReason[] = [];
    const words = sharedWords(text, (term) => {
      const id = this.termOf.get(term);
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
      document: factsOf(claim.document),
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

interface Ranked {
  readonly i: number;
  readonly score: number;
  /** In the claim's own document. */
  readonly same: boolean;
}

/**
 * The `limit` best candidates for claim `at`: every claim sharing a term or a card fact with it,
 * scored in one pass over the inverted lists (a typed array, not a map: most of the time is
 * there), kept in a small sorted list rather than sorting them all.
 */
function best(index: LayerIndex, at: number, limit: number): Ranked[] {
  const { claims, postings, weight2, norms } = index;
  const scores = index.scratch;
  const touched: number[] = [];
  for (const term of index.termIds[at]!) {
    const w = weight2[term]!;
    const list = postings[term]!;
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!;
      if (scores[i] === 0) touched.push(i);
      scores[i]! += w;
    }
  }
  const norm = norms[at]!;
  for (const i of touched) scores[i] = scores[i]! / (norm * norms[i]!);
  for (const key of index.facts[at]?.keys() ?? []) {
    for (const i of index.factPostings.get(key)!) {
      if (scores[i] === 0) touched.push(i);
      scores[i]! += FACT_BONUS;
    }
  }
  const document = claims[at]!.document;
  const kept: Ranked[] = [];
  for (const i of touched) {
    const score = scores[i]!;
    scores[i] = 0; // ready for the next ranking
    if (i === at) continue;
    const same = claims[i]!.document === document;
    if (kept.length === limit && !before(index, same, score, i, kept[limit - 1]!)) continue;
    let place = kept.length;
    while (place > 0 && before(index, same, score, i, kept[place - 1]!)) place--;
    kept.splice(place, 0, { i, score, same });
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** Whether a candidate goes before `b`: other documents' claims first, then by score, then by id (stable across runs). */
function before(index: LayerIndex, same: boolean, score: number, i: number, b: Ranked): boolean {
  if (same !== b.same) return !same;
  if (score !== b.score) return score > b.score;
  return index.claims[i]!.id < index.claims[b.i]!.id;
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
