/**
 * Claims and their actors read from reported speech (electron/text/attribution.ts), on sentences
 * written for these tests in the register of Arabic news; and through the contract, as suggestions
 * an analyst accepts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportsIn } from '../../electron/text/attribution.ts';
import { addText, openCore } from '../support/core.ts';

/** Each report of `text` as its claim's words and its actors' words. */
const read = (text: string) =>
  reportsIn(text).map(({ claim, actors }) => ({
    claim: claim && text.slice(claim.start, claim.end),
    actors: actors.map((a) => text.slice(a.start, a.end)),
  }));

describe('reported speech', () => {
  test('a reporting verb, its subject and the clause after إن/أن to the sentence end', () => {
    assert.deepEqual(read('قال مسؤول عسكري رفيع إن الطائرات قصفت مواقع في جنوب البلاد.'), [
      { claim: 'الطائرات قصفت مواقع في جنوب البلاد', actors: ['مسؤول عسكري رفيع'] },
    ]);
    // A date between the subject and أن; a participle goes on with the same speaker's report.
    assert.deepEqual(read('وأكدت وزارة الداخلية اللبنانية، مساء السبت، أن الحدود مع سوريا أغلقت، مشيرة إلى أن الإجراء مؤقت.'), [
      { claim: 'الحدود مع سوريا أغلقت', actors: ['وزارة الداخلية اللبنانية'] },
      { claim: 'الإجراء مؤقت', actors: [] },
    ]);
    // بأن، and a clause ended by فيما after a comma.
    assert.deepEqual(read('وأفاد شهود بأن القصف استمر ساعات، فيما لم تعلق الحكومة.'), [{ claim: 'القصف استمر ساعات', actors: ['شهود'] }]);
  });

  test('those a report came through or was told to: عن، وفقا لـ، an addressee after ل', () => {
    assert.deepEqual(read('ونقلت صحيفة الغد عن سكان محليين قولهم إن الانفجار هز المدينة.'), [
      { claim: 'الانفجار هز المدينة', actors: ['صحيفة الغد', 'سكان محليين'] },
    ]);
    assert.deepEqual(read('وقال مسؤولان أمنيان، وفقا لوكالة الأنباء الرسمية، إن الطريق أعيد فتحه.'), [
      { claim: 'الطريق أعيد فتحه', actors: ['مسؤولان أمنيان', 'وكالة الأنباء الرسمية'] },
    ]);
    // An officer of an institution is one actor; the agency told is another, its ل left outside.
    assert.deepEqual(read('وقال ضابط في الشرطة لرويترز إن دورية تعرضت لكمين.'), [
      { claim: 'دورية تعرضت لكمين', actors: ['ضابط في الشرطة', 'رويترز'] },
    ]);
  });

  test('a colon and a quote; كشف عن; a belief inside the clause reports the inner one', () => {
    assert.deepEqual(read('وتابع: «لن نسمح بتكرار ما حدث».'), [{ claim: 'لن نسمح بتكرار ما حدث', actors: [] }]);
    assert.deepEqual(read('وأضاف الناطق "سنرد في الوقت المناسب".'), [{ claim: 'سنرد في الوقت المناسب', actors: ['الناطق'] }]);
    assert.deepEqual(read('وكشفت مصادر محلية عن وصول تعزيزات عسكرية إلى المدينة.'), [
      { claim: 'وصول تعزيزات عسكرية إلى المدينة', actors: ['مصادر محلية'] },
    ]);
    assert.deepEqual(read('وقال المتحدث إنه يعتقد أن المفاوضات ستستأنف قريبا.'), [{ claim: 'المفاوضات ستستأنف قريبا', actors: ['المتحدث'] }]);
  });

  test('no report where there is none, and no guess where the words do not say', () => {
    assert.deepEqual(read('التقى الوزير بنظيره في العاصمة.'), []);
    // تابع is an adjective here, not "he went on".
    assert.deepEqual(read('عثر على جهاز تابع للجيش قرب الحدود.'), []);
    // A name in quotes after its head: where it ends is not guessed; a quote that does not close the
    // sentence is not what was said.
    assert.deepEqual(read('وأعلنت حركة "النجباء" مسؤوليتها عن الهجوم.'), []);
    // A one-word clause is no claim; a clause in the next sentence is not this verb's.
    assert.deepEqual(read('وقال الوزير إنه "مستعد". ثم غادر.'), [{ claim: null, actors: ['الوزير'] }]);
    assert.deepEqual(read('وأضاف المسؤول.\nإن الوضع هادئ.'), [{ claim: null, actors: ['المسؤول'] }]);
  });
});

describe('reported speech as suggestions', () => {
  test('the claim and its actor are offered, source reporting; accepted, the claim is a span', () => {
    const core = openCore({ seed: false });
    try {
      const text = 'وقال متحدث عسكري إن القوات استعادت السيطرة على الطريق.';
      const id = addText(core, 'one', text);
      const { suggestions } = core.call('suggest', { documentId: id });
      assert.deepEqual(
        suggestions.map((s) => [s.label, s.source, s.text]),
        [
          ['actor', 'reporting', 'متحدث عسكري'],
          ['claim', 'reporting', 'القوات استعادت السيطرة على الطريق'],
        ],
      );
      const claim = suggestions.find((s) => s.label === 'claim')!;
      core.call('acceptSuggestions', { documentId: id, suggestions: [claim] });
      assert.deepEqual(core.call('openDocument', { id }).spans.map((s) => [s.label, s.start, s.end]), [['claim', claim.start, claim.end]]);
      // Not offered again over the span it became; rejected, the actor is not offered again either.
      const [actor] = core.call('suggest', { documentId: id }).suggestions;
      assert.equal(actor!.label, 'actor');
      core.call('rejectSuggestions', { documentId: id, suggestions: [actor!] });
      assert.deepEqual(core.call('suggest', { documentId: id }).suggestions, []);
    } finally {
      core.close();
    }
  });
});
