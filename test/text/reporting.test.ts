/**
 * The source a claim card suggests: the actor a reporting cue introduces, in the claim's sentence
 * or the one before, nearest the claim. On the seed articles' own sentences.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suggestSource } from '../../electron/text/reporting.ts';

function span(text: string, needle: string, id: number): { id: number; from: number; to: number } {
  const from = text.indexOf(needle);
  assert.ok(from >= 0, needle);
  return { id, from, to: from + needle.length };
}

const REUTERS = 'أفادت وكالة رويترز نقلا عن مسؤول أمريكي، أن مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق دفاعا عن النفس.';

test('«أفادت وكالة رويترز نقلا عن مسؤول أمريكي»: the official, the end of the chain, is the source', () => {
  const claim = span(REUTERS, 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق', 1);
  const agency = span(REUTERS, 'وكالة رويترز', 2);
  const official = span(REUTERS, 'مسؤول أمريكي', 3);
  assert.equal(suggestSource(REUTERS, claim, [agency, official])?.id, 3);
  assert.equal(suggestSource(REUTERS, claim, [agency])?.id, 2, 'أفادت introduces the agency');
});

test('a source in the sentence before the claim; none two sentences back, none without a cue', () => {
  const text = 'وقال مصدران أمنيان عراقيان تحدثا لرويترز. إن الهجوم استهدف المنشأة العسكرية الأمريكية. وهو أول حادث.';
  const sources = span(text, 'مصدران أمنيان عراقيان', 2);
  assert.equal(suggestSource(text, span(text, 'الهجوم استهدف المنشأة العسكرية الأمريكية', 1), [sources])?.id, 2);
  assert.equal(suggestSource(text, span(text, 'وهو أول حادث', 1), [sources]), null, 'two sentences back');
  const plain = 'التقى الوزير بالسفير. ثم غادر البلاد.';
  assert.equal(suggestSource(plain, span(plain, 'ثم غادر البلاد', 1), [span(plain, 'الوزير', 2)]), null, 'no reporting cue');
});
