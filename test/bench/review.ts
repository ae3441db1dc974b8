/**
 * `npm run bench:review [-- --docs N] [-- --runs R]`: agreement on a big library.
 *
 * Generates a temp library of N documents (10,000 by default) tagged by 3 annotators with about 30
 * spans each per document (test/support/annotated.ts: they mostly agree), in one transaction with
 * prepared statements. Then, alternating, R times each (5 by default), in the same process:
 *  (a) the agreement report as `hamish agreement` computes it: every measure, per pair, label and
 *      document and for the corpus, with the disagreements, read from the library;
 *  (b) a bare exact-match count: the same spans read with the same query, and for each pair of
 *      annotators the spans they share (same document, label, start and end), counted with a Set.
 * Reports the median seconds of each, their ratio, and the median of each run's own ratio. Writes bench-results/review.json and prints it.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../electron/core/database.ts';
import { agreementReport } from '../../electron/core/agreement/load.ts';
import { annotatedArticles } from '../support/annotated.ts';
import { tempDir } from '../support/hamish.ts';
import { median } from './median.ts';
import { writeBenchResult } from './results.ts';

const ANNOTATORS = ['layla', 'omar', 'sara'];
/** The generator drops a few of the spans it is asked for (overlaps in a layer): 32 gives about 30. */
const SPANS_EACH = 32;

function generate(file: string, count: number): number {
  const { db } = openDatabase(file);
  const insertDocument = db.prepare(`
    INSERT INTO documents (id, title, source, text, text_sha256, length, meta, imported_at)
    VALUES (?, ?, NULL, ?, ?, ?, '{}', '2026-01-01T00:00:00.000Z')`);
  const insertSpan = db.prepare(`
    INSERT INTO annotations (document_id, annotator_id, label, start, "end", created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
  const ids = new Map(
    ANNOTATORS.map((name) => [name, db.prepare(`INSERT INTO annotators (name, created_at) VALUES (?, '2026-01-01') RETURNING id`).pluck().get(name) as number]),
  );
  let spans = 0;
  db.transaction(() => {
    for (const article of annotatedArticles(count, { annotators: ANNOTATORS, spansEach: SPANS_EACH, seed: 10 })) {
      const length = Array.from(article.text).length;
      insertDocument.run(article.id, article.title, article.text, createHash('sha256').update(article.text).digest('hex'), length);
      for (const span of article.spans) insertSpan.run(article.id, ids.get(span.annotator)!, span.label, span.start, span.end);
      spans += article.spans.length;
    }
  })();
  db.close();
  return spans;
}

/** (b): the spans, the same query as the report's, and the shared ones of each pair counted. */
function bareExactCount(db: Db): number {
  return db.transaction(() => {
    const rows = db
      .prepare<[string, string], { document: string; annotator: string; label: string; start: number; end: number }>(
        `SELECT a.document_id AS document, n.name AS annotator, a.label, a.start, a."end" AS "end"
         FROM annotations a JOIN annotators n ON n.id = a.annotator_id
         WHERE n.name IN (SELECT value FROM json_each(?)) AND a.label IN (SELECT value FROM json_each(?))`,
      )
      .iterate(JSON.stringify(ANNOTATORS), JSON.stringify(['claim', 'actor', 'location', 'date']));
    const layers = new Map(ANNOTATORS.map((name) => [name, new Set<string>()]));
    for (const { document, annotator, label, start, end } of rows) layers.get(annotator)!.add(`${document}\t${label}\t${start}\t${end}`);
    let shared = 0;
    for (let a = 0; a < ANNOTATORS.length; a++) {
      for (let b = a + 1; b < ANNOTATORS.length; b++) {
        const other = layers.get(ANNOTATORS[b]!)!;
        for (const key of layers.get(ANNOTATORS[a]!)!) if (other.has(key)) shared++;
      }
    }
    return shared;
  })();
}

function seconds(run: () => unknown): number {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function main(): void {
  const { values } = parseArgs({ options: { docs: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
  const count = Number(values.docs);
  const runs = Number(values.runs);
  const file = join(tempDir(), 'bench.sqlite');
  let started = performance.now();
  const spans = generate(file, count);
  const generated = (performance.now() - started) / 1000;
  console.error(`generated ${count} documents, ${spans} spans in ${generated.toFixed(1)} s`);

  const { db } = openDatabase(file);
  const report = agreementReport(db, {});
  const exactMatched = report.corpus.labels.at(-1)!.pairs.reduce((sum, p) => sum + p.exact.matched, 0);
  const bareMatched = bareExactCount(db);
  if (exactMatched !== bareMatched) throw new Error(`the report matched ${exactMatched} spans exactly, the bare count ${bareMatched}`);

  const agreement: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < runs; r++) {
    agreement.push(seconds(() => agreementReport(db, {})));
    bare.push(seconds(() => bareExactCount(db)));
  }
  db.close();
  const result = {
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
    documents: count,
    annotators: ANNOTATORS.length,
    spans,
    spans_per_annotator_per_document: round(spans / count / ANNOTATORS.length, 1),
    database_mb: round(statSync(file).size / 1024 / 1024, 1),
    generate_seconds: round(generated, 1),
    runs,
    agreement_seconds: round(median(agreement), 3),
    bare_exact_count_seconds: round(median(bare), 3),
    ratio_to_bare: round(median(agreement) / median(bare), 1),
    // The machine is shared: each run's own ratio, (a) and (b) measured back to back.
    ratio_median_of_runs: round(median(agreement.map((s, r) => s / bare[r]!)), 1),
    exact_matches: exactMatched,
    disagreements: report.disagreements.length,
    all_runs: { agreement: agreement.map((s) => round(s, 3)), bare: bare.map((s) => round(s, 3)) },
  };
  writeBenchResult('review', result);
}

main();
