/**
 * The search form the list's index holds (text/search-form.ts): what FTS5's ascii tokenizer must
 * split as unicode61 split the folded text, and what a typed word is looked up as.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { fold } from '../../electron/text/normalise.ts';
import { searchForm } from '../../electron/text/search-form.ts';

test('folded, in lower case, Latin accents off, every separator a space', () => {
  assert.equal(searchForm('أُعلن في «الموصِل»، أمس.'), 'اعلن في  الموصل   امس ');
  assert.equal(searchForm('Reuters: Sánchez ÉLYSÉE 2024'), 'reuters  sanchez elysee 2024');
  assert.equal(searchForm('Ωмега ٢٠٢٤'), 'ωмега 2024', 'other scripts in lower case; Arabic digits folded');
});

test('a letter beyond the BMP is kept; an emoji is a separator; each unit maps to one', () => {
  const text = 'خبر😀عاجل 𝐀x';
  assert.equal(searchForm(text), 'خبر  عاجل 𝐀x');
  for (const sample of [text, 'İstanbul ﷺ ـــ', 'أُعلن في «الموصِل»']) assert.equal(searchForm(sample).length, fold(sample).length);
});

test('the ascii tokenizer finds in the search form the words unicode61 finds in the folded text', () => {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE by_form USING fts5(text, tokenize = ascii);
             CREATE VIRTUAL TABLE by_form_terms USING fts5vocab(by_form, row);
             CREATE VIRTUAL TABLE by_fold USING fts5(text);
             CREATE VIRTUAL TABLE by_fold_terms USING fts5vocab(by_fold, row)`);
    const texts = ['قالت وكالة الأنباء «سانا»: القصف أصاب المستشفى.', 'Reuters/AFP — Sánchez; ÉLYSÉE (2024)', 'الوفد؟ وبغداد! ٣ صواريخ'];
    /** Each text's terms as the table's tokenizer makes them of `form(text)`. */
    const tokens = (table: 'by_form' | 'by_fold', form: (text: string) => string) =>
      texts.map((text) => {
        db.prepare(`DELETE FROM ${table}`).run();
        db.prepare(`INSERT INTO ${table} (text) VALUES (?)`).run(form(text));
        return db.prepare<[], string>(`SELECT term FROM ${table}_terms ORDER BY term`).pluck().all();
      });
    const folded = tokens('by_fold', fold);
    assert.deepEqual(folded[0]!.slice(0, 3), ['اصاب', 'الانباء', 'القصف'], 'the terms are read, not an empty table');
    assert.deepEqual(tokens('by_form', searchForm), folded);
  } finally {
    db.close();
  }
});
