/**
 * The Arabic rule for where a span starts, on the issue's own examples, and the other ways a
 * selection becomes span edges (Alt for exact, sentences, words).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentenceAt, snapToGraphemes, snapToWords, wordAt } from '../../electron/text/boundaries.ts';
import { procliticToStrip, procliticSplits } from '../../electron/text/proclitics.ts';

const CORPUS = new Set(['رويترز', 'زمار', 'وكالة']);
const isWord = (word: string) => CORPUS.has(word);

/** Drags from the first letter of `part` inside `text` to its last, and returns the snapped text. */
function drag(text: string, part: string, from = part): string | null {
  const at = text.indexOf(part);
  assert.ok(at >= 0, `"${part}" is in "${text}"`);
  const start = at + part.indexOf(from);
  const snapped = snapToWords(text, start, at + part.length, isWord);
  return snapped && text.slice(snapped.start, snapped.end);
}

test('a drag that starts after proclitics keeps its start when the rest stands alone', () => {
  assert.equal(drag('في بالعراق اليوم', 'العراق'), 'العراق', 'starts with the article');
  assert.equal(drag('قال لرويترز إن', 'رويترز'), 'رويترز', 'a word elsewhere in the corpus');
  assert.equal(drag('من بلدة زمار', 'لدة'), 'بلدة', 'ب is part of بلدة: لدة is no word');
  assert.equal(drag('قرب وزمار', 'زمار'), 'زمار');
  assert.equal(drag('في سوريا والعراق', 'العراق'), 'العراق');
  assert.equal(drag('وبالعراق', 'العراق'), 'العراق', 'two proclitics');
  assert.equal(drag('في بالعراق اليوم', 'بالعراق'), 'بالعراق', 'the whole word stays whole');
  assert.equal(drag('في بالعراق اليوم', 'عراق'), 'بالعراق', 'a start inside the stem takes the whole word');
  assert.equal(drag('للتحالف', 'لتحالف'), 'للتحالف', 'لتحالف is not a word');
});

test('the end of a drag always extends to the end of its word', () => {
  const text = 'قال لرويترز إن';
  const start = text.indexOf('رويترز');
  const snapped = snapToWords(text, start, start + 3, isWord)!;
  assert.equal(text.slice(snapped.start, snapped.end), 'رويترز');
});

test('stripping proclitics takes the longest run whose rest stands alone', () => {
  assert.equal(procliticToStrip('بالعراق', isWord), 'ب');
  assert.equal(procliticToStrip('وبالعراق', isWord), 'وب');
  assert.equal(procliticToStrip('لرويترز', isWord), 'ل');
  assert.equal(procliticToStrip('وكالة', isWord), '', 'وكالة is a word: nothing to strip');
  assert.equal(procliticToStrip('العراق', isWord), '', 'the article is not a proclitic');
  assert.deepEqual(
    procliticSplits('فللتحالف').map((s) => s.proclitic),
    ['فلل', 'فل', 'ف'],
  );
});

test('Alt takes the selection exactly, but never inside a letter with its marks or a lam-alef', () => {
  const text = 'قالَ الأمين';
  const exact = snapToGraphemes(text, 1, 3)!;
  assert.equal(text.slice(exact.start, exact.end), 'الَ', 'the fatha stays with its letter');
  const lamAlef = 'السلام';
  const inside = lamAlef.indexOf('ا', 2);
  const snapped = snapToGraphemes(lamAlef, inside, lamAlef.length)!;
  assert.equal(lamAlef.slice(snapped.start, snapped.end), 'لام', 'لا is not split');
  assert.equal(snapToGraphemes(text, 4, 4), null);
});

test('sentences end at . ! ? ؟ or a line break; words are found around an offset', () => {
  const text = 'قال المسؤول. هل انتهى الهجوم؟ لا\nسطر آخر';
  const second = sentenceAt(text, text.indexOf('انتهى'));
  assert.equal(text.slice(second.start, second.end), ' هل انتهى الهجوم؟');
  const last = sentenceAt(text, text.indexOf('لا\n'));
  assert.equal(text.slice(last.start, last.end), ' لا');
  const word = wordAt(text, text.indexOf('سؤول'))!;
  assert.equal(text.slice(word.start, word.end), 'المسؤول');
  assert.equal(wordAt(text, text.indexOf(' ')), null);
});
