/**
 * `npm run bench:clusters [-- --docs N] [-- --claims C] [-- --queries Q]`: ranking cluster
 * candidates for one claim against every other claim of the layer.
 *
 * Generates a temp library of N documents (1,000 by default) of C claims each (30): sentences of
 * Arabic-like words drawn with a Zipf law from a vocabulary of 5,000, with function words and
 * number words among them, every third claim with a card naming its place. Opens the core on it,
 * builds the candidate index (timed once: the first ranking after a change), then for Q claims
 * (200) picked at random, alternating:
 *  (a) clusterCandidates through dispatch, as the app asks for it (the top 20);
 *  (b) the same ranking by a bare loop: the claims' term ids and fact keys precomputed the same
 *      way, then per query a loop over every claim summing the shared terms' weights, the cosine,
 *      the fact bonus, a sort and the top 20.
 * Checks that both give the same claims in the same order, and reports the median milliseconds
 * of each and their ratio; then the median time of a ranking right after a claim is tagged. Writes bench-results/clusters.json and prints it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ClusterCandidate } from '../../electron/contract/contract.ts';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { openDatabase } from '../../electron/core/database.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { terms } from '../../electron/text/normalise.ts';
import { tempDir } from '../support/hamish.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const { values } = parseArgs({ options: { docs: { type: 'string' }, claims: { type: 'string' }, queries: { type: 'string' } } });
const DOCS = Number(values.docs ?? 1000);
const CLAIMS = Number(values.claims ?? 30);
const QUERIES = Number(values.queries ?? 200);
const LIMIT = 20;
const ANNOTATOR = 'bench';
const NOW = '2026-01-01T00:00:00.000Z';

/** A small deterministic generator (mulberry32), so that every run ranks the same library. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآ'];
const FUNCTION_WORDS = ['في', 'من', 'على', 'إلى', 'أن', 'عن', 'مع', 'بعد', 'قبل', 'الذي', 'التي', 'و', 'قال', 'أفادت', 'خمسة', '5', '٥'];
const PLACES = ['زمار', 'الموصل', 'بغداد', 'الرميلان', 'عين الأسد', 'الأنبار', 'دمشق', 'حلب', 'البصرة', 'أربيل'];

function generate(file: string): void {
  const rand = random(14);
  const vocabulary = Array.from({ length: 5000 }, () => {
    const length = 3 + Math.floor(rand() * 5);
    const word = Array.from({ length }, () => LETTERS[Math.floor(rand() * LETTERS.length)]!).join('');
    return rand() < 0.3 ? 'ال' + word : word;
  });
  // Zipf: word k drawn with weight 1/(k+1).
  const weights = vocabulary.map((_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w, k) => (cumulative[k] = sum + w / total), 0);
  const zipf = () => {
    const x = rand();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };

  const { db } = openDatabase(file);
  const annotator = db.prepare<[string, string], number>('INSERT INTO annotators (name, created_at) VALUES (?, ?) RETURNING id').pluck().get(ANNOTATOR, NOW)!;
  const insertDocument = db.prepare(`
    INSERT INTO documents (id, title, source, text, text_sha256, length, meta, imported_at)
    VALUES (?, ?, NULL, ?, ?, ?, '{}', ?)`);
  const insertSpan = db.prepare<unknown[], number>(`
    INSERT INTO annotations (document_id, annotator_id, label, start, "end", created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`).pluck();
  const insertCard = db.prepare<[number], number>(`INSERT INTO cards (claim_id) VALUES (?) RETURNING id`).pluck();
  const insertRole = db.prepare(`INSERT INTO card_roles (card_id, role, span_id, position) VALUES (?, 'location', ?, 0)`);
  db.transaction(() => {
    for (let d = 0; d < DOCS; d++) {
      const id = `doc-${String(d).padStart(5, '0')}`;
      const sentences = Array.from({ length: CLAIMS }, (_, c) => {
        const words = Array.from({ length: 8 + Math.floor(rand() * 12) }, () =>
          rand() < 0.25 ? FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)]! : zipf(),
        );
        const place = c % 3 === 0 ? PLACES[Math.floor(rand() * PLACES.length)]! : null;
        if (place) words.splice(Math.floor(rand() * words.length), 0, place);
        return { text: words.join(' '), place };
      });
      const text = sentences.map((s) => s.text).join('. ') + '.';
      insertDocument.run(id, id, text, createHash('sha256').update(text).digest('hex'), Array.from(text).length, NOW);
      let at = 0;
      for (const sentence of sentences) {
        const length = Array.from(sentence.text).length;
        const claim = insertSpan.get(id, annotator, 'claim', at, at + length, NOW, NOW)!;
        if (sentence.place) {
          const offset = Array.from(sentence.text.slice(0, sentence.text.indexOf(sentence.place))).length;
          const place = insertSpan.get(id, annotator, 'location', at + offset, at + offset + Array.from(sentence.place).length, NOW, NOW)!;
          insertRole.run(insertCard.get(claim)!, place);
        }
        at += length + 2; // ". "
      }
    }
  })();
  db.close();
}

/** The bare ranking: the same scores as candidates.ts computes, by a loop over every claim. */
function bareRanker(file: string) {
  const { db } = openDatabase(file);
  const claims = db
    .prepare<[], { id: number; document: string; text: string }>(`
      SELECT a.id, a.document_id AS document, substr(d.text, a.start + 1, a."end" - a.start) AS text
      FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.label = 'claim' ORDER BY a.id`)
    .all();
  const places = db
    .prepare<[], { claim: number; text: string }>(`
      SELECT c.claim_id AS claim, substr(d.text, s.start + 1, s."end" - s.start) AS text
      FROM cards c JOIN card_roles r ON r.card_id = c.id JOIN annotations s ON s.id = r.span_id JOIN documents d ON d.id = s.document_id`)
    .all();
  db.close();
  const termOf = new Map<string, number>();
  const df: number[] = [];
  const vectors = claims.map((claim) =>
    [...new Set(terms(claim.text))].map((term) => {
      let id = termOf.get(term);
      if (id === undefined) termOf.set(term, (id = df.push(0) - 1));
      df[id]!++;
      return id;
    }),
  );
  const weight2 = df.map((n) => Math.log(1 + claims.length / n) ** 2);
  const norms = vectors.map((ids) => Math.sqrt(ids.reduce((sum, id) => sum + weight2[id]!, 0)));
  const position = new Map(claims.map((claim, i) => [claim.id, i]));
  const fact = new Map(places.map(({ claim, text }) => [position.get(claim)!, `location:${[...new Set(terms(text))].sort().join(' ')}`]));
  return (spanId: number): number[] => {
    const q = position.get(spanId)!;
    const mine = new Set(vectors[q]);
    const found: { i: number; score: number; same: boolean }[] = [];
    for (let i = 0; i < claims.length; i++) {
      if (i === q) continue;
      let dot = 0;
      for (const id of vectors[i]!) if (mine.has(id)) dot += weight2[id]!;
      let score = dot === 0 ? 0 : dot / (norms[q]! * norms[i]!);
      if (fact.has(q) && fact.get(i) === fact.get(q)) score += 0.2;
      if (score > 0) found.push({ i, score, same: claims[i]!.document === claims[q]!.document });
    }
    found.sort((a, b) => Number(a.same) - Number(b.same) || b.score - a.score || claims[a.i]!.id - claims[b.i]!.id);
    return found.slice(0, LIMIT).map(({ i }) => claims[i]!.id);
  };
}

const file = join(tempDir(), 'clusters-bench.sqlite');
const generated = performance.now();
generate(file);
const generateSeconds = (performance.now() - generated) / 1000;

const hamish = openHamish({ database: file, annotator: ANNOTATOR, seed: false });
const rank = (spanId: number) => dispatch(hamish.handlers, 'clusterCandidates', { spanId, limit: LIMIT }) as ClusterCandidate[];
const ids = connectionOf(hamish).prepare<[], number>(`SELECT id FROM annotations WHERE label = 'claim' ORDER BY id`).pluck().all();
const pick = random(7);
const queries = Array.from({ length: QUERIES }, () => ids[Math.floor(pick() * ids.length)]!);

const built = performance.now();
rank(queries[0]!);
const buildMs = performance.now() - built;
const bare = bareRanker(file);

const indexed: number[] = [];
const looped: number[] = [];
let mismatches = 0;
for (const spanId of queries) {
  const t0 = performance.now();
  const a = rank(spanId).map((c) => c.claim);
  const t1 = performance.now();
  const b = bare(spanId);
  const t2 = performance.now();
  indexed.push(t1 - t0);
  looped.push(t2 - t1);
  if (JSON.stringify(a) !== JSON.stringify(b)) mismatches++;
}
// After a change (a claim tagged) the index is rebuilt from the claims; their terms are kept.
const document = connectionOf(hamish).prepare<[], { id: string; length: number }>('SELECT id, length FROM documents LIMIT 1').get()!;
const afterChange: number[] = [];
for (let k = 0; k < 5; k++) {
  dispatch(hamish.handlers, 'createSpan', { documentId: document.id, start: k, end: document.length - k, label: 'claim' });
  const t0 = performance.now();
  rank(queries[k]!);
  afterChange.push(performance.now() - t0);
}
hamish.close();

const indexedMs = median(indexed);
const bareMs = median(looped);
writeBenchResult('clusters', {
  documents: DOCS,
  claims: ids.length,
  queries: QUERIES,
  limit: LIMIT,
  generateSeconds: Number(generateSeconds.toFixed(1)),
  /** The first ranking after a change: the index built from the library. */
  indexBuildMs: Number(buildMs.toFixed(1)),
  medianRankMs: Number(indexedMs.toFixed(3)),
  /** Ranking right after a claim is tagged: the index rebuilt over kept term vectors. */
  medianRankAfterChangeMs: Number(median(afterChange).toFixed(1)),
  medianBareLoopMs: Number(bareMs.toFixed(3)),
  ratioToBareLoop: Number((indexedMs / bareMs).toFixed(3)),
  targetMs: 16,
  withinTarget: indexedMs <= 16,
  /** Queries where the two rankings differ (0: the same claims in the same order). */
  mismatches,
});
if (mismatches > 0) process.exitCode = 1;
