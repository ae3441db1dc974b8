/** Another process holding a library's write lock, as a second app, the CLI or a backup may. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { PROJECT_ROOT } from './hamish.ts';

export interface WriteLock {
  /** Commits and lets go; resolves once the holder has exited. */
  release(): Promise<void>;
}

/** Takes the library's write lock in another process and holds it until released. */
export async function holdWriteLock(db: string): Promise<WriteLock> {
  const holder: ChildProcess = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Database from 'better-sqlite3';
       const db = new Database(process.argv[1]);
       db.exec('BEGIN IMMEDIATE');
       console.log('locked');
       process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
      db,
    ],
    { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [line] = (await once(holder.stdout!, 'data')) as [Buffer];
  assert.equal(line.toString().trim(), 'locked');
  return {
    release: async () => {
      const exited = once(holder, 'exit');
      holder.stdin!.write('release\n');
      await exited;
    },
  };
}
