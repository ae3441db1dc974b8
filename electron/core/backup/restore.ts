import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HamishError } from '../../contract/errors.ts';
import { openDatabase, type Db, type Opened } from '../database.ts';
import { writeSnapshot } from './snapshot.ts';

export interface Restored {
  readonly restored: string;
  /** The copy of the library as it was just before. */
  readonly previous: string;
  readonly documents: number;
  readonly spans: number;
}

/**
 * Replaces the library's contents with those of the backup `file`, after keeping a copy of it as
 * it is in `previous`. The backup is checked first: a Hamish library (an older schema is brought
 * up to date; a newer one, another program's database or a damaged file is refused).
 *
 * The rows are copied inside the open library in one transaction, not by swapping files: another
 * process (the app, web mode) may have it open, and a swapped file would leave it writing to the
 * old one, its work lost. This way every connection sees the old library or the restored one.
 */
export function restoreLibrary(db: Db, file: string, previous: string): Restored {
  const staging = mkdtempSync(join(tmpdir(), 'hamish-restore-'));
  try {
    const copy = stagedCopy(file, join(staging, 'library.sqlite'));
    writeSnapshot(db, previous);
    db.prepare('ATTACH DATABASE ? AS restored').run(copy);
    try {
      db.transaction(() => {
        // Rows go in table by table; the foreign keys are checked once all are in. Every table is
        // emptied before any is filled: a cascading delete must not take restored rows along.
        db.pragma('defer_foreign_keys = ON');
        const tables = tablesOf(db);
        for (const table of tables) db.exec(`DELETE FROM main."${table}"`);
        for (const table of tables) {
          const columns = db
            .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
            .all(table)
            .map(({ name }) => `"${name}"`)
            .join(', ');
          db.exec(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM restored."${table}"`);
        }
        // The search index's own tables take no rows from outside: it is built again from the texts.
        db.exec(`
          INSERT INTO main.document_search (document_search) VALUES ('delete-all');
          INSERT INTO main.document_search (rowid, title, text) SELECT rowid, hamish_search_form(title), hamish_search_form(text) FROM main.documents`);
      }).immediate();
    } finally {
      db.exec('DETACH DATABASE restored');
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { restored: file, previous, documents: count('documents'), spans: count('annotations') };
}

/**
 * A snapshot of the backup, opened and migrated as the app opens a library: what is copied then
 * has exactly this Hamish's tables. The backup file itself is only read.
 */
function stagedCopy(file: string, copy: string): string {
  let source: Db;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new HamishError('not_found', `cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    source.prepare('VACUUM INTO ?').run(copy);
  } catch (error) {
    throw new HamishError('unsupported_database', `${file} is not a Hamish library (${(error as Error).message})`);
  } finally {
    source.close();
  }
  let opened: Opened;
  try {
    opened = openDatabase(copy);
  } catch (error) {
    // openDatabase names the file it was given; the analyst knows the backup by its own name.
    if (error instanceof HamishError) throw new HamishError(error.code, error.message.replaceAll(copy, file));
    throw error;
  }
  try {
    if (opened.access === 'read-write' && opened.created) throw new HamishError('unsupported_database', `${file} is not a Hamish library (it is empty)`);
    const check = opened.db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new HamishError('unsupported_database', `${file} is damaged (${String(check)})`);
  } finally {
    opened.db.close();
  }
  return copy;
}

/** The library's tables, SQLite's counter of AUTOINCREMENT ids among them; not the search index's. */
function tablesOf(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND (name NOT LIKE 'sqlite_%' OR name = 'sqlite_sequence')`,
    )
    .all()
    .map(({ name }) => name);
}
