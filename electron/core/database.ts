import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HamishError } from '../contract/errors.ts';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/** How long a write waits for another process's write to finish before it gives up. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) a Hamish database and brings its schema up to date. A database made
 * by a newer Hamish is refused before anything is written to it. `created` tells a new library.
 */
export function openDatabase(file: string): { db: Db; created: boolean } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // First: another process may be creating or migrating this library right now; wait for it.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const { version, objects } = readVersion(db, file);
    if (version !== 0 || objects !== 0) checkSchema(version, file);
    useWal(db);
    // Every commit reaches the disk before it is acknowledged: a power cut must not cost a tag.
    // (FULL is SQLite's default; said here so that no build default can change it.)
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const created = migrate(db, version);
    return { db, created };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The schema of a Hamish library someone else made (a colleague's copy, opened read-only):
 * refuses a file that is not one, or is one from a newer Hamish.
 */
export function libraryVersion(db: Db, file: string): number {
  const { version, objects } = readVersion(db, file);
  if (version === 0 && objects === 0) throw new HamishError('unsupported_database', `${file} is empty, not a Hamish library`);
  checkSchema(version, file);
  return version;
}

function checkSchema(version: number, file: string): void {
  if (version === 0) {
    throw new HamishError('unsupported_database', `${file} is not a Hamish database (it holds another program's tables)`);
  }
  if (version > MIGRATIONS.length) {
    throw new HamishError(
      'unsupported_database',
      `${file} was made by a newer Hamish (schema ${version}; this one knows ${MIGRATIONS.length})`,
    );
  }
}

/**
 * WAL lets the CLI read while the app writes. Switching a new file to it needs the file to
 * itself, and SQLite does not wait for that (no busy handler), so when a second process is
 * opening the same new library at this moment, this waits its turn as a write would.
 */
function useWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/** The schema version and whether anything is in the file, read together (one snapshot). */
function readVersion(db: Db, file: string): { version: number; objects: number } {
  try {
    return db
      .prepare<[], { version: number; objects: number }>(
        'SELECT (SELECT user_version FROM pragma_user_version) AS version, (SELECT count(*) FROM sqlite_master) AS objects',
      )
      .get()!;
  } catch (error) {
    throw new HamishError('unsupported_database', `${file} is not a Hamish database (${(error as Error).message})`);
  }
}

/** Takes the steps not taken yet; true if this process created the library (took step 1). */
function migrate(db: Db, from: number): boolean {
  let created = false;
  for (let version = from; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      // Under the write lock, look again: another process opening the library at the same time
      // may have taken this step since the version was read.
      if ((db.pragma('user_version', { simple: true }) as number) > version) return;
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
      if (version === 0) created = true;
    }).immediate();
  }
  return created;
}
