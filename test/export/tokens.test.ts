import assert from 'node:assert/strict';
import { test } from 'node:test';
import { procliticToStrip } from '../../electron/text/proclitics.ts';
import { tokenize } from '../../electron/text/tokens.ts';

const texts = (text: string, strip?: (word: string) => string) => tokenize(text, strip).map((t) => text.slice(t.start, t.end));

test('tokens: words, each punctuation mark and emoji on its own, no white space', () => {
  assert.deepEqual(texts('😀🇸🇦 عاجل: قال "الرئيس" 👍🏽،\nيوم 5 مايو.'), [
    '😀', '🇸🇦', 'عاجل', ':', 'قال', '"', 'الرئيس', '"', '👍🏽', '،', 'يوم', '5', 'مايو', '.',
  ]);
  assert.deepEqual(texts('سيُعقد إنّ'), ['سيُعقد', 'إنّ'], 'marks stay with their letters');
  assert.deepEqual(texts('  \n '), []);
});

test('tokens: proclitics split off by the rule the app snaps span starts with', () => {
  const strip = (word: string) => procliticToStrip(word, (stem) => stem === 'سوريا');
  assert.deepEqual(texts('بالعراق وسوريا وبلدة للتحالف العراق', strip), ['ب', 'العراق', 'و', 'سوريا', 'وبلدة', 'للتحالف', 'العراق']);
  assert.deepEqual(texts('بالعراق'), ['بالعراق'], 'without the rule words stay whole');
});
