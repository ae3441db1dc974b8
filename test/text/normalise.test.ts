/**
 * Arabic folding for comparison: the spellings the issues list as "the same" compare equal, and a
 * match in the folded text maps back to the original's own offsets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, foldWithOrigin, stem, terms, toOriginal } from '../../electron/text/normalise.ts';

test('alef forms, ى/ي, ة/ه, diacritics, tatweel and both Arabic digit sets fold together', () => {
  assert.equal(fold('أإآٱا'), 'ااااا');
  assert.equal(fold('مستشفى'), fold('مستشفي'));
  assert.equal(fold('قاعدة'), fold('قاعده'));
  assert.equal(fold('العِرَاقُ'), 'العراق');
  assert.equal(fold('العـــراق'), 'العراق');
  assert.equal(fold('٥ و۵ و5'), '5 و5 و5');
  assert.equal(fold('Reuters 2024'), 'Reuters 2024', 'Latin letters and digits are kept as they are');
});

test('a match in the folded text is the original range, with the last letter’s marks', () => {
  const text = 'قصفٌ في العِرَاقِ، أمس';
  const f = foldWithOrigin(text);
  const at = f.folded.indexOf('العراق');
  const range = toOriginal(f, text, at, at + 'العراق'.length);
  assert.equal(text.slice(range.start, range.end), 'العِرَاقِ');
  const last = f.folded.indexOf('امس');
  const tail = toOriginal(f, text, last, last + 3);
  assert.equal(text.slice(tail.start, tail.end), 'أمس');
});

test('a surrogate pair keeps both its units in the origin map', () => {
  const text = '𝐀 العراق';
  const f = foldWithOrigin(text);
  const at = f.folded.indexOf('العراق');
  const range = toOriginal(f, text, at, at + 6);
  assert.equal(text.slice(range.start, range.end), 'العراق');
});

test('stems: proclitics before the article and the article go, number words become digits', () => {
  assert.equal(stem('بالعراق'), 'عراق');
  assert.equal(stem('العراق'), 'عراق');
  assert.equal(stem('للتحالف'), 'تحالف');
  assert.equal(stem('والتحالف'), 'تحالف');
  assert.equal(stem('بلده'), 'بلده', 'ب of بلدة belongs to the word: no article follows');
  assert.equal(stem('وكاله'), 'وكاله');
  assert.equal(stem('خمسه'), '5');
  assert.equal(stem('اربع'), '4');
});

test('the Zummar claim in two outlets’ words shares its terms', () => {
  const a = new Set(terms('إطلاق 5 صواريخ على الأقل من بلدة زمار في العراق'));
  const b = new Set(terms('خمسة صواريخ على الأقل أطلقت من بلدة زمار العراقية'));
  for (const shared of ['5', 'صواريخ', 'بلده', 'زمار', 'اقل']) {
    assert.ok(a.has(shared) && b.has(shared), `both have ${shared}`);
  }
});
