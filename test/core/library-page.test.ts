/**
 * The library's list in pages, searched by title and text (issue 16): pages in id order with the
 * counts, a search that folds Arabic spellings and sees through proclitics, the page that holds a
 * document, and the index kept by import and built for a library from before it.
 */
import assert from 'node:assert/strict';
import { appendFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase, registerFunctions } from '../../electron/core/database.ts';
import { LibraryPages } from '../../electron/core/library-page.ts';
import { MIGRATIONS } from '../../electron/core/migrations.ts';
import { foldedWords } from '../../electron/text/normalise.ts';
import { addText, openCore, type OpenCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';
import { seedArticles, writeArticlesJsonl } from '../support/articles.ts';
import { seedLibrary } from '../support/library.ts';

const ids = (page: { documents: { id: string }[] }) => page.documents.map((d) => d.id);

describe('pages and search over a few documents', () => {
  let core: OpenCore;
  before(() => {
    core = openCore({ seed: false });
    addText(core, 'a-hospital', 'قصف مستشفى في بغداد\n\nقالت وكالة الأنباء إن القصف أصاب المستشفى.');
    addText(core, 'b-clitic', 'خبر ثان\n\nوصل الوفد وبغداد هادئة، وللعراق موقف.');
    addText(core, 'c-marks', 'العِرَاقُ اليوم\n\nلا جديد في الأخبار.');
    addText(core, 'd-other', 'Reuters 2024\n\nNothing here about the city.');
  });
  after(() => core?.close());

  const search = (query: string) => core.call('libraryPage', { query, from: { offset: 0 }, limit: 50 });

  test('a blank query pages the whole library in id order, with its counts', () => {
    const first = core.call('libraryPage', { query: '  ', from: { offset: 0 }, limit: 2 });
    assert.deepEqual(ids(first), ['a-hospital', 'b-clitic']);
    assert.equal(first.matching, 4);
    assert.equal(first.total, 4);
    const second = core.call('libraryPage', { query: '', from: { offset: 2 }, limit: 2 });
    assert.deepEqual(ids(second), ['c-marks', 'd-other']);
    assert.equal(second.offset, 2);
    assert.deepEqual(ids(core.call('libraryPage', { query: '', from: { offset: 4 }, limit: 2 })), []);
    // The summaries are the library's, as listDocuments gives them.
    assert.deepEqual(first.documents, core.call('listDocuments', {}).slice(0, 2));
  });

  test('the search folds spellings: alef forms, ى/ي, ة/ه and diacritics do not matter', () => {
    assert.deepEqual(ids(search('مستشفي')), ['a-hospital'], 'ى typed as ي');
    assert.deepEqual(ids(search('الانباء')), ['a-hospital'], 'أ typed as ا');
    assert.deepEqual(ids(search('العراق')), ['b-clitic', 'c-marks'], 'the marked العِرَاقُ, and للعراق');
    assert.deepEqual(ids(search('وكاله')), ['a-hospital'], 'ة typed as ه');
  });

  test('a word is found after a proclitic and as the start of a longer word, title or text', () => {
    assert.deepEqual(ids(search('بغداد')), ['a-hospital', 'b-clitic'], 'في بغداد and وبغداد');
    assert.deepEqual(ids(search('مستش')), ['a-hospital'], 'a word begun');
    assert.deepEqual(ids(search('reuters')), ['d-other'], 'Latin without case');
    assert.deepEqual(ids(search('بغداد قصف')), ['a-hospital'], 'every word must be there');
    const none = search('دمشق');
    assert.deepEqual(none, { offset: 0, documents: [], matching: 0, total: 4 });
  });

  test('punctuation and FTS5 syntax typed into the search are only separators', () => {
    assert.deepEqual(ids(search('"بغداد" (قصف* ^:-')), ['a-hospital']);
    assert.deepEqual(ids(search('؟!')), ids(search('')), 'no word: the whole library');
  });

  test('a document imported now is found at once', () => {
    addText(core, 'e-new', 'دمشق تستقبل الوفد');
    assert.deepEqual(ids(search('دمشق')), ['e-new']);
    assert.equal(search('').total, 5);
  });

  test('the page around a document starts a little before it; at the top when it is not in the list', () => {
    const around = core.call('libraryPage', { query: '', from: { around: 'd-other' }, limit: 4 });
    assert.equal(around.offset, 2);
    assert.deepEqual(ids(around), ['c-marks', 'd-other', 'e-new']);
    const searched = core.call('libraryPage', { query: 'العراق', from: { around: 'c-marks' }, limit: 1 });
    assert.deepEqual([searched.offset, ids(searched)], [1, ['c-marks']]);
    for (const [query, id] of [['بغداد', 'd-other'], ['', 'no-such-document']] as const) {
      assert.equal(core.call('libraryPage', { query, from: { around: id }, limit: 1 }).offset, 0, `${query} around ${id}`);
    }
  });
});

/** What the search promises, said plainly: every folded word is the start of a word, after a proclitic or not. */
function matchesByHand(text: string, query: string): boolean {
  const words = foldedWords(text);
  const forms = (q: string) => [
    ...['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل'].map((p) => p + q),
    ...(q.startsWith('ال') && q.length > 2 ? ['لل', 'ولل', 'فلل'].map((p) => p + q.slice(2)) : []),
  ];
  return foldedWords(query).every((q) => words.some((w) => forms(q).some((form) => w.startsWith(form))));
}

describe('pages of a searched library of 3,000 documents', () => {
  const COUNT = 3000;
  let core: OpenCore;
  before(() => {
    const file = join(tempDir(), 'library.sqlite');
    seedLibrary(file, COUNT);
    core = openCore({ file, seed: false });
  });
  after(() => core?.close());

  // Many matches and few, one word and two: pages of the kept matches are the list in id order.
  for (const query of ['عاجل', 'عاجل 12', 'بغداد', 'الحكومه']) {
    test(`"${query}": pages put together are every match in id order`, () => {
      const texts = new Map([...seedArticles(COUNT)].map((a) => [a.id, `${a.title}\n${a.text}`]));
      const expected = [...texts.keys()].sort().filter((id) => matchesByHand(texts.get(id)!, query));
      assert.ok(expected.length > 0);
      const got: string[] = [];
      let page;
      do {
        page = core.call('libraryPage', { query, from: { offset: got.length }, limit: 500 });
        assert.equal(page.matching, expected.length);
        assert.equal(page.total, COUNT);
        got.push(...ids(page));
      } while (page.documents.length > 0);
      assert.deepEqual(got, expected);
    });
  }
});

test('first letters read ahead in a worker page as read when typed, until the library changes', async () => {
  const file = join(tempDir(), 'letters.sqlite');
  seedLibrary(file, 3000);
  const { db } = openDatabase(file);
  const pages = new LibraryPages(db);
  try {
    const page = (of: LibraryPages, query: string, offset = 0) => of.page('layla', { query, from: { offset }, limit: 100 });
    await pages.readLetters();
    for (const query of ['ب', 'ر', 'ا', 'بغداد ب', 'ع 1']) {
      for (const offset of [0, 1000]) assert.deepEqual(page(pages, query, offset), page(new LibraryPages(db), query, offset), `${query} from ${offset}`);
    }
    const before = page(pages, 'ظ').matching;
    const other = openCore({ file, seed: false });
    addText(other, 'zafar', 'ظفار ظفار');
    other.close();
    assert.equal(page(pages, 'ظ').matching, before + 1, 'a document added since is found');
    assert.deepEqual(page(pages, 'ظ'), page(new LibraryPages(db), 'ظ'));
    // Closed while its worker reads: the reading ends (the worker stopped), nothing is kept.
    const closing = new LibraryPages(db);
    const reading = closing.readLetters();
    closing.close();
    await reading.then(
      () => {},
      (error: Error) => assert.match(error.message, /worker stopped/),
    );
  } finally {
    pages.close();
    db.close();
  }
});

test('a big file, read ahead on another thread, is searchable as it is imported', () => {
  // Over read-ahead.ts's 4 MB: the texts and their folded forms cross from the reader thread as bytes.
  const file = join(tempDir(), 'big.jsonl');
  writeArticlesJsonl(file, 5000);
  appendFileSync(file, JSON.stringify({ id: 'big-last', title: 'خبر طَبَرْزَدِيّ', text: 'وصل الوفد إلى قَلَمْبوسة مساءً' }) + '\n');
  assert.ok(statSync(file).size > 4 * 1024 * 1024);
  const core = openCore({ seed: false });
  try {
    assert.deepEqual(core.call('importFiles', { paths: [file] }).failed, []);
    const search = (query: string) => core.call('libraryPage', { query, from: { offset: 0 }, limit: 50 });
    assert.deepEqual(ids(search('قلمبوسه')), ['big-last'], 'the text, folded (diacritics, ة/ه)');
    assert.deepEqual(ids(search('طبرزدي')), ['big-last'], 'the title, folded');
    assert.equal(search('عاجل').matching, 5000);
  } finally {
    core.close();
  }
});

/** Each step that (re)makes the search index: a library from before it is opened, and searched. */
const INDEX_STEPS = MIGRATIONS.flatMap((sql, step) => (sql.includes('CREATE VIRTUAL TABLE document_search') ? [step] : []));

for (const [n, step] of INDEX_STEPS.entries()) {
  const before = n === 0 ? 'from before the search' : `with the search index of step ${INDEX_STEPS[n - 1]! + 1}`;
  test(`a library ${before} gets the index of step ${step + 1} when it is opened`, () => {
    const file = join(tempDir(), 'before-index.sqlite');
    const db = new Database(file);
    // Migrations 17 on fill the index with the SQL functions database.ts gives.
    registerFunctions(db);
    for (const sql of MIGRATIONS.slice(0, INDEX_STEPS[0])) db.exec(sql);
    db.prepare(`INSERT INTO documents (id, title, text, text_sha256, length, imported_at) VALUES (?, ?, ?, ?, ?, '2026-01-01')`).run(
      'old',
      'خبر قديم',
      'أُعلن في الموصِل',
      'sha',
      16,
    );
    for (const sql of MIGRATIONS.slice(INDEX_STEPS[0], step)) db.exec(sql);
    db.pragma(`user_version = ${step}`);
    db.close();
    const core = openCore({ file, seed: false });
    try {
      assert.deepEqual(ids(core.call('libraryPage', { query: 'اعلن الموصل', from: { offset: 0 }, limit: 10 })), ['old']);
      assert.deepEqual(ids(core.call('libraryPage', { query: 'قديم', from: { offset: 0 }, limit: 10 })), ['old'], 'by its title');
      assert.deepEqual(ids(core.call('libraryPage', { query: 'قدي الموص', from: { offset: 0 }, limit: 10 })), ['old'], 'by the start of its words');
    } finally {
      core.close();
    }
    const opened = new Database(file, { readonly: true });
    try {
      const sql = opened.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'document_search'").pluck().get()!;
      assert.equal(sql, /CREATE VIRTUAL TABLE document_search [^;]*/.exec(MIGRATIONS.at(INDEX_STEPS.at(-1)!)!)![0].trim());
    } finally {
      opened.close();
    }
  });
}

test('a restore brings the backup’s documents into the search, and takes the others out of it', () => {
  const core = openCore({ seed: false });
  try {
    addText(core, 'kept', 'خبر عن الموصل');
    const backup = join(tempDir(), 'backup.sqlite');
    core.call('backupLibrary', { out: backup });
    addText(core, 'later', 'خبر عن دمشق');
    core.call('restoreLibrary', { file: backup });
    const search = (query: string) => ids(core.call('libraryPage', { query, from: { offset: 0 }, limit: 10 }));
    assert.deepEqual(search('الموصل'), ['kept']);
    assert.deepEqual(search('دمشق'), []);
    addText(core, 'after', 'خبر عن دمشق مرة أخرى');
    assert.deepEqual(search('دمشق'), ['after'], 'documents imported after it are found');
  } finally {
    core.close();
  }
});

test('a search asked again sees what another connection or a restore changed since', () => {
  const core = openCore({ seed: false });
  const other = openCore({ file: join(tempDir(), 'other.sqlite'), seed: false });
  try {
    const search = (query: string) => ids(core.call('libraryPage', { query, from: { offset: 0 }, limit: 10 }));
    addText(core, 'mosul', 'خبر عن الموصل');
    assert.deepEqual(search('دمشق'), []);
    // Another app on the same library: this connection's count and last rowid move only after it reads.
    const second = openCore({ file: core.file, seed: false });
    addText(second, 'damascus', 'خبر عن دمشق');
    second.close();
    assert.deepEqual(search('دمشق'), ['damascus'], 'a document another connection added');
    // A backup of as many documents, the last one at the same rowid, holding other texts.
    addText(other, 'aleppo', 'خبر عن حلب');
    addText(other, 'homs', 'خبر عن حمص ودمشق');
    const backup = join(tempDir(), 'other-backup.sqlite');
    other.call('backupLibrary', { out: backup });
    assert.deepEqual(search('حلب'), []);
    core.call('restoreLibrary', { file: backup });
    assert.deepEqual(search('حلب'), ['aleppo']);
    assert.deepEqual(search('دمشق'), ['homs']);
    assert.deepEqual(search('الموصل'), []);
  } finally {
    core.close();
    other.close();
  }
});
