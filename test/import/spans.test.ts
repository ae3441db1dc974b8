/** Spans that come with the articles: Hamish's own export, Prodigy's and doccano's formats. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openCore } from '../support/core.ts';
import { libraryWithEmojiSpans } from '../support/fixtures.ts';
import { ANNOTATOR, tempDir } from '../support/hamish.ts';
import { GOOD, spanTexts, stored, withEmptyLibrary } from './helpers.ts';


describe('pre-annotations', () => {
  test("Hamish's own export: each span under its annotator, the document's status and metadata", () =>
    withEmptyLibrary((core) => {
      const file = join(GOOD, 'hamish-export.jsonl');
      const report = core.call('importFiles', { paths: [file] });
      assert.deepEqual(report.imported, [{ file, line: 1, id: 'riyadh-meeting', spans: 3 }]);
      assert.deepEqual(spanTexts(core, 'riyadh-meeting'), [
        ['actor', 'الرئيس', 'layla'],
        ['location', 'الرياض', 'layla'],
        ['claim', 'الاجتماع سيعقد يوم الخميس', 'omar'],
      ]);
      // Ids, notes and times as the export has them (a time that is not one is the import's).
      const spans = core.call('openDocument', { id: 'riyadh-meeting', layers: 'all' }).spans;
      assert.deepEqual(
        spans.map(({ id, note, createdAt, updatedAt }) => [id, note, createdAt, updatedAt]),
        [
          [11, 'أي رئيس؟', '2025-03-04T05:06:07.000Z', '2025-03-05T00:00:00.000Z'],
          [12, null, spans[1]!.createdAt, spans[1]!.updatedAt],
          [4, null, spans[2]!.createdAt, spans[2]!.updatedAt],
        ],
      );
      assert.notEqual(spans[1]!.createdAt, 'x');
      const document = stored(core, 'riyadh-meeting');
      // An export from before statuses were each annotator's: its status is everyone's with spans there.
      assert.deepEqual(document.statuses, { layla: 'done', omar: 'done' });
      assert.equal(document.title, 'اجتماع');
      assert.equal(document.source, 'riyadh.txt');
      assert.deepEqual(document.meta, { desk: 'gulf' });
    }));

  test('export, then import into another library, gives the same dataset (astral offsets too)', () => {
    const { db } = libraryWithEmojiSpans();
    const first = openCore({ file: db });
    const exported = join(tempDir(), 'dataset.jsonl');
    try {
      first.call('exportDataset', { format: 'jsonl', out: exported });
    } finally {
      first.close();
    }
    withEmptyLibrary((second) => {
      const report = second.call('importFiles', { paths: [exported] });
      assert.deepEqual(report.failed, []);
      const again = join(tempDir(), 'again.jsonl');
      second.call('exportDataset', { format: 'jsonl', out: again });
      assert.deepEqual(readDataset(again), readDataset(exported));
    });
  });

  test("Prodigy: labels in any case, the file's annotator, else the import's; offsets in code points", () =>
    withEmptyLibrary((core) => {
      const report = core.call('importFiles', { paths: [join(GOOD, 'prodigy.jsonl')], annotator: 'ner-model' });
      assert.deepEqual(report.failed, []);
      assert.deepEqual(spanTexts(core, 'prodigy-1'), [
        ['actor', 'الحكومة', 'ner_news-sara'],
        ['location', 'القاهرة', 'ner_news-sara'],
      ]);
      assert.deepEqual(spanTexts(core, 'prodigy-2'), [['location', 'الدوحة', 'ner-model']]);
      const { meta, source } = stored(core, 'prodigy-1');
      assert.equal(source, 'wire');
      assert.equal(meta.answer, 'accept');
      assert.ok(Array.isArray(meta.tokens));
    }));

  test("doccano: label triples and entities, under the session's annotator", () =>
    withEmptyLibrary((core) => {
      const report = core.call('importFiles', { paths: [join(GOOD, 'doccano.jsonl')] });
      assert.deepEqual(
        report.imported.map(({ id, spans }) => [id, spans]),
        [
          ['17', 2],
          ['18', 1],
        ],
      );
      assert.deepEqual(spanTexts(core, '17'), [
        ['actor', 'الحكومة', ANNOTATOR],
        ['location', 'القاهرة', ANNOTATOR],
      ]);
      assert.deepEqual(spanTexts(core, '18'), [['date', 'الأسبوع المقبل', ANNOTATOR]]);
      assert.deepEqual(stored(core, '18').meta, {}, "doccano's relations between its entities are claim cards, not metadata");
    }));

  test('span ids the library has issued are not taken again: those spans get new ones', () =>
    withEmptyLibrary((core) => {
      const text = 'قال الرئيس في الرياض';
      const first = join(tempDir(), 'first.txt');
      writeFileSync(first, text);
      const { id } = core.call('importFiles', { paths: [first] }).imported[0]!;
      const mine = core.call('createSpan', { documentId: id, start: 0, end: 3, label: 'claim' });
      core.call('deleteSpan', { id: mine.id });
      // The same text exported elsewhere, naming span ids 1 (issued here, then deleted) and 7
      // (never issued here).
      const file = join(tempDir(), 'theirs.jsonl');
      const span = (spanId: number, start: number, end: number) => ({ id: spanId, start, end, label: 'actor', annotator: 'sara' });
      writeFileSync(file, JSON.stringify({ id: 'theirs', text, offset_unit: 'codepoint', spans: [span(1, 4, 10), span(7, 14, 20)] }) + '\n');
      core.call('importFiles', { paths: [file] });
      const ids = core.call('openDocument', { id, layers: 'all' }).spans.map((s) => s.id);
      // Span 1 is never reused (the history refers to it): that span gets the next id, 2.
      assert.deepEqual(ids, [2, 7]);
    }));

  test("a text already in the library takes the file's new spans; the same file again adds none", () =>
    withEmptyLibrary((core) => {
      core.call('importFiles', { paths: [join(GOOD, 'articles.jsonl')] });
      const file = join(GOOD, 'hamish-export.jsonl');
      const first = core.call('importFiles', { paths: [file] });
      assert.deepEqual(first.duplicates, [{ file, line: 1, id: 'riyadh-meeting', spans: 3 }]);
      const again = core.call('importFiles', { paths: [file] });
      assert.deepEqual(again.duplicates, [{ file, line: 1, id: 'riyadh-meeting', spans: 0 }]);
      assert.equal(spanTexts(core, 'riyadh-meeting').length, 3);
    }));

  test('offsets into a text with CRLF and a BOM move with the characters the library drops', () =>
    withEmptyLibrary((core) => {
      const text = '\uFEFFسطر أول\r\nقال الرئيس\r\nفي الرياض';
      const points = Array.from(text);
      const at = (needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;
      const spans = [
        { start: at('الرئيس'), end: at('الرئيس') + 6, label: 'فاعل' },
        { start: at('قال'), end: points.length, label: 'CLAIM', text: 'قال الرئيس\r\nفي الرياض' },
      ];
      const file = join(tempDir(), 'crlf.jsonl');
      writeFileSync(file, JSON.stringify({ id: 'crlf', text, spans }) + '\n');
      assert.deepEqual(core.call('importFiles', { paths: [file] }).failed, []);
      assert.equal(stored(core, 'crlf').text, 'سطر أول\nقال الرئيس\nفي الرياض');
      assert.deepEqual(spanTexts(core, 'crlf'), [
        ['claim', 'قال الرئيس\nفي الرياض', ANNOTATOR],
        ['actor', 'الرئيس', ANNOTATOR],
      ]);
    }));
});

/** A JSONL export without what differs between libraries (span ids and times). */
function readDataset(file: string): unknown[] {
  return readJsonl(file).map((document) => ({
    ...document,
    spans: (document.spans as Record<string, unknown>[]).map(({ id: _id, created_at: _c, updated_at: _u, ...span }) => span),
  }));
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
