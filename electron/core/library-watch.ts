import { statSync } from 'node:fs';
import { HamishError } from '../contract/errors.ts';
import type { Db } from './database.ts';

/**
 * What tells this connection that its library changed underneath it, checked inside each write
 * transaction before anything cached is used or the write is acknowledged:
 *
 * - another connection committed (PRAGMA data_version moved): a second app, the CLI's import or
 *   restore. A restore renumbers annotators and may give a document id another text, so what the
 *   core keeps about the library must be looked up again.
 * - the path no longer names the file this connection has open: the library was deleted, or
 *   another file was put in its place. SQLite would go on committing to the file it has open,
 *   unreachable by name, and every save acknowledged from then on would be lost.
 */
export class LibraryWatch {
  private readonly file: string;
  /** The device and inode of the file opened; null for a library in memory, which no path names. */
  private readonly opened: { readonly dev: number; readonly ino: number } | null;
  private readonly dataVersion;
  private seen: number;

  constructor(db: Db) {
    this.file = db.name;
    this.opened = db.memory ? null : statSync(db.name);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.seen = this.dataVersion.get()!;
  }

  /**
   * Refuses the write (an 'io' error: the change stays on screen to send again) when the path
   * holds another file or none; true when another connection has committed since the last call.
   */
  beforeWrite(): boolean {
    if (this.opened) {
      const now = statSync(this.file, { throwIfNoEntry: false });
      if (!now) throw new HamishError('io', `the library ${this.file} was deleted while Hamish had it open: nothing more can be saved to it (put the file back, or restart Hamish)`);
      if (now.dev !== this.opened.dev || now.ino !== this.opened.ino) {
        throw new HamishError('io', `the library ${this.file} was replaced by another file while Hamish had it open: nothing more is saved to the old one (restart Hamish to open the new one)`);
      }
    }
    const version = this.dataVersion.get()!;
    const changed = version !== this.seen;
    this.seen = version;
    return changed;
  }
}
