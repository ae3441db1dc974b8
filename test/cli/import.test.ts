import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exportJsonl, runCli, tempDir, writeFiles } from '../support/hamish.ts';

const ARTICLE = 'قال الرئيس في الرياض إن الاجتماع سيعقد غدا.\n';

/** A new empty library (no samples) in a temp folder, and the folder. */
function emptyLibrary(): { dir: string; db: string; run(args: string[]): ReturnType<typeof runCli> } {
  const dir = tempDir();
  const db = join(dir, 'library.sqlite');
  return { dir, db, run: (args) => runCli([...args, '--db', db, '--no-seeds']) };
}

const lines = (output: string) => output.split('\n').filter((line) => line !== '');

describe('hamish import', () => {
  test('imports every .txt file of a folder, recursively, and reports each', async () => {
    const { dir, db, run } = emptyLibrary();
    const news = join(dir, 'news');
    writeFiles(news, {
      'a.txt': `أ ${ARTICLE}`,
      'sub/b.txt': `ب ${ARTICLE}`,
      'sub/deeper/c.TXT': `ج ${ARTICLE}`,
      'notes.md': 'not an article',
      'sub/image.png': 'not an article either',
    });
    const result = await run(['import', news]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual(lines(result.stdout), [
      `imported  ${join(news, 'a.txt')} as a`,
      `imported  ${join(news, 'sub', 'b.txt')} as b`,
      `imported  ${join(news, 'sub', 'deeper', 'c.TXT')} as c`,
      '3 imported, 0 duplicates, 0 failed',
    ]);
    const exported = await exportJsonl(db);
    assert.deepEqual(
      exported.map((d) => [d.id, d.text, d.meta.source]),
      [
        ['a', `أ ${ARTICLE}`, 'a.txt'],
        ['b', `ب ${ARTICLE}`, 'b.txt'],
        ['c', `ج ${ARTICLE}`, 'c.TXT'],
      ],
    );
  });

  test('a text already in the library is reported as a duplicate, not imported twice', async () => {
    const { dir, db, run } = emptyLibrary();
    writeFiles(dir, { 'in/one.txt': ARTICLE, 'in/two.txt': `2 ${ARTICLE}` });
    assert.equal((await run(['import', join(dir, 'in')])).code, 0);

    writeFiles(dir, { 'again/copy-of-one.txt': ARTICLE, 'again/three.txt': `3 ${ARTICLE}` });
    const result = await run(['import', join(dir, 'again'), join(dir, 'in', 'two.txt')]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(lines(result.stdout), [
      `imported  ${join(dir, 'again', 'three.txt')} as three`,
      `duplicate ${join(dir, 'again', 'copy-of-one.txt')} (already in the library as one)`,
      `duplicate ${join(dir, 'in', 'two.txt')} (already in the library as two)`,
      '1 imported, 2 duplicates, 0 failed',
    ]);
    assert.deepEqual(
      (await exportJsonl(db)).map((d) => d.id),
      ['one', 'three', 'two'],
    );
  });

  test('another text under a name already taken gets a distinct id', async () => {
    const { dir, db, run } = emptyLibrary();
    writeFiles(dir, { 'x/report.txt': ARTICLE, 'y/report.txt': `آخر ${ARTICLE}` });
    const result = await run(['import', join(dir, 'x'), join(dir, 'y')]);
    assert.equal(result.code, 0, result.stderr);
    const ids = (await exportJsonl(db)).map((d) => d.id);
    assert.equal(ids.length, 2);
    assert.ok(ids.includes('report'));
    assert.match(ids.find((id) => id !== 'report')!, /^report-[0-9a-f]{8}$/);
  });

  test('empty, blank, binary and non-UTF-8 files fail with a reason; the rest still go in', async () => {
    const { dir, db, run } = emptyLibrary();
    const folder = join(dir, 'mixed');
    writeFiles(folder, {
      '1-good.txt': ARTICLE,
      '2-empty.txt': '',
      '3-blank.txt': ' \r\n\t\n',
      '4-binary.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]),
      '5-latin1.txt': Buffer.from('caf\xe9 au lait', 'latin1'),
      '6-truncated.txt': Buffer.from(ARTICLE, 'utf8').subarray(0, 3),
      '7-also-good.txt': `نص ${ARTICLE}`,
    });
    const missing = join(dir, 'no-such-folder');
    const result = await run(['import', folder, missing]);
    assert.equal(result.code, 1);
    assert.deepEqual(lines(result.stderr), [
      `failed    ${join(folder, '2-empty.txt')}:1: the file is empty`,
      `failed    ${join(folder, '3-blank.txt')}:1: the text is empty`,
      `failed    ${join(folder, '4-binary.txt')}:1: not text: a NUL byte at byte 4`,
      `failed    ${join(folder, '5-latin1.txt')}:1: not valid UTF-8 (byte 3), nor Arabic text in windows-1256 or ISO-8859-6`,
      `failed    ${join(folder, '6-truncated.txt')}:1: not valid UTF-8 (byte 2)`,
      `failed    ${missing}: no such file or folder`,
    ]);
    assert.deepEqual(lines(result.stdout), [
      `imported  ${join(folder, '1-good.txt')} as 1-good`,
      `imported  ${join(folder, '7-also-good.txt')} as 7-also-good`,
      '2 imported, 0 duplicates, 6 failed',
    ]);
    assert.deepEqual(
      (await exportJsonl(db)).map((d) => d.id),
      ['1-good', '7-also-good'],
    );
  });

  test('a file named directly must be of a kind import reads', async () => {
    const { dir, run } = emptyLibrary();
    writeFiles(dir, { 'article.md': ARTICLE });
    const result = await run(['import', join(dir, 'article.md')]);
    assert.equal(result.code, 1);
    assert.deepEqual(lines(result.stderr), [`failed    ${join(dir, 'article.md')}: not a .txt, .jsonl, .json, .csv file, nor a Hamish library (.sqlite)`]);
  });

  test('a byte order mark is dropped and CRLF and CR become LF; nothing else changes', async () => {
    const { dir, db, run } = emptyLibrary();
    const stored = 'السطر الأول\nالسطر الثاني\nالسطر الثالث\n\nوَقَالَ: «لا»  \n';
    writeFiles(dir, {
      'crlf.txt': '\uFEFF' + stored.replace(/\n/g, '\r\n'),
      'cr.txt': stored.replace(/\n/g, '\r'),
    });
    const result = await run(['import', join(dir, 'crlf.txt')]);
    assert.equal(result.code, 0, result.stderr);
    const [document] = await exportJsonl(db);
    assert.ok(document);
    assert.equal(document.text, stored);
    assert.equal(document.text_sha256, createHash('sha256').update(stored, 'utf8').digest('hex'));

    // The same text with old Mac line ends is the same document.
    const again = await run(['import', join(dir, 'cr.txt')]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^duplicate .*cr\.txt \(already in the library as crlf\)$/m);
  });
});
