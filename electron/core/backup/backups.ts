/**
 * The library's own backups, in a `backups` folder beside it: automatic ones taken when the app
 * starts (the last N kept), and the copy taken just before a restore.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { HamishError } from '../../contract/errors.ts';
import type { Db } from '../database.ts';
import { restoreLibrary, type Restored } from './restore.ts';
import { writeSnapshot } from './snapshot.ts';

export type BackupKind = 'automatic' | 'before-restore';

export interface Backup {
  readonly file: string;
  readonly kind: BackupKind;
  /** ISO 8601, from the file's name (a copied file keeps it; its mtime would not). */
  readonly createdAt: string;
  readonly bytes: number;
}

export interface BackupSettings {
  /** Automatic backups kept; 0 turns them off. */
  readonly keep: number;
  /** No new automatic backup until the newest is this old. */
  readonly everyMs: number;
}

export const DEFAULT_BACKUPS: BackupSettings = { keep: 10, everyMs: 60 * 60 * 1000 };

/** The settings, with `HAMISH_BACKUPS=N` to keep another number (0: none). */
export function backupSettings(env: NodeJS.ProcessEnv = process.env): BackupSettings {
  const keep = env.HAMISH_BACKUPS;
  if (keep === undefined || keep === '') return DEFAULT_BACKUPS;
  if (!/^\d+$/.test(keep)) throw new HamishError('invalid_input', `HAMISH_BACKUPS must be a whole number, not "${keep}"`);
  return { ...DEFAULT_BACKUPS, keep: Number(keep) };
}

/** The library's file, by its path (a library only read is held in memory, so db.name is not it). */
function libraryFile(library: string): string {
  if (library === ':memory:') throw new HamishError('invalid_input', 'a library in memory has no backups');
  return library;
}

export function backupsDir(library: string): string {
  return join(dirname(library), 'backups');
}

/** hamish-automatic-2026-01-31T09-05-00-000Z.sqlite: sorts by time, and says what it is. */
function backupName(library: string, kind: BackupKind, at: Date): string {
  return `${basename(library, extname(library))}-${kind}-${at.toISOString().replace(/[:.]/g, '-')}.sqlite`;
}

function parseName(library: string, name: string): { kind: BackupKind; createdAt: string } | null {
  const stem = basename(library, extname(library));
  const match = /^(.*)-(automatic|before-restore)-(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.sqlite$/.exec(name);
  if (!match || match[1] !== stem) return null;
  return { kind: match[2] as BackupKind, createdAt: `${match[3]}:${match[4]}:${match[5]}.${match[6]}Z` };
}

/** The backups of the library at `path`, newest first. */
export function listBackups(path: string): Backup[] {
  const library = libraryFile(path);
  const dir = backupsDir(library);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const parsed = parseName(library, name);
      return parsed ? [{ file: join(dir, name), ...parsed, bytes: statSync(join(dir, name)).size }] : [];
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Takes an automatic backup unless the newest is younger than `everyMs`, then deletes the
 * automatic ones beyond the newest `keep`. Returns the new backup, or null if none was due.
 */
export function rollingBackup(db: Db, settings: BackupSettings, now: Date = new Date()): Backup | null {
  if (settings.keep <= 0) return null;
  const library = libraryFile(db.name);
  const automatic = listBackups(library).filter((backup) => backup.kind === 'automatic');
  const newest = automatic[0];
  if (newest && now.getTime() - Date.parse(newest.createdAt) < settings.everyMs) return null;
  mkdirSync(backupsDir(library), { recursive: true });
  const { file, bytes } = writeSnapshot(db, join(backupsDir(library), backupName(library, 'automatic', now)));
  for (const old of automatic.slice(settings.keep - 1)) rmSync(old.file, { force: true });
  return { file, kind: 'automatic', createdAt: now.toISOString(), bytes };
}

/** Restores the backup `file`, keeping the library as it was among the backups. */
export function restoreFromBackup(db: Db, file: string, now: Date = new Date()): Restored {
  const library = libraryFile(db.name);
  mkdirSync(backupsDir(library), { recursive: true });
  return restoreLibrary(db, file, join(backupsDir(library), backupName(library, 'before-restore', now)));
}
