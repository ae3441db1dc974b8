import Database from 'better-sqlite3';
import { HamishError } from '../contract/errors.ts';

/**
 * A write the disk or another process refuses (full, read-only, locked past the busy timeout) is
 * not the analyst's mistake: it is said as an 'io' error with SQLite's reason, so the UI keeps the
 * change on screen to try again rather than dropping it. Every path into the core (handlers and
 * jobs) says it so.
 */
export function storageError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) {
    return new HamishError('io', `the library cannot be written now (${error.code}): ${error.message}`, { cause: error });
  }
  return error;
}
