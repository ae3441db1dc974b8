/** What each kind of file brings in: text, id, title, source and metadata (test/fixtures/import/good). */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertHamishError, openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';
import { GOOD, spanTexts, stored, withEmptyLibrary } from './helpers.ts';

const A1 = 'قال الرئيس في الرياض إن الاجتماع سيعقد يوم الخميس.\nوأضاف أن الوفد سيصل غدا.';
const A2 = 'أعلنت الحكومة في القاهرة عن خطة جديدة للنقل العام.';
const A3 = 'ذكرت وكالة الأنباء أن المفاوضات في الدوحة ستستأنف الأسبوع المقبل.';


describe('JSON Lines', () => {
  test('"text" is the article; title and source have columns; every other field is metadata', () =>
    withEmptyLibrary((core) => {
      const file = join(GOOD, 'articles.jsonl');
      const report = core.call('importFiles', { paths: [file] });
      assert.deepEqual(report, {
        imported: [
          { file, line: 1, id: 'riyadh-meeting', spans: 0 },
          { file, line: 3, id: 'articles-3', spans: 0 },
          { file, line: 4, id: 'articles-4', spans: 0 },
        ],
        duplicates: [],
        conflicts: [],
        failed: [],
        cancelled: false,
      });
      assert.deepEqual(stored(core, 'riyadh-meeting'), {
        id: 'riyadh-meeting',
        title: 'اجتماع في الرياض',
        source: 'وكالة',
        text: A1,
        // The record's source is the outlet the analyst compares by (editable in the app).
        meta: { url: 'https://example.org/1', published: '2024-05-02', section: 'سياسة', tags: ['a', 'b'], outlet: 'وكالة' },
        statuses: {},
      });
      // No id: the file's name and the line; no title: the first line; no source: file and line.
      const third = stored(core, 'articles-3');
      assert.equal(third.title, A2);
      assert.equal(third.source, 'articles.jsonl:3');
      assert.deepEqual(third.meta, { url: 'https://example.org/2' });
      // An object under "meta" is the metadata (Hamish and Prodigy keep it there).
      const fourth = stored(core, 'articles-4');
      assert.equal(fourth.source, 'nested source');
      assert.deepEqual(fourth.meta, { desk: 'gulf', outlet: 'nested source' });
    }));

  test('a big file streams: characters split across reads, CRLF line ends, UTF-16', () =>
    withEmptyLibrary((core) => {
      const dir = tempDir();
      // Each line pushes the next line's characters to other offsets in the 64 KiB reads.
      const texts = Array.from({ length: 400 }, (_, i) => `${'ن'.repeat(i % 7)}😀 ${A3} ${i}\r\n${A2.repeat(1 + (i % 5))}`);
      const lines = texts.map((text, i) => JSON.stringify({ id: `big-${i}`, text }));
      writeFileSync(join(dir, 'crlf.jsonl'), lines.join('\r\n') + '\r\n');
      writeFileSync(
        join(dir, 'utf16.jsonl'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(texts.map((text, i) => JSON.stringify({ id: `u16-${i}`, text: `${text}!` })).join('\n'), 'utf16le')]),
      );
      const report = core.call('importFiles', { paths: [join(dir, 'crlf.jsonl'), join(dir, 'utf16.jsonl')] });
      assert.deepEqual(report.failed, []);
      assert.equal(report.imported.length, 800);
      assert.equal(report.imported.at(-1)!.line, 400);
      assert.equal(report.imported.at(-1)!.encoding, 'utf-16le');
      for (const i of [0, 1, 137, 399]) {
        assert.equal(stored(core, `big-${i}`).text, texts[i]!.replace('\r\n', '\n'));
        assert.equal(stored(core, `u16-${i}`).text, `${texts[i]!.replace('\r\n', '\n')}!`);
      }
    }));
});

describe('JSON', () => {
  test('a list of objects: each an article, reported at the line it starts on', () =>
    withEmptyLibrary((core) => {
      const file = join(GOOD, 'array.json');
      const report = core.call('importFiles', { paths: [file] });
      assert.deepEqual(
        report.imported.map(({ line, id }) => [line, id]),
        [
          [2, 'first'],
          [6, 'second'],
        ],
      );
      assert.equal(stored(core, 'second').title, 'الدوحة');
    }));

  test('one object; and JSON Lines under a .json name', () =>
    withEmptyLibrary((core) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'one.json'), `\n${JSON.stringify({ text: A1 }, null, 2)}\n`);
      writeFileSync(join(dir, 'lines.json'), `${JSON.stringify({ id: 'l1', text: A2 })}\n${JSON.stringify({ id: 'l2', text: A3 })}\n`);
      const report = core.call('importFiles', { paths: [dir] });
      assert.deepEqual(
        report.imported.map(({ file, line, id }) => [file, line, id]),
        [
          [join(dir, 'lines.json'), 1, 'l1'],
          [join(dir, 'lines.json'), 2, 'l2'],
          [join(dir, 'one.json'), 2, 'one-2'],
        ],
      );
    }));

  test('a list read a chunk at a time: records across chunks, brackets and escapes inside strings, UTF-16', () =>
    withEmptyLibrary((core) => {
      const dir = tempDir();
      // ~150 bytes a record: the list spans many 64 KiB chunks, and records straddle their edges.
      const list = (prefix: string) =>
        Array.from({ length: 2000 }, (_, i) => ({ id: `${prefix}-${i}`, text: `${A2} [${prefix}${i}] {"\\"} ${A3}`, n: i }));
      const records = list('r');
      const pretty = JSON.stringify(records, null, 1);
      writeFileSync(join(dir, 'big.json'), pretty);
      const utf16 = Buffer.from(JSON.stringify(list('u'), null, 1), 'utf16le');
      writeFileSync(join(dir, 'big16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]));
      const report = core.call('importFiles', { paths: [dir] });
      assert.deepEqual(report.failed, []);
      assert.equal(report.imported.length, 4000);
      const lines = pretty.split('\n');
      for (const i of [0, 1, 999, 1999]) {
        assert.equal(stored(core, `r-${i}`).text, records[i]!.text);
        assert.equal(stored(core, `u-${i}`).text, records[i]!.text.replace(`[r${i}]`, `[u${i}]`));
        const { line } = report.imported.find((entry) => entry.id === `r-${i}`)!;
        assert.equal(lines[line! - 1], ' {', `r-${i} starts on its line`);
      }
    }));
});

describe('JSON: what a .json file may not be', () => {
  /** Imports `content` as a .json file into an empty library: it must fail whole. Where, and why? */
  const refused = (content: string) => {
    const core = openCore({ seed: false });
    try {
      const file = join(tempDir(), 'bad.json');
      writeFileSync(file, content);
      const report = core.call('importFiles', { paths: [file] });
      assert.deepEqual(report.imported, []);
      assert.equal(core.call('listDocuments', {}).length, 0, 'nothing of the file is kept');
      assert.equal(report.failed.length, 1);
      const { line, reason } = report.failed[0]!;
      return { line, reason };
    } finally {
      core.close();
    }
  };

  test('a record that is not JSON: its line, and the column in the file', () => {
    const { line, reason } = refused(`[\n  {"text": "${A2}"},\n  {"text": "${A3}" "title": "x"}\n]\n`);
    assert.equal(line, 3);
    // At the quote that opens "title", after the record's indent, its text and a space.
    assert.match(reason, new RegExp(`^not JSON: .* at column ${'  {"text": "'.length + A3.length + '" '.length + 1}$`));
  });

  test('a comma missing between records, a comma before the end, something after the list', () => {
    assert.deepEqual(refused(`[{"text": "${A2}"}\n {"text": "${A3}"}]`), { line: 2, reason: 'not JSON: a comma is missing before column 2' });
    assert.deepEqual(refused(`[{"text": "${A2}"},\n]`), { line: 2, reason: 'not JSON: unexpected "]" at column 1' });
    assert.deepEqual(refused(`[{"text": "${A2}"}]\n\n{}`), { line: 3, reason: 'not JSON: something follows the list at column 1' });
  });

  test('a list never closed, a record never ended, only white space', () => {
    assert.deepEqual(refused(`\n[{"text": "${A2}"},\n{"text": "${A3}"}\n`), { line: 2, reason: 'not JSON: the list opened on line 2 is never closed' });
    assert.deepEqual(refused(`[{"text": "${A2}"},\n{"text": "${A3}\n\n`), {
      line: 2,
      reason: 'not JSON: the record that starts here never ends (the file ends on line 3)',
    });
    assert.deepEqual(refused(' \n\n'), { line: 1, reason: 'not JSON: the file holds only white space' });
  });
});

describe('CSV', () => {
  test('the text column named on the command line; quoted commas, quotes and line ends', () =>
    withEmptyLibrary((core) => {
      const file = join(GOOD, 'articles.csv');
      const report = core.call('importFiles', { paths: [file], textColumn: 'body' });
      // csv-1 runs over lines 2 and 3; a blank line 4 is skipped.
      assert.deepEqual(
        report.imported.map(({ line, id }) => [line, id]),
        [
          [2, 'csv-1'],
          [5, 'csv-2'],
        ],
      );
      assert.deepEqual(stored(core, 'csv-1'), {
        id: 'csv-1',
        title: 'اجتماع, في الرياض',
        source: 'articles.csv:2',
        text: A1,
        meta: { url: 'https://example.org/1' },
        statuses: {},
      });
      const second = stored(core, 'csv-2');
      assert.equal(second.title, 'قال "مصدر"');
      assert.equal(second.text, A2);
      assert.deepEqual(second.meta, { notes: 'ملاحظة "مهمة"' });
    }));

  test('without a text column, the columns there are are named', () =>
    withEmptyLibrary((core) => {
      const file = join(GOOD, 'articles.csv');
      const report = core.call('importFiles', { paths: [file] });
      assert.deepEqual(report.failed, [
        { file, line: 1, reason: 'no column "text" (name the text column); the columns are "id", "title", "body", "url", "notes"' },
      ]);
      const wrong = core.call('importFiles', { paths: [file], textColumn: 'article' });
      assert.equal(wrong.failed[0]!.reason, 'no column "article"; the columns are "id", "title", "body", "url", "notes"');
    }));
});

describe('.txt encodings', () => {
  const expected = {
    'legacy-windows-1256.txt': 'قال الرئيس في الرياض إن الاجتماع سيعقد يوم الخميس، وأضاف: «الوفد سيصل غدا».\nسطر ثان.\n',
    'legacy-iso-8859-6.txt': 'أعلنت الحكومة في القاهرة عن خطة جديدة للنقل العام، وقال الوزير إنها ستبدأ غدا.\n',
    'utf16le-bom.txt': 'ذكرت وكالة الأنباء 📢\nأن المفاوضات ستستأنف.\n',
    'utf16be-bom.txt': 'وقال المتحدث 😀 إن الوفد وصل.\n',
    'utf8-bom.txt': 'نص بعلامة ترتيب البايتات.\n',
  };
  const encodings = {
    'legacy-windows-1256.txt': 'windows-1256',
    'legacy-iso-8859-6.txt': 'iso-8859-6',
    'utf16le-bom.txt': 'utf-16le',
    'utf16be-bom.txt': 'utf-16be',
    'utf8-bom.txt': undefined,
  };

  test('each is recognised, decoded, its BOM dropped and line ends made LF', () =>
    withEmptyLibrary((core) => {
      const report = core.call('importFiles', { paths: Object.keys(expected).map((name) => join(GOOD, name)) });
      assert.deepEqual(report.failed, []);
      for (const [name, text] of Object.entries(expected)) {
        const id = name.replace(/\.txt$/, '');
        assert.equal(stored(core, id).text, text, name);
        assert.equal(report.imported.find((entry) => entry.id === id)!.encoding, encodings[name as keyof typeof encodings], name);
      }
    }));

  test('a named encoding is used (any of its names), and its invalid bytes are reported', () =>
    withEmptyLibrary((core) => {
      const file = join(GOOD, 'legacy-windows-1256.txt');
      // windows-1256 puts ق (its first letter) at 0xDE, which ISO-8859-6 leaves undefined.
      const wrong = core.call('importFiles', { paths: [file], encoding: 'ISO_8859-6' });
      assert.deepEqual(wrong.failed, [{ file, line: 1, reason: 'not valid ISO-8859-6 (byte 0)' }]);
      const right = core.call('importFiles', { paths: [file], encoding: 'cp1256' });
      assert.equal(right.imported[0]!.encoding, 'windows-1256');
      assertHamishError(() => core.callRaw('importFiles', { paths: [file], encoding: 'latin1' }), 'invalid_input', /the encodings are utf-8, utf-16le/);
    }));

  test('UTF-16 without a byte order mark reads as binary, unless it is named', () =>
    withEmptyLibrary((core) => {
      const file = join(tempDir(), 'no-bom.txt');
      writeFileSync(file, Buffer.from(A2, 'utf16le'));
      const guessed = core.call('importFiles', { paths: [file] });
      // Arabic letters are 0x06xx; the first space, U+0020, brings the first NUL.
      assert.equal(guessed.failed[0]!.reason, 'not text: a NUL byte at byte 11');
      const named = core.call('importFiles', { paths: [file], encoding: 'utf-16le' });
      assert.equal(stored(core, named.imported[0]!.id).text, A2);
    }));

  test('Latin-1 French is not taken for Arabic; UTF-8 with one bad byte is not taken for a code page', () =>
    withEmptyLibrary((core) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'french.txt'), Buffer.from('Le président a déclaré à Paris que la réunion aura lieu.', 'latin1'));
      writeFileSync(join(dir, 'damaged.txt'), Buffer.concat([Buffer.from(A1, 'utf8'), Buffer.from([0xe9]), Buffer.from(A2, 'utf8')]));
      const report = core.call('importFiles', { paths: [dir] });
      assert.deepEqual(report.failed, [
        { file: join(dir, 'damaged.txt'), line: 2, reason: `not valid UTF-8 (byte ${Buffer.byteLength(A1)})` },
        { file: join(dir, 'french.txt'), line: 1, reason: 'not valid UTF-8 (byte 5), nor Arabic text in windows-1256 or ISO-8859-6' },
      ]);
    }));
});

describe('brat', () => {
  const TEXT = 'قال الرئيس في الرياض\nإن الاجتماع سيعقد غدا.';
  /** A brat folder another tool wrote: doc.txt and doc.ann, no manifest. */
  const bratFolder = (ann: string) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'doc.txt'), TEXT);
    writeFileSync(join(dir, 'doc.ann'), ann);
    writeFileSync(join(dir, 'annotation.conf'), '[entities]\nACTOR\n');
    return dir;
  };

  test('T lines are spans, a fragment per line one span, AnnotatorNotes their notes; filed under the import annotator', () =>
    withEmptyLibrary((core) => {
      const dir = bratFolder('T1\tActor 4 10\tالرئيس\n#1\tAnnotatorNotes T1\tمن هو؟\nT2\tCLAIM 4 20;21 38\tالرئيس في الرياض إن الاجتماع سيعقد\n');
      const report = core.call('importFiles', { paths: [dir] });
      assert.deepEqual(report.failed, []);
      assert.deepEqual(report.imported, [{ file: join(dir, 'doc.ann'), id: 'doc', spans: 2 }]);
      assert.deepEqual(spanTexts(core, 'doc'), [
        ['claim', 'الرئيس في الرياض\nإن الاجتماع سيعقد', 'test-analyst'],
        ['actor', 'الرئيس', 'test-analyst'],
      ]);
      assert.deepEqual(core.call('openDocument', { id: 'doc', layers: 'all' }).spans.map((s) => s.note), [null, 'من هو؟']);
      assert.equal(stored(core, 'doc').source, 'doc.txt');
    }));

  test('a line brat would refuse, or Hamish cannot hold, fails the document at the .ann line; nothing of it is kept', () => {
    const failure = (ann: string) => {
      const core = openCore({ seed: false });
      try {
        const dir = bratFolder(ann);
        const report = core.call('importFiles', { paths: [dir] });
        assert.equal(core.call('listDocuments', {}).length, 0);
        const [{ file, line, reason }] = report.failed as [{ file: string; line: number; reason: string }];
        assert.equal(file, join(dir, 'doc.ann'));
        return `${line}: ${reason}`;
      } finally {
        core.close();
      }
    };
    assert.equal(failure('T1\tACTOR 4 10\tالرئيس\nT2\tPERSON 0 3\tقال\n'), '2: T2: unknown label "PERSON" (the labels are claim, actor, location, date)');
    assert.equal(failure('\nT1\tACTOR 4 11\tالرئيس\n'), '2: T1: says "الرئيس" but the text there is "الرئيس "');
    assert.equal(failure('T1\tACTOR 4 99\tالرئيس\n'), '1: T1: "4 99" is not START END (;START END...) inside the text (43 characters)');
    assert.equal(failure('T1\tLOCATION 0 3;14 20\tقال الرياض\n'), '1: T1: its fragments have text between them (" الرئيس في "): a span here is one stretch of text');
    assert.equal(failure('#1\tAnnotatorNotes T9\tلا\n'), '1: #1: a note on T9, which no T line before it is');
    assert.equal(failure('T1\tACTOR 4 10\tالرئيس\nN1\tReference T1 Wikidata:Q1\tx\n'), '2: N1: a N line: Hamish imports spans (T), their notes (#) and claim cards (E, R, A)');
  });

  test('E, R and A lines are claim cards; one pointing at a missing span, or a span of the wrong label, fails at its line', () => {
    const CLAIM = 'T1\tCLAIM 24 43\tالاجتماع سيعقد غدا.\nT2\tACTOR 4 10\tالرئيس\nT3\tLOCATION 14 20\tالرياض\n';
    withEmptyLibrary((core) => {
      const dir = bratFolder(`${CLAIM}E1\tCLAIM:T1 Source:T2 Location:T3\nA1\tStance E1 hedged\n`);
      assert.deepEqual(core.call('importFiles', { paths: [dir] }).failed, []);
      const { spans, cards } = core.call('openDocument', { id: 'doc', layers: 'all' });
      const id = (label: string) => spans.find((s) => s.label === label)!.id;
      assert.deepEqual(cards.map(({ id: _id, ...card }) => card), [
        { claim: id('claim'), annotator: 'test-analyst', stance: 'hedged', roles: [{ role: 'source', span: id('actor'), order: 1 }, { role: 'location', span: id('location'), order: 1 }] },
      ]);
    });
    withEmptyLibrary((core) => {
      const dir = bratFolder(`${CLAIM}R1\tSource Arg1:T1 Arg2:T2\n`);
      assert.deepEqual(core.call('importFiles', { paths: [dir] }).failed, []);
      assert.deepEqual(core.call('openDocument', { id: 'doc', layers: 'all' }).cards[0]!.roles.map((r) => r.role), ['source'], 'a relation fills a role too');
    });
    const failure = (ann: string) => {
      const core = openCore({ seed: false });
      try {
        const report = core.call('importFiles', { paths: [bratFolder(CLAIM + ann)] });
        assert.equal(core.call('listDocuments', {}).length, 0);
        const [{ line, reason }] = report.failed as [{ file: string; line: number; reason: string }];
        return `${line}: ${reason}`;
      } finally {
        core.close();
      }
    };
    assert.equal(failure('E1\tCLAIM:T1 Source:T9\n'), '4: E1: its Source argument T9 is no T line of this file');
    assert.equal(failure('E1\tCLAIM:T1 Source:T3\n'), '4: E1: the source role takes actor spans; T3 is a location');
    assert.equal(failure('E1\tCLAIM:T2\n'), '4: E1: T2 is an actor, not a claim');
    assert.equal(failure('E1\tCLAIM:T1 Speaker:T2\n'), '4: E1: "Speaker" is no role of a claim card (Source, Via, Location, Date)');
    assert.equal(failure('E1\tCLAIM:T1\nE2\tCLAIM:T1 Source:T2\n'), '5: E2: T1 has a card already (E1): a claim has one');
    assert.equal(failure('E1\tCLAIM:T1\nR1\tLocation Arg1:T1 Arg2:T2\n'), '5: R1: the location role takes location spans; T2 is an actor');
    assert.equal(failure('R1\tVia Arg1:T1 Arg2:T7\n'), '4: R1: its Arg2 T7 is no T line of this file');
    assert.equal(failure('E1\tCLAIM:T1\nA1\tStance E1 rumoured\n'), '5: A1: stance "rumoured" is not one of asserted, denied, hedged');
    assert.equal(failure('A1\tStance E4 denied\n'), '4: A1: its target E4 is no CLAIM event of this file');
  });
});
