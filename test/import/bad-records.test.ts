/**
 * One bad record fails its own file, at its line (or, in a library file, its document), and
 * nothing else: the file is left out whole, the files after it still go in, the library keeps
 * what it had. Also for records no check foresaw, and for a colleague's damaged library file.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { addText, openCore } from '../support/core.ts';
import { runCli, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';
import { withEmptyLibrary } from './helpers.ts';

/** `{"a": {"a": … 1 …}}`, `depth` objects deep. */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A good file before and one after `bad`, in a folder of their own. */
function around(bad: { name: string; content: string | Buffer }): { first: string; bad: string; last: string } {
  const dir = tempDir();
  const files = { first: join(dir, 'first.jsonl'), bad: join(dir, bad.name), last: join(dir, 'last.txt') };
  writeFileSync(files.first, '{"id": "first", "text": "قال الوزير إن المحادثات مستمرة."}\n');
  writeFileSync(files.bad, bad.content);
  writeFileSync(files.last, 'وصل الوفد إلى الرياض.');
  return files;
}

describe('a bad record fails its own file only', () => {
  test('metadata nested 5,000 deep: a failed line; the files after it go in (hamish import)', async () => {
    const files = around({
      name: 'deep.jsonl',
      content: `{"id": "fine", "text": "نص أول"}\n{"id": "deep", "text": "نص ثان", "meta": ${nested(5000)}}\n`,
    });
    const db = join(tempDir(), 'library.sqlite');
    const result = await runCli(['import', files.first, files.bad, files.last, '--db', db, '--no-seeds']);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `failed    ${files.bad}:2: metadata "a" is nested more than 100 levels deep\n`);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      `imported  ${files.first}:1 as first`,
      `imported  ${files.last} as last`,
      '2 imported, 0 duplicates, 1 failed',
    ]);
    const ids = dumpLibrary(db).documents!.map((row) => (row as { id: string }).id);
    assert.deepEqual(ids, ['first', 'last'], 'nothing of deep.jsonl, not even its good line 1');
  });

  test('metadata 100 levels deep is kept', () => {
    withEmptyLibrary((core) => {
      const { bad } = around({ name: 'deep.jsonl', content: `{"id": "deep", "text": "نص", "meta": ${nested(99)}}\n` });
      const report = core.call('importFiles', { paths: [bad] });
      assert.deepEqual(report.failed, []);
      assert.deepEqual(core.call('openDocument', { id: 'deep' }).meta, JSON.parse(nested(99)));
    });
  });

  test('a failure no check foresaw (a label nested 100,000 deep) is still a failed line of its file', () => {
    withEmptyLibrary((core) => {
      const files = around({
        name: 'label.jsonl',
        content: `{"text": "نص أول"}\n{"text": "نص ثان", "spans": [{"start": 0, "end": 2, "label": ${nested(100_000)}}]}\n`,
      });
      const report = core.call('importFiles', { paths: [files.first, files.bad, files.last] });
      assert.deepEqual(report.failed, [{ file: files.bad, line: 2, reason: 'unexpected error: RangeError: Maximum call stack size exceeded' }]);
      assert.deepEqual(report.imported.map((entry) => entry.id), ['first', 'last']);
    });
  });
});

/**
 * A colleague's library, damaged by `damage` as another program could: two documents, "fine"
 * and (read after it) "spoiled". Returns the file.
 */
function damagedLibrary(damage: (db: Database.Database) => void): string {
  const core = openCore({ seed: false, annotator: 'layla' });
  try {
    addText(core, 'fine', 'قال الوزير إن المحادثات مستمرة.');
    addText(core, 'spoiled', 'وصل الوفد إلى العاصمة.');
  } finally {
    core.close();
  }
  const db = new Database(core.file);
  try {
    damage(db);
  } finally {
    db.close();
  }
  return core.file;
}

describe("a colleague's damaged library file fails, naming the document; the other files go in", () => {
  const cases = [
    {
      what: 'a NULL text',
      reason: 'document "spoiled": the text is NULL, not a string',
      damage: (db: Database.Database) => {
        // Hamish's schema forbids it: lift that, as a program editing the file could.
        db.unsafeMode(true);
        db.pragma('writable_schema = ON');
        db.prepare(`UPDATE sqlite_schema SET sql = replace(sql, 'text        TEXT NOT NULL', 'text        TEXT') WHERE name = 'documents'`).run();
        db.pragma('writable_schema = RESET');
        db.exec(`DROP TRIGGER documents_text_is_immutable; UPDATE documents SET text = NULL WHERE id = 'spoiled'`);
      },
    },
    {
      what: 'metadata that is not JSON',
      reason: 'document "spoiled": the metadata is not a JSON object',
      damage: (db: Database.Database) => {
        db.pragma('ignore_check_constraints = ON');
        db.exec(`UPDATE documents SET meta = '{"broken' WHERE id = 'spoiled'`);
      },
    },
  ];
  for (const { what, reason, damage } of cases) {
    test(what, () => {
      const colleague = damagedLibrary(damage);
      const before = readFileSync(colleague);
      const core = openCore({ seed: false });
      try {
        const files = around({ name: 'unused.jsonl', content: '' });
        const report = core.call('importFiles', { paths: [files.first, colleague, files.last] });
        assert.deepEqual(report.failed, [{ file: colleague, reason }]);
        assert.deepEqual(report.imported.map((entry) => entry.id), ['first', 'last']);
        const ids = dumpLibrary(core.file).documents!.map((row) => (row as { id: string }).id);
        assert.deepEqual(ids, ['first', 'last'], 'nothing of the library file, not even its sound document "fine"');
        assert.ok(readFileSync(colleague).equals(before), 'the colleague file is not changed');
      } finally {
        core.close();
      }
    });
  }
});
