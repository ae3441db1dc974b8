/**
 * A big file is read on a thread of its own while the import stores what came before
 * (core/import/read-ahead.ts). What the import makes of a file must not depend on which thread
 * read it: the same articles in the same order, the same refusal at the same line, the same
 * report; a cancel or a failure in storing stops the reader.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, test } from 'node:test';
import { importSteps } from '../../electron/core/import/import-files.ts';
import type { PreparedArticle } from '../../electron/core/import/prepared.ts';
import { readAhead, readsAhead } from '../../electron/core/import/read-ahead.ts';
import { RECORD_EXTENSIONS } from '../../electron/core/import/records.ts';
import { openPrepared, type OpenedFile } from '../../electron/core/import/sources.ts';
import { seedArticles, writeArticlesJsonl } from '../support/articles.ts';
import { openCore } from '../support/core.ts';
import { ANNOTATOR, tempDir } from '../support/hamish.ts';
import { BAD, GOOD, withEmptyLibrary } from './helpers.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

/** Articles enough for a file past READ_AHEAD_BYTES (about 1.2 KB each). */
const BIG = 5_000;

/** What reading a file gives: its encoding and articles (their texts as text, without the time each was read), or its refusal. */
function drained(open: () => OpenedFile<PreparedArticle>): unknown {
  try {
    const { encoding, articles } = open();
    // A reader thread hands the texts and their folded forms over as UTF-8 bytes: the same texts, read back.
    const asText = (text: string | Uint8Array) => (typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
    const read = [...articles].map(({ row: { now: _now, text, searched, ...row }, ...rest }) => ({
      ...rest,
      row: { ...row, text: asText(text), searched: { title: searched.title, text: asText(searched.text) } },
    }));
    return { encoding, read };
  } catch (error) {
    return { failure: { message: (error as Error).message, line: (error as { line?: number }).line } };
  }
}

describe('read ahead on another thread', () => {
  for (const dir of [GOOD, BAD]) {
    for (const name of readdirSync(dir).filter((file) => RECORD_EXTENSIONS.includes(extname(file)))) {
      test(`${name}: the same articles, or the same refusal at the same line, as on the import's own thread`, () => {
        const file = join(dir, name);
        assert.deepEqual(drained(() => readAhead(file, {})), drained(() => openPrepared(file, {})));
      });
    }
  }

  test('a big file: every article in order, then the same file again is all duplicates', () => {
    const file = join(tempDir(), 'big.jsonl');
    writeArticlesJsonl(file, BIG);
    assert.ok(readsAhead(file, statSync(file).size), 'the file is big enough to be read ahead');
    withEmptyLibrary((core) => {
      const first = core.call('importFiles', { paths: [file] });
      assert.deepEqual(first.failed, []);
      assert.deepEqual(
        first.imported.map((entry) => [entry.id, entry.line]),
        Array.from({ length: BIG }, (_, i) => [`article-${i + 1}`, i + 1]),
      );
      // Handed over as UTF-8 bytes, each text is stored as text, as it was in the file.
      assert.deepEqual(connectionOf(core.hamish).prepare('SELECT DISTINCT typeof(text) FROM documents').pluck().all(), ['text']);
      const articles = [...seedArticles(BIG)];
      for (const i of [0, BIG / 2, BIG - 1]) assert.equal(core.call('openDocument', { id: articles[i]!.id }).text, articles[i]!.text);
      const again = core.call('importFiles', { paths: [file] });
      assert.equal(again.imported.length, 0);
      assert.equal(again.duplicates.length, BIG);
    });
  });

  test('a big file refused late, at its line: nothing of it is kept, the files after it go in', () => {
    const dir = tempDir();
    const big = join(dir, 'a-big.jsonl');
    const after = join(dir, 'b-after.txt');
    writeArticlesJsonl(big, BIG);
    appendFileSync(big, '{"id": "broken", "text": "نص"\n');
    writeFileSync(after, 'وصل الوفد إلى الرياض.');
    withEmptyLibrary((core) => {
      const report = core.call('importFiles', { paths: [big, after] });
      assert.equal(report.failed.length, 1);
      assert.deepEqual({ ...report.failed[0], reason: undefined }, { file: big, line: BIG + 1, reason: undefined });
      assert.match(report.failed[0]!.reason, /^not JSON: /);
      assert.deepEqual(report.imported.map((entry) => entry.id), ['b-after']);
      assert.deepEqual(core.call('listDocuments', {}).map((d) => d.id), ['b-after']);
    });
  });

  test('a record refused in storing is the one told, not a later one the reader refused meanwhile', () => {
    const file = join(tempDir(), 'big.jsonl');
    // Line 2 is read well but refused when stored (its annotator's name); the last line is not JSON.
    writeFileSync(file, `${JSON.stringify({ text: 'نص أول' })}\n${JSON.stringify({ text: 'قال الوزير', _annotator_id: 'bad\u200fname', spans: [{ start: 0, end: 3, label: 'actor' }] })}\n`);
    const more = join(tempDir(), 'more.jsonl');
    writeArticlesJsonl(more, BIG);
    appendFileSync(file, readFileSync(more));
    appendFileSync(file, '{"broken"\n');
    withEmptyLibrary((core) => {
      const report = core.call('importFiles', { paths: [file] });
      assert.deepEqual(report.failed, [{ file, line: 2, reason: 'an annotator name must not hold a bidi control (U+200F, character 4)' }]);
      assert.deepEqual(core.call('listDocuments', {}), []);
    });
  });

  test('cancelled in the middle of a big file, or abandoned: nothing of it is kept', () => {
    const dir = tempDir();
    const small = join(dir, 'a-small.jsonl');
    const big = join(dir, 'b-big.jsonl');
    writeFileSync(small, JSON.stringify({ id: 'small', text: 'مقال قصير' }) + '\n');
    writeArticlesJsonl(big, BIG);
    for (const how of ['cancel', 'abandon'] as const) {
      const core = openCore({ seed: false });
      try {
        const stop = new AbortController();
        const steps = importSteps(connectionOf(core.hamish), [small, big], { annotator: ANNOTATOR, signal: stop.signal });
        let step = steps.next();
        while (!step.done && step.value.documents < 1_000) step = steps.next();
        if (how === 'abandon') {
          steps.return(undefined as never);
        } else {
          stop.abort();
          while (!step.done) step = steps.next();
          assert.deepEqual(step.value.failed, [{ file: big, reason: 'cancelled; nothing from this file was kept' }]);
        }
        assert.equal(connectionOf(core.hamish).inTransaction, false);
        assert.deepEqual(core.call('listDocuments', {}).map((d) => d.id), ['small']);
      } finally {
        core.close();
      }
    }
  });
});
