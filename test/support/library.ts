import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/database.ts';
import type { ImportReport } from '../../electron/contract/contract.ts';
import { importFiles } from '../../electron/core/import/import-files.ts';
import { writeArticlesJsonl } from './articles.ts';
import { ANNOTATOR, tempDir } from './hamish.ts';

/** Every row of every table of the library at `file`: two dumps are equal when nothing changed. */
export function dumpLibrary(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // A virtual table (the search index) is dumped as the tables it keeps its rows in; those
    // WITHOUT ROWID are read in their key's order.
    const tables = db
      .prepare<[], { name: string; wr: number }>(
        "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .all();
    return Object.fromEntries(tables.map(({ name, wr }) => [name, db.prepare(`SELECT * FROM "${name}"${wr ? '' : ' ORDER BY rowid'}`).all()]));
  } finally {
    db.close();
  }
}

/**
 * Gives every document of the library at `file` `perDocument` short overlapping spans (one
 * annotator's, of every label), written straight into the table: a big library in seconds.
 */
export function addSpans(file: string, perDocument: number, annotator = 'layla'): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    const labels = ['claim', 'actor', 'location', 'date'];
    const annotatorId = db
      .prepare<[string], number>("INSERT INTO annotators (name, created_at) VALUES (?, '2026-01-01') RETURNING id")
      .pluck()
      .get(annotator)!;
    const insert = db.prepare(`
      INSERT INTO annotations (document_id, annotator_id, label, start, "end", created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`);
    const documents = db.prepare<[], string>('SELECT id FROM documents').pluck().all();
    db.transaction(() => {
      for (const id of documents) for (let k = 0; k < perDocument; k++) insert.run(id, annotatorId, labels[k % 4], k, k + 5);
    })();
  } finally {
    db.close();
  }
}

/**
 * A new library at `file` holding `count` articles made from the samples, imported through the
 * core as `hamish import` would (one JSON Lines file): 100,000 in well under a minute.
 */
export function seedLibrary(file: string, count: number): ImportReport {
  const articles = join(tempDir(), 'articles.jsonl');
  writeArticlesJsonl(articles, count);
  const { db } = openDatabase(file);
  try {
    const report = importFiles(db, [articles], { annotator: ANNOTATOR });
    if (report.imported.length !== count) throw new Error(`seeded ${report.imported.length} of ${count} articles`);
    return report;
  } finally {
    db.close();
  }
}
