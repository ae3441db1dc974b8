import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { connectionOf } from '../../electron/core/connection-of.ts';
import { CorpusMark } from '../../electron/core/corpus-mark.ts';
import { addText, openCore } from '../support/core.ts';

const addRaw = (db: Database.Database, id: string, text: string) =>
  db
    .prepare("INSERT INTO documents (id, title, text, text_sha256, length, imported_at) VALUES (?, ?, ?, ?, ?, '2026-12-02')")
    .run(id, id, text, `sha-${id}`, [...text].length).lastInsertRowid;

test('a table kept from the texts is brought up to date without the write lock while the texts are read', () => {
  const core = openCore({ seed: false });
  const other = new Database(core.file);
  try {
    addText(core, 'one', 'النص الأول');
    const two = addRaw(other, 'two', 'النص الثاني');
    const mark = new CorpusMark(connectionOf(core.hamish), 'words_through');
    assert.equal(mark.behind(), true);
    let three: number | bigint = 0;
    let stored: string[] = [];
    mark.catchUp(
      (texts) => {
        const read = [...texts];
        // Another program writes while this one reads: it would wait (and fail) were the lock held.
        three = addRaw(other, 'three', 'النص الثالث');
        return read;
      },
      (read, startOver) => {
        assert.equal(startOver, false);
        stored = read;
      },
    );
    assert.deepEqual(stored, ['النص الثاني'], 'the texts of one snapshot: the one written meanwhile is not among them');
    assert.equal(other.prepare('SELECT through FROM words_through').pluck().get(), Number(two));
    assert.ok(Number(three) > Number(two));
    assert.equal(mark.behind(), true, 'the text written meanwhile is read next time');
  } finally {
    other.close();
    core.close();
  }
});
