/**
 * `npm run bench:export [-- --docs N] [-- --format F]`: the export on a big library.
 *
 * Generates a temp library of N documents (100,000 by default) with 10 spans each (two claims,
 * each holding four entities), in one transaction with prepared statements. Then, each in a fresh
 * process so that memory figures are its own, in the same run:
 *  (a) `hamish export` through the core's export job, as the CLI runs it, to a file;
 *  (b) a bare loop reading the same rows with the same queries and writing JSON.stringify lines
 *      (buffered the same way), the fastest an export could hope to be.
 * Reports documents/s for each, the ratio (a)/(b), and peak memory: the largest RSS sampled
 * between documents, and the kernel's maximum RSS of the process.
 * Writes bench-results/export.json and prints it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ExportFormat } from '../../electron/contract/contract.ts';
import { openDatabase } from '../../electron/core/database.ts';
import { startExport } from '../../electron/core/export/job.ts';
import { seedsDir } from '../../electron/core/paths.ts';
import { tempDir } from '../support/hamish.ts';
import { writeBenchResult } from './results.ts';

const SPANS_PER_DOCUMENT = 10;
const SAMPLE_EVERY_MS = 20;

/** Sentences of the sample articles, to make documents of realistic Arabic. */
function sentences(): string[] {
  return readdirSync(seedsDir)
    .sort()
    .flatMap((name) => readFileSync(join(seedsDir, name), 'utf8').split(/(?<=[.؟!])\s+/u))
    .map((s) => s.trim())
    .filter((s) => s.split(' ').length >= 12);
}

function generate(file: string, count: number): void {
  const { db } = openDatabase(file);
  const pool = sentences();
  const insertDocument = db.prepare(`
    INSERT INTO documents (id, title, source, text, text_sha256, length, meta, imported_at)
    VALUES (?, ?, ?, ?, ?, ?, '{}', '2026-01-01T00:00:00.000Z')`);
  const insertStatus = db.prepare('INSERT INTO document_status (document_id, annotator_id, status) VALUES (?, ?, ?)');
  const insertSpan = db.prepare(`
    INSERT INTO annotations (document_id, annotator_id, label, start, "end", created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
  const annotators = ['layla', 'omar'].map(
    (name) => db.prepare(`INSERT INTO annotators (name, created_at) VALUES (?, '2026-01-01') RETURNING id`).pluck().get(name) as number,
  );
  const entities = ['actor', 'location', 'date', 'actor'];
  db.transaction(() => {
    for (let d = 0; d < count; d++) {
      const parts = [`${d}.`, pool[d % pool.length]!, pool[(d * 7 + 3) % pool.length]!];
      const text = parts.join(' ');
      const id = `doc-${String(d).padStart(6, '0')}`;
      insertDocument.run(id, parts[1]!.slice(0, 120), `${id}.txt`, text, createHash('sha256').update(text).digest('hex'), text.length);
      // Each annotator's own status: both tag every document; one in three is done by both.
      for (const annotator of annotators) insertStatus.run(id, annotator, d % 3 === 0 ? 'done' : 'in_progress');
      // The seeds hold no characters beyond the BMP: UTF-16 offsets are code points here.
      const words = [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      const half = Math.floor(words.length / 2);
      for (const from of [0, half]) {
        const claim = words.slice(from + 1, from + 11);
        const annotator = annotators[(d + from) % 2]!;
        insertSpan.run(id, annotator, 'claim', claim[0]!.start, claim.at(-1)!.end);
        entities.forEach((label, e) => insertSpan.run(id, annotator, label, claim[e * 2]!.start, claim[e * 2]!.end));
      }
    }
  })();
  db.close();
}

interface Measure {
  documents: number;
  seconds: number;
  documents_per_second: number;
  bytes: number;
  peak_rss_sampled_mb: number;
  max_rss_mb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs in a child: one export of `file` to `out`, with memory sampled between documents. */
function measure(kind: 'hamish' | 'bare', file: string, out: string, format: ExportFormat): Measure {
  const { db } = openDatabase(file);
  let peak = process.memoryUsage.rss();
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const started = performance.now();
  let documents = 0;
  if (kind === 'hamish') {
    const job = startExport(db, { format, destination: out });
    while (!job.step(SAMPLE_EVERY_MS)) sample();
    documents = job.result.documents;
  } else {
    const rows = db.prepare('SELECT id, text, text_sha256, title, source, meta FROM documents ORDER BY id');
    const statuses = db.prepare(`
      SELECT n.name, s.status FROM document_status s JOIN annotators n ON n.id = s.annotator_id WHERE s.document_id = ? ORDER BY n.name`);
    const spans = db.prepare(`
      SELECT a.id, a.start, a."end", a.label, n.name AS annotator, a.note, a.created_at, a.updated_at
      FROM annotations a JOIN annotators n ON n.id = a.annotator_id
      WHERE a.document_id = ? ORDER BY a.start, a."end" DESC, a.id`);
    const fd = openSync(out, 'w');
    let buffer = '';
    let sampledAt = started;
    db.exec('BEGIN');
    for (const row of rows.iterate() as IterableIterator<{ id: string }>) {
      buffer += JSON.stringify({ ...row, statuses: statuses.all(row.id), spans: spans.all(row.id) }) + '\n';
      if (buffer.length >= 1 << 16) {
        writeSync(fd, buffer);
        buffer = '';
      }
      documents++;
      if (performance.now() - sampledAt >= SAMPLE_EVERY_MS) {
        sample();
        sampledAt = performance.now();
      }
    }
    writeSync(fd, buffer);
    db.exec('COMMIT');
    closeSync(fd);
  }
  const seconds = (performance.now() - started) / 1000;
  sample();
  db.close();
  return {
    documents,
    seconds: Math.round(seconds * 1000) / 1000,
    documents_per_second: Math.round(documents / seconds),
    bytes: statSync(out).size,
    peak_rss_sampled_mb: mb(peak),
    max_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
  };
}

function inChild(kind: 'hamish' | 'bare', file: string, out: string, format: ExportFormat): Measure {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', kind, '--db', file, '--out', out, '--format', format], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${kind} export failed: ${child.stderr}`);
  rmSync(out, { recursive: true, force: true });
  return JSON.parse(child.stdout) as Measure;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '100000' },
      format: { type: 'string', default: 'jsonl' },
      measure: { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const format = values.format as ExportFormat;
  if (values.measure) {
    process.stdout.write(JSON.stringify(measure(values.measure as 'hamish' | 'bare', values.db!, values.out!, format)));
    return;
  }
  const count = Number(values.docs);
  const dir = tempDir();
  const file = join(dir, 'bench.sqlite');
  let started = performance.now();
  generate(file, count);
  const generated = (performance.now() - started) / 1000;
  console.error(`generated ${count} documents, ${count * SPANS_PER_DOCUMENT} spans in ${generated.toFixed(1)} s`);

  started = performance.now();
  const bare = inChild('bare', file, join(dir, 'bare.jsonl'), format);
  const hamish = inChild('hamish', file, join(dir, `hamish.${format}`), format);
  const result = {
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
    format,
    documents: count,
    spans: count * SPANS_PER_DOCUMENT,
    database_mb: mb(statSync(file).size),
    generate_seconds: Math.round(generated * 10) / 10,
    hamish,
    bare,
    ratio_to_bare: Math.round((hamish.documents_per_second / bare.documents_per_second) * 100) / 100,
    target: 'ratio_to_bare >= 0.5',
  };
  writeBenchResult('export', result);
}

main();
