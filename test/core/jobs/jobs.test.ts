/**
 * The core's jobs (core/jobs/), each in its worker on a connection of its own, against a real
 * library: they answer what the synchronous handlers answer, take turns when they write, and keep
 * their HamishError codes. (A library that can only be read: test/storage, through the CLI.)
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startJob } from '../../../electron/contract/dispatch.ts';
import { HamishError } from '../../../electron/contract/errors.ts';
import { connectionOf } from '../../../electron/core/connection-of.ts';
import { openCore } from '../../support/core.ts';
import { tempDir } from '../../support/hamish.ts';

describe('jobs', () => {
  test('the agreement report and a backup as jobs are what the handlers give', async () => {
    const core = openCore();
    try {
      const [document] = core.call('listDocuments', {});
      core.call('createSpan', { documentId: document!.id, start: 0, end: 3, label: 'claim' });
      core.call('setAnnotator', { name: 'other' });
      core.call('createSpan', { documentId: document!.id, start: 0, end: 5, label: 'claim' });
      const told: { done: number; total: number }[] = [];
      assert.deepEqual(await startJob(core.hamish.jobs, 'agreement', {}, { onProgress: (progress) => told.push(progress) }), core.call('agreement', {}));
      // Documents measured, the last told when the report is done (`hamish agreement` draws its bar from these).
      assert.deepEqual(told.at(-1), { done: 1, total: 1 });
      assert.ok(told.every(({ done, total }) => total === 1 && done <= total));
      const out = join(tempDir(), 'copy.sqlite');
      const { file, bytes } = await startJob(core.hamish.jobs, 'backupLibrary', { out });
      assert.equal(file, out);
      assert.ok(bytes > 0 && existsSync(out));
    } finally {
      core.close();
    }
  });

  test('an import and a restore from the core’s jobs are seen by the connection that answers', async () => {
    const core = openCore({ seed: false });
    try {
      const dir = tempDir();
      const backup = join(dir, 'empty.sqlite');
      await startJob(core.hamish.jobs, 'backupLibrary', { out: backup });
      writeFileSync(join(dir, 'a.txt'), 'خبر عن بغداد.');
      writeFileSync(join(dir, 'b.txt'), 'خبر عن دمشق.');
      // Both at once: writing jobs take turns, and the one waiting says who holds the lock.
      const first = startJob(core.hamish.jobs, 'importFiles', { paths: [join(dir, 'a.txt')] });
      const second = startJob(core.hamish.jobs, 'importFiles', { paths: [join(dir, 'b.txt')] });
      await new Promise((resume) => setImmediate(resume));
      assert.equal(core.hamish.jobs.writing, 'the import of a.txt');
      const reports = await Promise.all([first, second]);
      assert.deepEqual(reports.map((report) => report.imported.length), [1, 1]);
      assert.equal(core.hamish.jobs.writing, undefined);
      // The job brought the corpus words and short lines up to date: no question waits for them.
      const marks = connectionOf(core.hamish).prepare('SELECT (SELECT through FROM words_through) AS words, (SELECT through FROM scope_lines_through) AS lines, (SELECT max(rowid) FROM documents) AS newest');
      const { words, lines, newest } = marks.get() as { words: number; lines: number; newest: number };
      assert.deepEqual([words, lines], [newest, newest]);
      const [document] = core.call('listDocuments', {});
      core.call('createSpan', { documentId: document!.id, start: 0, end: 3, label: 'claim' });
      assert.equal(core.call('listDocuments', {}).length, 2);

      const restored = await startJob(core.hamish.jobs, 'restoreLibrary', { file: backup });
      assert.equal(restored.documents, 0);
      assert.deepEqual(core.call('listDocuments', {}), []);
    } finally {
      core.close();
    }
  });

  test('refusals keep their codes: bad input before the worker starts, the worker’s own after', async () => {
    const core = openCore({ seed: false });
    try {
      await assert.rejects(startJob(core.hamish.jobs, 'importFiles', { paths: [] }), { name: 'HamishError', code: 'invalid_input' });
      await assert.rejects(startJob(core.hamish.jobs, 'restoreLibrary', { file: join(tempDir(), 'none.sqlite') }), (error: unknown) => {
        assert.ok(error instanceof HamishError, String(error));
        assert.notEqual(error.code, 'internal');
        return true;
      });
      await assert.rejects(startJob(core.hamish.jobs, 'exportDataset', { format: 'jsonl', out: tempDir() }), { name: 'HamishError', code: 'io', message: /^cannot write / });
    } finally {
      core.close();
    }
  });
});
