/**
 * Web mode stages files in the system temp folder: an upload's copy until it is imported, an
 * export until it is downloaded. A server that crashes leaves them behind (an upload's copy can be
 * tens of MB), so each folder's name carries the pid of its server, and a server starting removes
 * the folders of servers that are gone. A running server's folders are never touched.
 */
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Staging = 'upload' | 'download';

/** A new folder of this server's for one upload or export. */
export function stagingDir(kind: Staging): string {
  return mkdtempSync(join(tmpdir(), `hamish-${kind}-${process.pid}-`));
}

/** hamish-upload-PID-XXXXXX; before names carried the pid, hamish-upload-XXXXXX. */
const STAGED = /^hamish-(?:upload|download)-(?:(\d+)-)?[A-Za-z0-9]{6}$/;

/** A folder named the old way is taken to be left behind once it is this old. */
const UNOWNED_AGE_MS = 24 * 3600_000;

/** Removes the staged folders in the temp folder that no running server holds. */
export function removeStaleStaging(): void {
  const now = Date.now();
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const match = STAGED.exec(name);
    if (!match) continue;
    const path = join(tmpdir(), name);
    try {
      const stat = lstatSync(path);
      // The temp folder is shared: only our own real folders, never a link someone put there.
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
      const stale = match[1] === undefined ? now - stat.mtimeMs > UNOWNED_AGE_MS : !running(Number(match[1]));
      if (!stale) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone meanwhile, or not ours to remove: either way nothing to do.
    }
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
