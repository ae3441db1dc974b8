import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { addWords } from '../../electron/core/vocabulary.ts';
import { addText, openCore } from '../support/core.ts';

const wordsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return { words: db.prepare<[], string>('SELECT word FROM words ORDER BY word').pluck().all(), through: db.prepare('SELECT through FROM words_through').pluck().get() };
  } finally {
    db.close();
  }
};

const forgetWords = (file: string) => {
  const db = new Database(file);
  db.exec('DELETE FROM words; UPDATE words_through SET through = 0');
  db.close();
};

test('an import brings the corpus words into the library itself; a text that came in otherwise is read at the next question', () => {
  const core = openCore({ seed: false });
  try {
    addText(core, 'one', 'قالت رويترز إن الاجتماع انتهى');
    assert.deepEqual(wordsIn(core.file), { words: ['إن', 'الاجتماع', 'انتهى', 'رويترز', 'قالت'], through: 1 }, 'in before any question');
    assert.deepEqual(core.call('knownWords', { words: ['رويترز', 'بغداد'] }), ['رويترز']);
    // Another program adds a text without its words (as a hub's pull does): this one reads it.
    const other = new Database(core.file);
    other
      .prepare("INSERT INTO documents (id, title, text, text_sha256, length, imported_at) VALUES ('two', 'two', ?, 'sha-two', 24, '2026-12-02')")
      .run('وصل الوفد إلى بغداد صباحا');
    other.close();
    assert.equal(wordsIn(core.file).through, 1);
    assert.deepEqual(core.call('knownWords', { words: ['رويترز', 'بغداد', 'دمشق'] }), ['رويترز', 'بغداد']);
    assert.equal(wordsIn(core.file).through, 2);
  } finally {
    core.close();
  }
});

test('a library from before the words table gets its words at the first question, once', () => {
  const core = openCore({ seed: false });
  addText(core, 'one', 'وصل الوفد إلى بغداد');
  core.close();
  // As migration 6 leaves an older library: the table empty, nothing read yet.
  forgetWords(core.file);

  const again = openCore({ file: core.file });
  try {
    assert.deepEqual(again.call('knownWords', { words: ['بغداد', 'الوفد', 'رويترز'] }), ['بغداد', 'الوفد']);
    assert.deepEqual(wordsIn(core.file), { words: ['إلى', 'الوفد', 'بغداد', 'وصل'], through: 1 });
  } finally {
    again.close();
  }
});

test('an export in its read transaction sees texts whose words are not in the table yet, without writing', () => {
  const core = openCore({ seed: false });
  try {
    addText(core, 'one', 'قالت رويترز إن الاجتماع انتهى. وقال مسؤول لرويترز إنه غادر');
    // As a text whose words are not read yet (one a hub's pull brought).
    forgetWords(core.file);
    const out = `${core.file}.conll`;
    core.call('exportDataset', { format: 'conll', tokens: 'clitic', out });
    const tokens = readFileSync(out, 'utf8').split('\n').map((line) => line.split(/\s/)[0]);
    assert.ok(tokens.includes('ل') && tokens.filter((token) => token === 'رويترز').length === 2, 'لرويترز is split: رويترز is a word of the corpus');
    assert.deepEqual(wordsIn(core.file), { words: [], through: 0 }, 'the export wrote nothing');
  } finally {
    core.close();
  }
});

test('the words of a text are its runs of letters and marks, as the Unicode-property regex finds them', () => {
  const texts = [
    'قالَ مسؤولٌ لـ«رويترز»: إنّ الاجتماع انتهى،و2019م الساعة ١٠ صباحاً',
    'Reuters\u200fsaid—co-operation; naïve café',
    // Letters outside the BMP (a pair of surrogates each), an emoji between words, lone surrogates.
    '𝐀𝐁c 😀د\ud800x\udc00y𐌰',
    '',
    'كلمة',
  ];
  for (const text of texts) {
    const found = new Set<string>();
    addWords(text, found);
    assert.deepEqual([...found], [...new Set(text.match(/[\p{L}\p{M}]+/gu) ?? [])], text);
  }
});
