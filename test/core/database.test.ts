import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { assertHamishError, openCore } from '../support/core.ts';
import { SEED_IDS } from '../support/fixtures.ts';
import { tempDir } from '../support/hamish.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const seedIds = SEED_IDS;

describe('opening a library', () => {
  test('a new library holds the five sample articles, ids named after their files', () => {
    const core = openCore();
    try {
      assert.equal(seedIds.length, 5);
      const documents = core.call('listDocuments', {});
      assert.deepEqual(
        documents.map((d) => d.id),
        seedIds,
      );
      for (const d of documents) {
        assert.equal(d.status, 'new');
        assert.equal(d.spanCount, 0);
        assert.ok(d.length > 0 && d.title.length > 0);
      }
    } finally {
      core.close();
    }
  });

  test('the samples are not loaded again when the library is reopened', () => {
    const first = openCore();
    const gone = seedIds[0]!;
    connectionOf(first.hamish).prepare('DELETE FROM documents WHERE id = ?').run(gone);
    first.close();
    const again = openCore({ file: first.file });
    try {
      const ids = again.call('listDocuments', {}).map((d) => d.id);
      assert.equal(ids.length, 4);
      assert.ok(!ids.includes(gone));
    } finally {
      again.close();
    }
  });

  test('seed: false makes an empty library, and it stays empty', () => {
    const core = openCore({ seed: false });
    assert.deepEqual(core.call('listDocuments', {}), []);
    core.close();
    const again = openCore({ file: core.file });
    try {
      assert.deepEqual(again.call('listDocuments', {}), []);
    } finally {
      again.close();
    }
  });

  test('the database is in WAL mode and at the latest schema version', () => {
    const core = openCore({ seed: false });
    core.close();
    const db = new Database(core.file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
      assert.ok(MIGRATIONS.length >= 1);
    } finally {
      db.close();
    }
  });

  for (const wal of [false, true]) {
    test(`a library from a newer Hamish is refused and left untouched (${wal ? 'WAL' : 'rollback journal'})`, () => {
      const file = join(tempDir(), 'newer.sqlite');
      const newer = new Database(file);
      if (wal) newer.pragma('journal_mode = WAL');
      newer.exec('CREATE TABLE future (x TEXT)');
      newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      newer.close();
      const before = readFileSync(file);

      assertHamishError(
        () => openCore({ file }),
        'unsupported_database',
        new RegExp(`newer Hamish \\(schema ${MIGRATIONS.length + 1}; this one knows ${MIGRATIONS.length}\\)`),
      );

      assert.deepEqual(readFileSync(file), before);
      assert.ok(!existsSync(`${file}-wal`), 'no WAL file left behind');
      const check = new Database(file, { readonly: true });
      try {
        assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length + 1);
        const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
        assert.deepEqual(tables, ['future']);
      } finally {
        check.close();
      }
    });
  }

  test('a file that is not SQLite is refused with a clear message and left untouched', () => {
    const file = join(tempDir(), 'notes.sqlite');
    const content = 'These are my notes, not a database.\n'.repeat(200);
    writeFileSync(file, content);
    assertHamishError(() => openCore({ file }), 'unsupported_database', /notes\.sqlite is not a Hamish database/);
    assert.equal(readFileSync(file, 'utf8'), content);
  });

  test("another program's SQLite database is refused and left untouched", () => {
    const file = join(tempDir(), 'other-app.sqlite');
    const other = new Database(file);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    const before = readFileSync(file);
    assertHamishError(() => openCore({ file }), 'unsupported_database', /other-app\.sqlite is not a Hamish database/);
    assert.deepEqual(readFileSync(file), before);
    const check = new Database(file, { readonly: true });
    try {
      assert.equal(check.pragma('journal_mode', { simple: true }), 'delete');
      assert.deepEqual(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(), ['notes']);
    } finally {
      check.close();
    }
  });

  test('an empty file is taken as a new library', () => {
    const file = join(tempDir(), 'empty.sqlite');
    writeFileSync(file, '');
    const core = openCore({ file });
    try {
      assert.equal(core.call('listDocuments', {}).length, 5);
    } finally {
      core.close();
    }
  });

  test('document text is immutable: a direct UPDATE is stopped by the trigger', () => {
    const core = openCore();
    try {
      const id = seedIds[1]!;
      const update = connectionOf(core.hamish).prepare("UPDATE documents SET text = 'changed' WHERE id = ?");
      assert.throws(() => update.run(id), /a document's text is immutable/);
      assert.throws(
        () => connectionOf(core.hamish).prepare('UPDATE documents SET length = length + 1 WHERE id = ?').run(id),
        /immutable/,
      );
      const { text } = core.call('openDocument', { id });
      assert.notEqual(text, 'changed');
      // Other columns may still change.
      connectionOf(core.hamish).prepare("UPDATE documents SET title = 'retitled' WHERE id = ?").run(id);
      assert.equal(core.call('openDocument', { id }).summary.title, 'retitled');
    } finally {
      core.close();
    }
  });
});
