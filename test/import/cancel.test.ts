/** Big imports: progress as they go, and a cancel that leaves out the file being read, whole. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { importSteps, type ImportProgress } from '../../electron/core/import/import-files.ts';
import { writeArticlesJsonl } from '../support/articles.ts';
import { openCore } from '../support/core.ts';
import { ANNOTATOR, HAMISH_BIN, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

function threeFiles(): string[] {
  const dir = tempDir();
  const files = ['a.jsonl', 'b.jsonl', 'c.txt'].map((name) => join(dir, name));
  writeArticlesJsonl(files[0]!, 3);
  writeFileSync(files[1]!, [4, 5, 6].map((n) => JSON.stringify({ text: `مقال رقم ${n}` })).join('\n'));
  writeFileSync(files[2]!, 'مقال أخير');
  return files;
}

describe('a long import', () => {
  test('yields progress after every article, up to every byte of every file', () => {
    const core = openCore({ seed: false });
    try {
      const steps = importSteps(connectionOf(core.hamish), threeFiles(), { annotator: ANNOTATOR });
      const seen: ImportProgress[] = [];
      let step = steps.next();
      for (; !step.done; step = steps.next()) seen.push(step.value);
      assert.equal(step.value.imported.length, 7);
      const last = seen.at(-1)!;
      assert.deepEqual([last.filesDone, last.filesTotal, last.documents], [3, 3, 7]);
      assert.equal(last.bytesDone, last.bytesTotal);
      for (const [i, progress] of seen.entries()) {
        if (i > 0) assert.ok(progress.bytesDone >= seen[i - 1]!.bytesDone, 'bytes only grow');
      }
    } finally {
      core.close();
    }
  });

  test('cancelled in the middle of a file: the files before it stay, nothing of it does', () => {
    const core = openCore({ seed: false });
    try {
      const files = threeFiles();
      const stop = new AbortController();
      const steps = importSteps(connectionOf(core.hamish), files, { annotator: ANNOTATOR, signal: stop.signal });
      let step = steps.next();
      // Two articles of b.jsonl are in (uncommitted) when the cancel comes.
      while (!step.done && step.value.documents < 5) step = steps.next();
      stop.abort();
      while (!step.done) step = steps.next();
      assert.equal(step.value.cancelled, true);
      assert.deepEqual(step.value.failed, [{ file: files[1], reason: 'cancelled; nothing from this file was kept' }]);
      assert.deepEqual(
        core.call('listDocuments', {}).map((d) => d.id),
        ['article-1', 'article-2', 'article-3'],
      );
      assert.equal(connectionOf(core.hamish).inTransaction, false);
    } finally {
      core.close();
    }
  });

  test('abandoned half way (the generator closed): the file is rolled back', () => {
    const core = openCore({ seed: false });
    try {
      const before = dumpLibrary(core.file);
      const steps = importSteps(connectionOf(core.hamish), threeFiles(), { annotator: ANNOTATOR });
      steps.next();
      steps.next();
      steps.return(undefined as never);
      assert.equal(connectionOf(core.hamish).inTransaction, false);
      assert.deepEqual(dumpLibrary(core.file), before);
    } finally {
      core.close();
    }
  });

  test('Ctrl+C on the command line: exit 130, the file being read left out whole', async () => {
    const dir = tempDir();
    const small = join(dir, '1-small.jsonl');
    const big = join(dir, '2-big.jsonl');
    writeFileSync(small, JSON.stringify({ id: 'small', text: 'مقال قصير' }) + '\n');
    writeArticlesJsonl(big, 30_000);
    const db = join(dir, 'library.sqlite');
    openCore({ file: db, seed: false }).close();

    const child = spawn(process.execPath, [HAMISH_BIN, 'import', small, big, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    // Once the small file is committed, the big one is being read: that is when to interrupt.
    const reader = new Database(db, { readonly: true });
    try {
      const hasSmall = reader.prepare("SELECT 1 FROM documents WHERE id = 'small'").pluck();
      while (!hasSmall.get()) {
        assert.equal(child.exitCode, null, `the import ended before it could be interrupted:\n${stdout}${stderr}`);
        await sleep(5);
      }
      child.kill('SIGINT');
      assert.equal(await exited, 130, stderr);
      assert.deepEqual(
        reader.prepare('SELECT id FROM documents').pluck().all(),
        ['small'],
      );
    } finally {
      reader.close();
    }
    assert.deepEqual(stdout.trim().split('\n'), [`imported  ${small}:1 as small`, '1 imported, 0 duplicates, 1 failed']);
    assert.deepEqual(stderr.trim().split('\n'), [
      `failed    ${big}: cancelled; nothing from this file was kept`,
      'hamish: import stopped; the file being read was left out, the files before it went in',
    ]);
  });
});
