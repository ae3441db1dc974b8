import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { HamishError } from '../contract/errors.ts';
import { fold } from '../text/normalise.ts';
import { searchForm } from '../text/search-form.ts';
import { HAMISH_APPLICATION_ID, MARKED_FROM, MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/** How long a write waits for another process's write to finish before it gives up. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * A library as opened: for writing (`created` tells a new one), or, where the disk or the
 * permissions allow no writing, for reading only, with the reason.
 */
export type Opened =
  | { readonly db: Db; readonly access: 'read-write'; readonly created: boolean }
  | { readonly db: Db; readonly access: 'read-only'; readonly why: string };

/**
 * Opens (creating if needed) a Hamish database and brings its schema up to date. A file that is
 * not a Hamish library, or is one from a newer Hamish, is refused before anything is written to
 * it. A library that cannot be written is opened for reading only.
 */
export function openDatabase(file: string): Opened {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const why = file === ':memory:' ? null : whyReadOnly(file);
  const db = why === null ? new Database(file) : openForReading(file, why);
  registerFunctions(db);
  try {
    // First: another process may be creating or migrating this library right now; wait for it.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const found = identify(db, file);
    db.pragma('foreign_keys = ON');
    if (why !== null) {
      if (found === 'new') throw new HamishError('unsupported_database', `${file} is empty and read-only (${why}): there is no library in it`);
      if (found < MIGRATIONS.length) {
        throw new HamishError(
          'unsupported_database',
          `${file} is from an older Hamish (schema ${found}) and read-only (${why}): open it once where it can be written, to bring it up to date`,
        );
      }
      return { db, access: 'read-only', why };
    }
    useWal(db);
    // Every commit reaches the disk before it is acknowledged: a power cut must not cost a tag.
    // (FULL is SQLite's default; said here so that no build default can change it.)
    db.pragma('synchronous = FULL');
    const created = migrate(db, found === 'new' ? 0 : found);
    return { db, access: 'read-write', created };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The refusal of any write to a library opened for reading only, with the reason it is. */
export function readOnlyError(file: string, why: string): HamishError {
  return new HamishError('unsupported_database', `the library ${file} is read-only (${why}): nothing can be saved to it`);
}

/**
 * The schema of a Hamish library someone else made (a colleague's copy, opened read-only):
 * refuses a file that is not one, or is one from a newer Hamish.
 */
export function libraryVersion(db: Db, file: string): number {
  const found = identify(db, file);
  if (found === 'new') throw new HamishError('unsupported_database', `${file} is empty, not a Hamish library`);
  return found;
}

/**
 * Why this process cannot write the library at `file` (null: it can). SQLite needs to write the
 * folder too, for the -wal and -shm files beside the library. The disk says so even to root
 * (EROFS), where permission bits would not.
 */
function whyReadOnly(file: string): string | null {
  if (!existsSync(file)) return null;
  for (const [path, what] of [
    [file, 'the file'],
    [dirname(file), 'its folder'],
  ] as const) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      return `${what} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }
  return null;
}

/**
 * A library that cannot be written, opened to be read. SQLite reads a WAL library only with a
 * -shm file beside it, which it cannot make in a read-only folder; a library closed cleanly has
 * none (nor a -wal), and is then read whole into memory, as the single file it is. A -wal left
 * beside it holds commits of its own, so then the file is read in place, -wal and all.
 */
function openForReading(file: string, why: string): Db {
  if (existsSync(`${file}-wal`)) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      db.pragma('user_version');
      return db;
    } catch (error) {
      db.close();
      throw new HamishError(
        'unsupported_database',
        `${file} is read-only (${why}), and ${file}-wal beside it holds changes that SQLite reads only where it can write beside the library (${(error as Error).message}): copy both files to a folder that can be written`,
      );
    }
  }
  const image = readFileSync(file);
  // Bytes 18 and 19 say WAL (2) or rollback journal (1); in memory there is no -wal to look for.
  if (image.length > 19 && image[18] === 2 && image[19] === 2) image.fill(1, 18, 20);
  try {
    return new Database(image, { readonly: true });
  } catch (error) {
    throw new HamishError('unsupported_database', `${file} is not a Hamish database (${(error as Error).message})`);
  }
}

/**
 * What the file is, read before anything is written: 'new' (nothing in it yet), or a Hamish
 * library of the schema version returned. A library carries our application id from step 7 on;
 * one made before it is recognised by its tables and their columns, exactly those of its version.
 */
function identify(db: Db, file: string): 'new' | number {
  // In one read transaction: another process creating the library commits its steps one at a
  // time, and the version and the tables must be read between the same two of them.
  return db.transaction(() => identifyNow(db, file))();
}

function identifyNow(db: Db, file: string): 'new' | number {
  const { version, application, objects } = readHeader(db, file);
  const foreign = () => new HamishError('unsupported_database', `${file} is not a Hamish database (it holds another program's tables)`);
  if (application !== HAMISH_APPLICATION_ID) {
    if (application !== 0) throw foreign();
    if (version === 0 && objects === 0) return 'new';
    if (version === 0 || (version >= MARKED_FROM && version <= MIGRATIONS.length)) throw foreign();
    if (version < MARKED_FROM && tablesOf(db) !== schemaOf(version)) throw foreign();
  }
  if (version > MIGRATIONS.length) {
    throw new HamishError(
      'unsupported_database',
      `${file} was made by a newer Hamish (schema ${version}; this one knows ${MIGRATIONS.length})`,
    );
  }
  return version;
}

/** The schema version, application id and whether anything is in the file, read in one snapshot. */
function readHeader(db: Db, file: string): { version: number; application: number; objects: number } {
  try {
    return db
      .prepare<[], { version: number; application: number; objects: number }>(
        `SELECT (SELECT user_version FROM pragma_user_version) AS version,
                (SELECT application_id FROM pragma_application_id) AS application,
                (SELECT count(*) FROM sqlite_master) AS objects`,
      )
      .get()!;
  } catch (error) {
    throw new HamishError('unsupported_database', `${file} is not a Hamish database (${(error as Error).message})`);
  }
}

/** The tables of a database and their columns, as one comparable text ("table(column,...);..."). */
function tablesOf(db: Db): string {
  return db
    .prepare<[], string>(
      `SELECT group_concat(name || '(' || columns || ')', ';') FROM (
         SELECT m.name, (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info(m.name) ORDER BY cid)) AS columns
         FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name)`,
    )
    .pluck()
    .get() ?? '';
}

/**
 * The SQL functions the schema calls, with which the migrations and a restore fill the search
 * index from the texts already there (an import works out the search form on its reading thread
 * instead): `hamish_fold` (migration 17), `hamish_search_form` (18 on). Any connection that runs
 * the migrations needs them.
 */
export function registerFunctions(db: Database.Database): void {
  db.function('hamish_fold', { deterministic: true }, fold);
  db.function('hamish_search_form', { deterministic: true }, searchForm);
}

const schemas = new Map<number, string>();

/** The tables a library of `version` has: its steps taken on an empty database in memory. */
function schemaOf(version: number): string {
  let tables = schemas.get(version);
  if (tables === undefined) {
    const scratch = new Database(':memory:');
    registerFunctions(scratch);
    try {
      for (const step of MIGRATIONS.slice(0, version)) scratch.exec(step);
      tables = tablesOf(scratch);
    } finally {
      scratch.close();
    }
    schemas.set(version, tables);
  }
  return tables;
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
