/**
 * npm run bench:import [-- --full]
 *
 * Imports 20,000 articles made from the samples (100,000 with --full) from one JSON Lines file,
 * through the core's import (streamed, decoded, checked, hashed on a reader thread beside the
 * inserts, deduplicated, one transaction), and compares it with the best raw insert of the same
 * rows with better-sqlite3: one transaction, one prepared statement, rows computed beforehand;
 * and with each row put into the list's search index too, as the import does.
 * Memory is sampled (RSS, the reader thread's included) during the import. Beside the wall-clock
 * times, the CPU time of the thread that inserts: on a machine shared with other work (the 2-core
 * development machine) it says what the import costs that thread when the clock is noisy.
 * The same articles as one .json list are imported first, once, to show that a list streams too.
 *
 * Writes bench-results/import.json and prints it.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/core/database.ts';
import { INDEX_FOR_SEARCH } from '../../electron/core/documents.ts';
import { searchForm } from '../../electron/text/search-form.ts';
import { importSteps, keepUpWithImport } from '../../electron/core/import/import-files.ts';
import { seedArticles, writeArticlesJsonl } from '../support/articles.ts';
import { tempDir } from '../support/hamish.ts';
import { writeBenchResult } from './results.ts';

const full = process.argv.includes('--full');
const ARTICLES = full ? 100_000 : 20_000;
const RUNS = full ? 1 : 3;
const MB = 1024 * 1024;

interface Row {
  id: string;
  title: string;
  source: string | null;
  text: string;
  sha: string;
  length: number;
  meta: string;
  now: string;
  /** In their search form (the import works it out on its reading thread). */
  searchTitle?: string;
  searchText?: string;
}

/** The same articles as one JSON list, a record a line, written a record at a time. */
function writeArticlesJsonList(file: string, count: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '[\n');
    let first = true;
    for (const article of seedArticles(count)) {
      writeSync(fd, (first ? '' : ',\n') + JSON.stringify(article));
      first = false;
    }
    writeSync(fd, '\n]\n');
  } finally {
    closeSync(fd);
  }
}

/** CPU seconds this thread has used since `since` (process.threadCpuUsage). */
function threadCpu(since: NodeJS.CpuUsage): number {
  const { user, system } = process.threadCpuUsage(since);
  return (user + system) / 1e6;
}

/**
 * One import into a new library: seconds (and CPU seconds of this thread), and RSS sampled every 250
 * articles; then, apart, the seconds the import job goes on for to bring the corpus words and short
 * lines up to date (keepUpWithImport: no write lock held while it reads).
 */
function timeImport(file: string): { seconds: number; cpu: number; rss: number[]; keepUpSeconds: number; db: Db } {
  const { db } = openDatabase(join(tempDir(), 'import.sqlite'));
  const rss = [process.memoryUsage.rss()];
  const cpu = process.threadCpuUsage();
  const started = performance.now();
  const steps = importSteps(db, [file], { annotator: 'bench' });
  let step = steps.next();
  for (; !step.done; step = steps.next()) if (step.value.documents % 250 === 0) rss.push(process.memoryUsage.rss());
  if (step.value.imported.length !== ARTICLES) throw new Error(`imported ${step.value.imported.length} of ${ARTICLES}`);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = threadCpu(cpu);
  rss.push(process.memoryUsage.rss());
  const keepUp = performance.now();
  keepUpWithImport(db, step.value);
  return { seconds, cpu: cpuSeconds, rss, keepUpSeconds: (performance.now() - keepUp) / 1000, db };
}

/**
 * The raw insert of `rows`, seconds and CPU seconds: a new library, one transaction, one prepared
 * statement; `indexed`: each row also put into the list's search index, as a library must have it.
 */
function timeRawInsert(rows: readonly Row[], indexed: boolean): { seconds: number; cpu: number } {
  const { db } = openDatabase(join(tempDir(), 'raw.sqlite'));
  try {
    const insert = db.prepare(`
      INSERT INTO documents (id, title, source, text, text_sha256, length, meta, imported_at)
      VALUES (@id, @title, @source, @text, @sha, @length, @meta, @now)`);
    const index = db.prepare(INDEX_FOR_SEARCH);
    const cpu = process.threadCpuUsage();
    const started = performance.now();
    db.transaction(() => {
      for (const row of rows) {
        const { lastInsertRowid } = insert.run(row);
        if (indexed) index.run(lastInsertRowid, row.searchTitle, row.searchText);
      }
    })();
    return { seconds: (performance.now() - started) / 1000, cpu: threadCpu(cpu) };
  } finally {
    db.close();
  }
}

function main(): void {
  // A .json list first, while the process is fresh: its memory shows whether it streams.
  const list = join(tempDir(), 'articles.json');
  writeArticlesJsonList(list, ARTICLES);
  const { db: listDb, ...listRun } = timeImport(list);
  listDb.close();
  const through = (rss: readonly number[]) =>
    [0, 0.25, 0.5, 0.75, 1].map((q) => Math.round(rss[Math.min(rss.length - 1, Math.floor((rss.length - 1) * q))]! / MB));

  const file = join(tempDir(), 'articles.jsonl');
  writeArticlesJsonl(file, ARTICLES);
  const bytes = statSync(file).size;

  const imports = Array.from({ length: RUNS }, () => {
    const { db, ...run } = timeImport(file);
    db.close();
    return { ...run, library: db.name };
  });
  const best = imports.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  // The rows the import stored, inserted raw: the floor SQLite itself sets. Read after the
  // imports, so that holding them does not count in the import's memory.
  const { db: imported } = openDatabase(best.library);
  const rows = imported
    .prepare<[], Row>('SELECT id, title, source, text, text_sha256 AS sha, length, meta, imported_at AS now FROM documents ORDER BY rowid')
    .all()
    .map((row) => ({ ...row, searchTitle: searchForm(row.title), searchText: searchForm(row.text) }));
  // What the list's search index takes in the library.
  const searchIndexBytes = imported.prepare<[], number>('SELECT sum(length(block)) FROM document_search_data').pluck().get()!;
  imported.close();
  const raws = Array.from({ length: RUNS }, () => timeRawInsert(rows, false));
  const raw = Math.min(...raws.map((run) => run.seconds));
  const rawCpu = Math.min(...raws.map((run) => run.cpu));
  const indexedRaws = Array.from({ length: RUNS }, () => timeRawInsert(rows, true));
  const rawIndexed = Math.min(...indexedRaws.map((run) => run.seconds));
  const importCpu = Math.min(...imports.map((run) => run.cpu));

  const result = {
    articles: ARTICLES,
    inputMB: Math.round(bytes / MB),
    runs: RUNS,
    import: {
      seconds: +best.seconds.toFixed(3),
      insertingThreadCpuSeconds: +importCpu.toFixed(3),
      articlesPerSecond: Math.round(ARTICLES / best.seconds),
      peakRssMB: Math.round(Math.max(...imports.flatMap((run) => run.rss)) / MB),
      // Flat memory: RSS at the start, a quarter, half, three quarters of the way, and the end.
      rssMBThroughTheImport: through(best.rss),
      // After the documents are in: the job's catch-up of the corpus words and short lines.
      thenKeepingCorpusTablesSeconds: +best.keepUpSeconds.toFixed(3),
      searchIndexMB: +(searchIndexBytes / MB).toFixed(1),
    },
    jsonList: {
      inputMB: Math.round(statSync(list).size / MB),
      articlesPerSecond: Math.round(ARTICLES / listRun.seconds),
      rssMBThroughTheImport: through(listRun.rss),
    },
    rawInsert: { seconds: +raw.toFixed(3), cpuSeconds: +rawCpu.toFixed(3), articlesPerSecond: Math.round(ARTICLES / raw) },
    importToRawSpeed: +(raw / best.seconds).toFixed(3),
    // Against the floor with the search index filled too, which every import now does (migration 18).
    rawInsertIndexed: { seconds: +rawIndexed.toFixed(3), articlesPerSecond: Math.round(ARTICLES / rawIndexed) },
    importToIndexedRawSpeed: +(rawIndexed / best.seconds).toFixed(3),
    // The import's cost to the thread that inserts, against the raw insert's: less moved by other work on the machine.
    importToRawCpu: +(rawCpu / importCpu).toFixed(3),
    target: 'importToRawSpeed >= 0.6, flat memory',
    node: process.version,
    date: new Date().toISOString(),
  };
  writeBenchResult('import', result);
}

main();
