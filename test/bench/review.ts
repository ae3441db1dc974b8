/**
 * `npm run bench:review [-- --docs N] [-- --runs R]`: agreement on a big library.
 *
 * Generates a temp library of N documents (10,000 by default) tagged by 3 annotators with about 30
 * spans each per document (test/support/annotated.ts: they mostly agree), in one transaction with
 * prepared statements. Then, alternating, R times each (5 by default), each in a process of its own
 * (this script again, with --child) so that its peak memory (maxRSS) is its own:
 *  (a) the agreement report as `hamish agreement` computes it: every measure, per pair, label and
 *      document and for the corpus, with the disagreements, read from the library;
 *  (b) what the Agreement panel asks for: the summary (corpus scores and counts), then the first
 *      page of the disagreements behind "all labels" of the first pair;
 *  (c) a bare exact-match count: the spans read with one query, and for each pair of annotators
 *      the spans they share (same document, label, start and end), counted with a Set.
 * Reports the median seconds and peak memory of each, (a) and (b) as ratios to (c), and the median
 * of each run's own ratio. Writes bench-results/review.json and prints it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../electron/core/database.ts';
import { agreementDisagreements, agreementReport, agreementSummary } from '../../electron/core/agreement/load.ts';
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

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const MEASURES = {
  report: (db: Db) => {
    const report = agreementReport(db, {});
    return { exact_matches: report.corpus.labels.at(-1)!.pairs.reduce((sum, p) => sum + p.exact.matched, 0), disagreements: report.disagreements.length };
  },
  panel: (db: Db) => {
    const summary = agreementSummary(db, {});
    const page = agreementDisagreements(db, { label: 'all', pair: [summary.pairs[0]![0], summary.pairs[0]![1]], offset: 0, limit: 100 });
    return { first_pair_disagreements: page.total, shown: page.disagreements.length };
  },
  bare: (db: Db) => ({ exact_matches: bareExactCount(db) }),
} as const;
type Measure = keyof typeof MEASURES;

interface Run {
  readonly seconds: number;
  /** CPU seconds (user and system) of the same: steadier than the wall clock on a shared machine. */
  readonly cpu_seconds: number;
  /** Peak resident memory of the process that ran it, library open and code loaded included. */
  readonly peak_mb: number;
  readonly result: Record<string, number>;
}

/** In a child process: runs one measure once and prints its Run as JSON. */
function child(measure: Measure, file: string): void {
  const { db } = openDatabase(file);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = MEASURES[measure](db);
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  db.close();
  const run: Run = { seconds, cpu_seconds: (user + system) / 1e6, peak_mb: process.resourceUsage().maxRSS / 1024, result };
  process.stdout.write(JSON.stringify(run));
}

function inChild(measure: Measure, file: string): Run {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', measure, '--db', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Run;
}

function main(): void {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' }, child: { type: 'string' }, db: { type: 'string' } },
  });
  if (values.child !== undefined) return child(values.child as Measure, values.db!);
  const count = Number(values.docs);
  const runs = Number(values.runs);
  const file = join(tempDir(), 'bench.sqlite');
  const started = performance.now();
  const spans = generate(file, count);
  const generated = (performance.now() - started) / 1000;
  console.error(`generated ${count} documents, ${spans} spans in ${generated.toFixed(1)} s`);

  const all: Record<Measure, Run[]> = { report: [], panel: [], bare: [] };
  for (let r = 0; r < runs; r++) {
    for (const measure of ['report', 'panel', 'bare'] as const) all[measure].push(inChild(measure, file));
    console.error(`run ${r + 1}: ${(['report', 'panel', 'bare'] as const).map((m) => `${m} ${all[m][r]!.seconds.toFixed(2)} s (cpu ${all[m][r]!.cpu_seconds.toFixed(2)}) ${all[m][r]!.peak_mb.toFixed(0)} MB`).join(', ')}`);
  }
  const [report, bare] = [all.report[0]!.result, all.bare[0]!.result];
  if (report.exact_matches !== bare.exact_matches) throw new Error(`the report matched ${report.exact_matches} spans exactly, the bare count ${bare.exact_matches}`);

  const seconds = (measure: Measure) => median(all[measure].map((run) => run.seconds));
  const cpuSeconds = (measure: Measure) => median(all[measure].map((run) => run.cpu_seconds));
  const peak = (measure: Measure) => round(median(all[measure].map((run) => run.peak_mb)), 0);
  // The machine is shared: each run's own ratio, measured back to back, besides the ratio of medians.
  const ofRuns = (measure: Measure) => round(median(all[measure].map((run, r) => run.seconds / all.bare[r]!.seconds)), 2);
  const result = {
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
    documents: count,
    annotators: ANNOTATORS.length,
    spans,
    spans_per_annotator_per_document: round(spans / count / ANNOTATORS.length, 1),
    database_mb: round(statSync(file).size / 1024 / 1024, 1),
    generate_seconds: round(generated, 1),
    runs,
    agreement_seconds: round(seconds('report'), 3),
    panel_seconds: round(seconds('panel'), 3),
    bare_exact_count_seconds: round(seconds('bare'), 3),
    ratio_to_bare: round(seconds('report') / seconds('bare'), 2),
    ratio_median_of_runs: ofRuns('report'),
    panel_ratio_to_bare: round(seconds('panel') / seconds('bare'), 2),
    panel_ratio_median_of_runs: ofRuns('panel'),
    agreement_cpu_seconds: round(cpuSeconds('report'), 3),
    panel_cpu_seconds: round(cpuSeconds('panel'), 3),
    bare_cpu_seconds: round(cpuSeconds('bare'), 3),
    cpu_ratio_to_bare: round(cpuSeconds('report') / cpuSeconds('bare'), 2),
    panel_cpu_ratio_to_bare: round(cpuSeconds('panel') / cpuSeconds('bare'), 2),
    agreement_peak_mb: peak('report'),
    panel_peak_mb: peak('panel'),
    bare_peak_mb: peak('bare'),
    exact_matches: report.exact_matches,
    disagreements: report.disagreements,
    first_pair_disagreements: all.panel[0]!.result.first_pair_disagreements,
    all_runs: Object.fromEntries(Object.entries(all).map(([m, list]) => [m, list.map((run) => ({ seconds: round(run.seconds, 3), cpu_seconds: round(run.cpu_seconds, 3), peak_mb: round(run.peak_mb, 0) }))])),
  };
  writeBenchResult('review', result);
}

main();
