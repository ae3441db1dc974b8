import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HamishError } from '../contract/errors.ts';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) a Hamish database and brings its schema up to date. A database made
 * by a newer Hamish is refused before anything is written to it. `created` tells a new library.
 */
export function openDatabase(file: string): { db: Db; created: boolean } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    const version = readVersion(db, file);
    if (version === 0 && db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() !== 0) {
      throw new HamishError('unsupported_database', `${file} is not a Hamish database (it holds another program's tables)`);
    }
    if (version > MIGRATIONS.length) {
      throw new HamishError(
        'unsupported_database',
        `${file} was made by a newer Hamish (schema ${version}; this one knows ${MIGRATIONS.length})`,
      );
    }
    // WAL lets the CLI read while the app writes; the busy timeout makes writers queue, not fail.
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db, version);
    return { db, created: version === 0 };
  } catch (error) {
    db.close();
    throw error;
  }
}

function readVersion(db: Db, file: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new HamishError('unsupported_database', `${file} is not a Hamish database (${(error as Error).message})`);
  }
}

function migrate(db: Db, from: number): void {
  for (let version = from; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
