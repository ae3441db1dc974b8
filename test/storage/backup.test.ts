/** Backups: taken while the library is in use, restored after checks, rolled automatically. */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { backupsDir, backupSettings, listBackups, rollingBackup } from '../../electron/core/backup/backups.ts';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { SCHEMA_1_DOCUMENTS } from '../fixtures/schema-1.ts';
import { assertHamishError, codePointRange, openCore, type OpenCore } from '../support/core.ts';
import { EMOJI_TEXT, libraryWithEmojiSpans, SEED_IDS } from '../support/fixtures.ts';
import { ANNOTATOR, assertCliError, exportJsonl, PROJECT_ROOT, runCli, startServe, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';
import { startWriter } from './writer.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

function withCore<T>(file: string, run: (core: OpenCore) => T): T {
  const core = openCore({ file });
  try {
    return run(core);
  } finally {
    core.close();
  }
}

describe('hamish backup and restore', () => {
  test('round trip: what the backup held comes back, and the library as it was is kept', async () => {
    const { db, id } = libraryWithEmojiSpans();
    const backup = join(tempDir(), 'monday.sqlite');
    const taken = await runCli(['backup', '--out', backup, '--db', db]);
    assert.equal(taken.code, 0, taken.stderr);
    assert.match(taken.stderr, /^backed up the library to .*monday\.sqlite \(\d+ bytes\)\n$/);
    const atBackup = await exportJsonl(db);

    // Work after the backup: a span added, the document done.
    withCore(db, (core) => {
      core.call('createSpan', { documentId: id, ...codePointRange(EMOJI_TEXT, 'سيُعقد'), label: 'claim' });
      core.call('setDocumentStatus', { id, status: 'done' });
    });
    const afterBackup = await exportJsonl(db);
    assert.notDeepEqual(afterBackup, atBackup);

    const restored = await runCli(['restore', backup, '--db', db]);
    assert.equal(restored.code, 0, restored.stderr);
    const [, previous] = /the library as it was is kept in (.*)\n/.exec(restored.stderr) ?? [];
    assert.ok(previous && existsSync(previous), restored.stderr);
    assert.equal(dirname(previous), backupsDir(db));
    assert.deepEqual(await exportJsonl(db), atBackup);
    // The copy kept before the restore holds the work done after the backup.
    assert.deepEqual(await exportJsonl(previous), afterBackup);

    const listed = await runCli(['backup', '--list', '--db', db]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`before-restore +\\d+  ${previous.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  });

  test('a backup is taken while another process keeps saving, and is a whole library', async () => {
    const { file } = openCore();
    const writer = startWriter(file, 'busy');
    const backup = join(tempDir(), 'online.sqlite');
    try {
      await writer.untilAcknowledged(10);
      const result = await runCli(['backup', '--out', backup, '--db', file]);
      assert.equal(result.code, 0, result.stderr);
      await writer.untilAcknowledged(writer.acknowledged().length + 10);
    } finally {
      writer.kill('SIGTERM');
    }
    await writer.exited;
    assert.equal(writer.stderr(), '');
    const copy = new Database(backup, { readonly: true });
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(copy.pragma('user_version', { simple: true }), MIGRATIONS.length);
      assert.ok((copy.prepare('SELECT count(*) FROM annotations').pluck().get() as number) >= 10);
    } finally {
      copy.close();
    }
  });

  test('a backup never replaces the library itself', async () => {
    const { file } = openCore();
    const before = dumpLibrary(file);
    assertCliError(await runCli(['backup', '--out', file, '--db', file, '--annotator', ANNOTATOR]), /a backup cannot replace the library itself/);
    assert.deepEqual(dumpLibrary(file), before);
  });

  test('restore refuses what is not a Hamish library this Hamish can open, and changes nothing', async () => {
    const { file } = openCore();
    const dir = tempDir();
    const candidates: Record<string, RegExp> = {
      [join(dir, 'notes.txt')]: /is not a Hamish library \(file is not a database\)/,
      [join(dir, 'empty.sqlite')]: /is not a Hamish library \(it is empty\)/,
      [join(dir, 'other.sqlite')]: /other\.sqlite is not a Hamish database \(it holds another program's tables\)/,
      [join(dir, 'newer.sqlite')]: /newer\.sqlite was made by a newer Hamish/,
      [join(dir, 'missing.sqlite')]: /cannot open .*missing\.sqlite/,
    };
    writeFileSync(join(dir, 'notes.txt'), 'قال الرئيس'.repeat(100));
    new Database(join(dir, 'empty.sqlite')).close();
    const other = new Database(join(dir, 'other.sqlite'));
    other.exec('CREATE TABLE invoices (id INTEGER)');
    other.close();
    const newer = new Database(join(dir, 'newer.sqlite'));
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();

    const before = dumpLibrary(file);
    for (const [candidate, message] of Object.entries(candidates)) {
      assertCliError(await runCli(['restore', candidate, '--db', file, '--annotator', ANNOTATOR]), message);
    }
    assert.deepEqual(dumpLibrary(file), before);
    assert.equal(existsSync(backupsDir(file)) ? readdirSync(backupsDir(file)).length : 0, 0, 'nothing kept: nothing replaced');
  });
});

describe('restore through the contract', () => {
  test('a backup from the first schema is brought up to date as it comes back', () => {
    const { file } = openCore();
    const old = join(tempDir(), 'schema-1.sqlite');
    copyFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'schema-1.sqlite'), old);
    withCore(file, (core) => {
      const result = core.call('restoreLibrary', { file: old });
      assert.deepEqual([result.documents, result.spans], [3, 4]);
      assert.deepEqual(
        core.call('listDocuments', {}).map((d) => d.id),
        SCHEMA_1_DOCUMENTS.map((d) => d.id).sort(),
      );
      assert.equal(connectionOf(core.hamish).pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(connectionOf(core.hamish).pragma('foreign_key_check'), []);
    });
  });

  test('spans go on the restored texts, not on texts the library had under the same id', () => {
    const dir = tempDir();
    const first = openCore({ file: join(dir, 'a.sqlite'), seed: false });
    const second = openCore({ file: join(dir, 'b.sqlite'), seed: false });
    try {
      for (const [core, text] of [
        [first, 'قال الرئيس في الرياض'],
        [second, 'وَقَالَ المتحدث في القاهرة'],
      ] as const) {
        writeFileSync(join(dir, 'report.txt'), text);
        core.call('importFiles', { paths: [join(dir, 'report.txt')] });
      }
      // The first library edits "report", so its text is known to it; then it takes the second's.
      first.call('createSpan', { documentId: 'report', start: 0, end: 3, label: 'claim' });
      const backup = join(dir, 'b-backup.sqlite');
      second.call('backupLibrary', { out: backup });
      first.call('restoreLibrary', { file: backup });
      // Offset 1 falls between و and its mark in the restored text: refused, as it must be.
      assertHamishError(() => first.call('createSpan', { documentId: 'report', start: 1, end: 7, label: 'actor' }), 'invalid_input', /splits a letter/);
      assert.equal(first.call('openDocument', { id: 'report' }).text, 'وَقَالَ المتحدث في القاهرة');
      assert.equal(first.call('listBackups', {})[0]!.kind, 'before-restore');
    } finally {
      first.close();
      second.close();
    }
  });
});

describe('automatic backups', () => {
  test('at most one an hour; only the newest N are kept', () => {
    const core = openCore();
    try {
      const db = connectionOf(core.hamish);
      const settings = { keep: 3, everyMs: 60 * 60 * 1000 };
      const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
      const taken = [0, 30, 60, 61, 125, 190, 260].map((minutes) => rollingBackup(db, settings, at(minutes))?.createdAt ?? null);
      assert.deepEqual(taken, [at(0), null, at(60), null, at(125), at(190), at(260)].map((date) => date?.toISOString() ?? null));
      const kept = listBackups(db.name);
      assert.deepEqual(
        kept.map((backup) => [backup.kind, backup.createdAt]),
        [at(260), at(190), at(125)].map((date) => ['automatic', date.toISOString()]),
      );
      for (const backup of kept) {
        assert.match(basename(backup.file), /^hamish-automatic-2026-01-01T\d\d-\d\d-00-000Z\.sqlite$/);
        const copy = new Database(backup.file, { readonly: true });
        assert.deepEqual(copy.prepare('SELECT id FROM documents ORDER BY id').pluck().all(), SEED_IDS);
        copy.close();
      }
      assert.equal(rollingBackup(db, { ...settings, keep: 0 }, at(1000)), null, 'keep 0: none');
    } finally {
      core.close();
    }
  });

  test('HAMISH_BACKUPS sets how many are kept', () => {
    assert.equal(backupSettings({}).keep, 10);
    assert.equal(backupSettings({ HAMISH_BACKUPS: '0' }).keep, 0);
    assert.throws(() => backupSettings({ HAMISH_BACKUPS: 'many' }), /whole number/);
  });

  test('web mode takes one as it starts', async () => {
    const { file } = openCore();
    const server = await startServe(file);
    try {
      const backups = withCore(file, (core) => core.call('listBackups', {}));
      assert.equal(backups.length, 1);
      assert.equal(backups[0]!.kind, 'automatic');
    } finally {
      await server.stop();
    }
  });
});
