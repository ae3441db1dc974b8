import { closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HamishError } from '../../contract/errors.ts';
import type { Db } from '../database.ts';

/**
 * Writes a consistent copy of the library to `out`, whole or not at all, while the app and other
 * processes keep working. VACUUM INTO is SQLite's online snapshot: it reads in one transaction
 * (WAL writers are not held up) and writes a compact single file, with no -wal beside it. It is
 * synchronous, as every contract handler is; better-sqlite3's db.backup() runs on the event loop.
 * `library` is the library's path (not db.name when a library only read is held in memory).
 */
export function writeSnapshot(db: Db, out: string, library: string = db.name): { file: string; bytes: number } {
  if (library !== ':memory:' && sameFile(out, library)) throw new HamishError('invalid_input', `a backup cannot replace the library itself (${out})`);
  const partial = `${out}.partial-${process.pid}`;
  try {
    rmSync(partial, { force: true });
    db.prepare('VACUUM INTO ?').run(partial);
    // VACUUM INTO does not sync what it wrote: a backup must survive a power cut like the library.
    syncFile(partial);
    renameSync(partial, out);
    // The rename itself is durable once the folder is synced (Windows cannot open a folder so).
    if (process.platform !== 'win32') syncFile(dirname(out));
  } catch (error) {
    rmSync(partial, { force: true });
    throw new HamishError('io', `cannot write the backup ${out}: ${(error as Error).message}`);
  }
  return { file: out, bytes: statSync(out).size };
}

function sameFile(a: string, b: string): boolean {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  return real(a) === real(b);
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
