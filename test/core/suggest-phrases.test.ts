/**
 * Actor descriptions and named places read from their head word (electron/text/phrases.ts through
 * electron/core/suggest/patterns.ts), on sentences written for these tests.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { patternsIn } from '../../electron/core/suggest/patterns.ts';

/** The phrase suggestions of `text` of `label`, as their words. */
const phrases = (text: string, label: 'actor' | 'location') =>
  patternsIn(text)
    .filter((p) => p.source === 'phrases' && p.label === label)
    .map((p) => text.slice(p.start, p.end));

describe('actor descriptions', () => {
  test('a group, force or institution with its adjectives, idafa and a participle with its object', () => {
    const text = 'هاجمت الفصائل المسلحة الموالية لإيران قاعدة، بينما انتشرت قوات الأمن العراقية وأعلنت وزارة الخارجية التركية موقفها.';
    assert.deepEqual(phrases(text, 'actor'), ['الفصائل المسلحة الموالية لإيران', 'قوات الأمن العراقية', 'وزارة الخارجية التركية']);
    assert.deepEqual(phrases('وصلت جماعات مسلحة مدعومة من الخارج إلى المدينة.', 'actor'), ['جماعات مسلحة مدعومة من الخارج']);
    // A proclitic before the head stays outside; و between adjectives joins them.
    assert.deepEqual(phrases('والتقى بالمسؤولين الأمنيين ومسؤولين عراقيين وأمريكيين.', 'actor'), ['المسؤولين الأمنيين', 'مسؤولين عراقيين وأمريكيين']);
    // Who leads it is part of the phrase; a definite word after و is another phrase, not an adjective.
    assert.deepEqual(phrases('وشن التحالف الذي تقوده السعودية غارات على مواقع تضم قوات حكومية والميليشيات المحلية.', 'actor'), [
      'التحالف الذي تقوده السعودية',
      'قوات حكومية',
      'الميليشيات المحلية',
    ]);
  });

  test('a head alone, a person with an idafa, or a head before a verb or preposition is no description', () => {
    assert.deepEqual(phrases('انسحبت القوات من المدينة.', 'actor'), []);
    // مصدر الخبر is where the news came from, no one.
    assert.deepEqual(phrases('ولم يذكر مصدر الخبر تفاصيل.', 'actor'), []);
    assert.deepEqual(phrases('وقالت مصادر إن الجيش تقدم.', 'actor'), []);
  });
});

describe('named places', () => {
  test('a kind of place and its name, one or two words; compass points before a place', () => {
    const text = 'وقع الانفجار في محافظة صلاح الدين وفي قرية العوجة شمال غرب تكريت، قرب بلدة زمار.';
    assert.deepEqual(phrases(text, 'location'), ['محافظة صلاح الدين', 'قرية العوجة', 'شمال غرب تكريت', 'بلدة زمار']);
  });

  test('borders, territory and airspace named by a nisba adjective', () => {
    assert.deepEqual(phrases('قرب الحدود الأردنية السورية وفي الأراضي اللبنانية وعلى الحدود مع تركيا.', 'location'), [
      'الحدود الأردنية السورية',
      'الأراضي اللبنانية',
    ]);
  });

  test('an adjective or a preposition after the kind is no name', () => {
    assert.deepEqual(phrases('وصلت إلى مدينة عراقية قرب قاعدة للتحالف ثم إلى منطقة بالقرب من الحدود.', 'location'), []);
    assert.deepEqual(phrases('في المنطقة الحدودية وفي بلدة في الشمال.', 'location'), []);
  });
});
