import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Suggestion } from '../../electron/contract/contract.ts';
import { parseGazetteer } from '../../electron/core/suggest/gazetteer.ts';
import { occurrences } from '../../electron/core/suggest/occurrences.ts';
import { addText, codePointRange, openCore } from '../support/core.ts';
import { ANNOTATOR } from '../support/hamish.ts';

const texts = (text: string, ranges: readonly { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));
/** The code-point ranges' texts. */
const shown = (text: string, ranges: readonly { start: number; end: number }[]) =>
  ranges.map((r) => Array.from(text).slice(r.start, r.end).join(''));

const ARTICLE =
  'أفادت وكالة رويترز أن قاذفة دمرت في العراق. وقال مسؤول لرويترز إن الهجوم وقع بالعراق، ' +
  'وأن العِراقَ والعـراق والعراقي ليست سواء، وأن فصائل في العراق هاجمت قاعدة للتحالف الدولي. ' +
  'وقال التحالف الدولي الأحد إن الهجوم فشل.';

describe('propagation', () => {
  test('every other whole-word occurrence, folded spellings too, a proclitic left outside', () => {
    assert.deepEqual(texts(ARTICLE, occurrences(ARTICLE, 'العراق')), ['العراق', 'العراق', 'العِراقَ', 'العـراق', 'العراق']);
    assert.deepEqual(texts(ARTICLE, occurrences(ARTICLE, 'رويترز')), ['رويترز', 'رويترز']);
    // After لل the article's alef is not written (للتحالف): no edge leaves the name whole there.
    assert.deepEqual(texts(ARTICLE, occurrences(ARTICLE, 'التحالف الدولي')), ['التحالف الدولي']);
    // ى/ي and ة/ه, alef forms.
    assert.deepEqual(texts('مستشفى المدينة ومستشفي المدينه', occurrences('مستشفى المدينة ومستشفي المدينه', 'مستشفى المدينة')), [
      'مستشفى المدينة',
      'مستشفي المدينه',
    ]);
    assert.deepEqual(texts('إيران وايران وآيران', occurrences('إيران وايران وآيران', 'ايران')), ['إيران', 'ايران', 'آيران']);
  });

  test('through the contract: the span itself and spans of its label are left out; a code point beyond the BMP counts once', () => {
    const core = openCore({ seed: false });
    try {
      const text = '🙂 ' + ARTICLE;
      const id = addText(core, 'article', text);
      const first = core.call('createSpan', { documentId: id, ...codePointRange(text, 'العراق'), label: 'location' });
      const { suggestions } = core.call('propagate', { span: first.id });
      assert.deepEqual(shown(text, suggestions), ['العراق', 'العِراقَ', 'العـراق', 'العراق']);
      assert.ok(suggestions.every((s) => s.label === 'location' && s.source === 'propagation'));
      assert.equal(suggestions[0]!.text, 'العراق');

      // Accept all: one step of history, undone at once.
      const { spans } = core.call('acceptSuggestions', { documentId: id, suggestions });
      assert.equal(spans.length, 4);
      assert.equal(core.call('openDocument', { id }).spans.length, 5);
      assert.deepEqual(core.call('propagate', { span: first.id }).suggestions, []);
      core.call('undo', { documentId: id });
      assert.equal(core.call('openDocument', { id }).spans.length, 1);
    } finally {
      core.close();
    }
  });

  test('an occurrence whose edge would split a lam-alef (لإيران) is not offered', () => {
    const core = openCore({ seed: false });
    try {
      const text = 'قالت إيران إن ضربات وجهت لإيران وإلى إيران.';
      const id = addText(core, 'one', text);
      const span = core.call('createSpan', { documentId: id, ...codePointRange(text, 'إيران'), label: 'location' });
      assert.deepEqual(shown(text, core.call('propagate', { span: span.id }).suggestions), ['إيران']);
    } finally {
      core.close();
    }
  });

  test('in the library: how many in each other document', () => {
    const core = openCore({ seed: false });
    try {
      const one = addText(core, 'one', ARTICLE);
      const two = addText(core, 'two', 'غارة في العراق وفي بالعراق');
      addText(core, 'three', 'لا شيء هنا');
      const span = core.call('createSpan', { documentId: one, ...codePointRange(ARTICLE, 'العراق'), label: 'location' });
      assert.deepEqual(core.call('propagate', { span: span.id, library: true }).elsewhere, [{ documentId: two, count: 2 }]);
    } finally {
      core.close();
    }
  });
});

describe('suggestions for a document', () => {
  test('learned from the layer’s spans, with how often each label was given; dates; never over a span of its label', () => {
    const core = openCore({ seed: false });
    try {
      const one = addText(core, 'one', ARTICLE);
      const two = addText(core, 'two', 'وقالت رويترز يوم الأحد إن قوات في العراق ردت، وإن العراق سيرد.');
      core.call('createSpan', { documentId: one, ...codePointRange(ARTICLE, 'العراق'), label: 'location' });
      core.call('createSpan', { documentId: one, ...codePointRange(ARTICLE, 'رويترز'), label: 'actor' });
      const text = 'وقالت رويترز يوم الأحد إن قوات في العراق ردت، وإن العراق سيرد.';
      const { suggestions } = core.call('suggest', { documentId: two });
      assert.deepEqual(
        suggestions.map((s) => [s.text, s.label, s.source, s.seen]),
        [
          ['رويترز', 'actor', 'learned', { actor: 1 }],
          ['يوم الأحد', 'date', 'dates', undefined],
          // What Reuters said, read from the reporting verb and إن (its actor is the learned one).
          ['قوات في العراق ردت', 'claim', 'reporting', undefined],
          ['العراق', 'location', 'learned', { location: 1 }],
          ['العراق', 'location', 'learned', { location: 1 }],
        ],
      );
      core.call('createSpan', { documentId: two, ...codePointRange(text, 'رويترز'), label: 'actor' });
      assert.deepEqual(
        core.call('suggest', { documentId: two }).suggestions.map((s) => s.text),
        ['يوم الأحد', 'قوات في العراق ردت', 'العراق', 'العراق'],
      );
      // Another person's layer learns from nothing of this one's, unless asked to learn from the library.
      core.call('setAnnotator', { name: 'another' });
      assert.deepEqual(core.call('suggest', { documentId: two }).suggestions.map((s) => s.source), ['reporting', 'dates', 'reporting']);
      assert.deepEqual(
        core.call('suggest', { documentId: two, learnFrom: 'library' }).suggestions.map((s) => s.text),
        ['رويترز', 'يوم الأحد', 'قوات في العراق ردت', 'العراق', 'العراق'],
      );
    } finally {
      core.close();
    }
  });

  test('text the layer left out of the article gets no suggestions, propagated or not', () => {
    const core = openCore({ seed: false });
    try {
      const text = 'قصف في العراق أمس.\n\nكلمات دلالية: العراق أمس';
      const id = addText(core, 'one', text);
      const out = codePointRange(text, 'كلمات دلالية: العراق أمس');
      core.call('setScope', { documentId: id, ...out, inScope: false });
      assert.deepEqual(core.call('suggest', { documentId: id }).suggestions.map((s) => s.start), [codePointRange(text, 'أمس').start]);
      const span = core.call('createSpan', { documentId: id, ...codePointRange(text, 'العراق'), label: 'location' });
      assert.deepEqual(core.call('propagate', { span: span.id }).suggestions, []);
      // Another layer has its own scope: there the tag line is still the article's.
      core.call('setAnnotator', { name: 'another' });
      assert.equal(core.call('suggest', { documentId: id }).suggestions.length, 2);
    } finally {
      core.close();
    }
  });

  test('a rejected suggestion does not come back, after the library is opened again', () => {
    // The dates: the sentence's actor and claim are offered too, and stay.
    const dates = (suggestions: readonly Suggestion[]) => suggestions.filter((s) => s.label === 'date');
    const first = openCore({ seed: false });
    let file;
    let id;
    try {
      file = first.file;
      id = addText(first, 'one', 'قال مسؤول أمس إن الهجوم وقع اليوم');
      const [yesterday] = dates(first.call('suggest', { documentId: id }).suggestions);
      assert.equal(yesterday!.text, 'أمس');
      assert.deepEqual(first.call('rejectSuggestions', { documentId: id, suggestions: [yesterday!] }), { rejected: 1 });
      assert.deepEqual(dates(first.call('suggest', { documentId: id }).suggestions).map((s) => s.text), ['اليوم']);
    } finally {
      first.close();
    }
    const again = openCore({ seed: false, file });
    try {
      assert.deepEqual(dates(again.call('suggest', { documentId: id }).suggestions).map((s) => s.text), ['اليوم']);
      // Rejected in one layer only.
      again.call('setAnnotator', { name: 'another' });
      assert.deepEqual(dates(again.call('suggest', { documentId: id }).suggestions).map((s) => s.text), ['أمس', 'اليوم']);
    } finally {
      again.close();
    }
  });

  test('a rejection is a step of the layer’s history: undo offers the suggestions again, redo rejects them again, across a reopen', () => {
    const first = openCore({ seed: false });
    const { file } = first;
    const id = addText(first, 'one', 'قال مسؤول أمس إن الهجوم وقع اليوم، وأمس قال آخر');
    // Only the dates: the reported-speech patterns offer the speaker and the claim here too.
    const texts = (core: typeof first) =>
      core.call('suggest', { documentId: id }).suggestions.filter((s) => s.label === 'date').map((s) => s.text);
    let again: typeof first | undefined;
    try {
      assert.deepEqual(texts(first), ['أمس', 'اليوم', 'أمس']);
      const yesterdays = first.call('suggest', { documentId: id }).suggestions.filter((s) => s.text === 'أمس');
      // Rejecting every one of a text (Shift+X) is one step.
      first.call('rejectSuggestions', { documentId: id, suggestions: yesterdays });
      assert.deepEqual(texts(first), ['اليوم']);
      // Rejecting one rejected already changes nothing, and is no step.
      first.call('rejectSuggestions', { documentId: id, suggestions: yesterdays.slice(0, 1) });
      // Another layer's undo does not reach this layer's rejections.
      first.call('setAnnotator', { name: 'another' });
      assert.equal(first.call('undo', { documentId: id }), null);
      first.call('setAnnotator', { name: ANNOTATOR });
      first.close();

      again = openCore({ seed: false, file });
      const undone = again.call('undo', { documentId: id })!;
      assert.deepEqual(undone.spans, []);
      assert.deepEqual(
        undone.rejections,
        yesterdays.map(({ start, end, label }) => ({ start, end, label, rejected: false })).reverse(),
        'both come back in one step, said in code points',
      );
      assert.deepEqual(texts(again), ['أمس', 'اليوم', 'أمس']);
      assert.equal(again.call('undo', { documentId: id }), null, 'nothing before it');
      const redone = again.call('redo', { documentId: id })!;
      assert.deepEqual(redone.rejections!.map((r) => r.rejected), [true, true]);
      assert.deepEqual(texts(again), ['اليوم']);
      // Undone, then overtaken by a new change: the rejection cannot be redone.
      again.call('undo', { documentId: id });
      again.call('createSpan', { documentId: id, ...codePointRange('قال مسؤول أمس إن الهجوم وقع اليوم، وأمس قال آخر', 'مسؤول'), label: 'actor' });
      assert.equal(again.call('redo', { documentId: id }), null);
      assert.deepEqual(texts(again), ['أمس', 'اليوم', 'أمس']);
    } finally {
      (again ?? first).close();
    }
  });
});

describe('gazetteers', () => {
  test('CSV with a header, quoted fields and variants; TSV; Arabic label names', () => {
    const csv = 'name,label,variants\nالعراق,location,عراق|جمهورية العراق\n"كتائب حزب الله, العراق",actor,\nطهران,مكان,\n';
    assert.deepEqual(parseGazetteer('places.csv', csv), {
      entries: [
        { name: 'العراق', label: 'location', variants: ['عراق', 'جمهورية العراق'], line: 2 },
        { name: 'كتائب حزب الله, العراق', label: 'actor', variants: [], line: 3 },
        { name: 'طهران', label: 'location', variants: [], line: 4 },
      ],
      problems: [],
    });
    assert.deepEqual(parseGazetteer('actors.tsv', 'رويترز\tactor\tوكالة رويترز;رويتر\n').entries, [
      { name: 'رويترز', label: 'actor', variants: ['وكالة رويترز', 'رويتر'], line: 1 },
    ]);
  });

  test('bad rows are reported at file:line and the others kept', () => {
    const csv = ['name,label,variants', 'العراق,location', ',actor,', 'سوريا,claim,', 'إيران,place,', 'a,b,c,d', '123,actor', 'دمشق,location,'].join('\n');
    const { entries, problems } = parseGazetteer('bad.csv', csv);
    assert.deepEqual(entries.map((e) => e.name), ['العراق', 'دمشق']);
    assert.deepEqual(problems, [
      { file: 'bad.csv', line: 3, reason: 'the name is empty' },
      { file: 'bad.csv', line: 4, reason: '"claim" is not a label a name can have (actor, location, date)' },
      { file: 'bad.csv', line: 5, reason: '"place" is not a label a name can have (actor, location, date)' },
      { file: 'bad.csv', line: 6, reason: 'expected name,label,variants (2 or 3 fields), found 4' },
      { file: 'bad.csv', line: 7, reason: 'the name "123" holds no letter' },
    ]);
    const broken = parseGazetteer('broken.csv', 'العراق,location\n"سوريا,location\n');
    assert.deepEqual(broken.entries.map((e) => e.name), ['العراق']);
    assert.equal(broken.problems[0]!.line, 2);
    assert.match(broken.problems[0]!.reason, /quoted field is not closed/);
  });

  test('imported into the library and matched with the same normalisation', () => {
    const core = openCore({ seed: false });
    try {
      const text = 'قصفت طائرات مسيرة جمهوريه العراق، وردت كتائب حزب الله في العراق.';
      const id = addText(core, 'one', text);
      const report = core.call('importGazetteer', {
        file: 'gaz.csv',
        text: 'name,label,variants\nالعراق,location,جمهورية العراق\nكتائب حزب الله,actor,\nحزب الله,actor,\nطهران,nowhere,\n',
      });
      assert.deepEqual(report, { entries: 3, forms: 4, problems: [{ file: 'gaz.csv', line: 5, reason: '"nowhere" is not a label a name can have (actor, location, date)' }] });
      assert.deepEqual(
        core.call('suggest', { documentId: id }).suggestions.map((s) => [s.text, s.label, s.source]),
        [
          ['جمهوريه العراق', 'location', 'gazetteer'],
          ['كتائب حزب الله', 'actor', 'gazetteer'],
          ['العراق', 'location', 'gazetteer'],
        ],
      );
    } finally {
      core.close();
    }
  });
});
