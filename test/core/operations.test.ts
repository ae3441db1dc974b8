import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addText, assertHamishError, codePointRange, openCore } from '../support/core.ts';
import { ANNOTATOR } from '../support/hamish.ts';

// Letters with diacritics (kasra, fatha, shadda, damma) and a lam-alef (لا) in "إلا" and "لأن".
const TEXT = 'قال المتحدِّث إنّه لا يعلم شيئًا عن الهجوم، لأنّ الجيش لم يُعلن عنه.\nثم غادر.';

describe('operations through dispatch', () => {
  test('session names the annotator given when opening', () => {
    const core = openCore({ seed: false });
    try {
      assert.deepEqual(core.call('session', {}), { annotator: ANNOTATOR, confirmed: true });
    } finally {
      core.close();
    }
  });

  test('createSpan, openDocument and deleteSpan round trip', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      const opened = core.call('openDocument', { id });
      assert.equal(opened.text, TEXT);
      assert.deepEqual(opened.spans, []);
      assert.deepEqual(opened.meta, {});
      assert.equal(opened.summary.length, Array.from(TEXT).length);

      const range = codePointRange(TEXT, 'المتحدِّث');
      const span = core.call('createSpan', { documentId: id, ...range, label: 'actor' });
      assert.equal(span.documentId, id);
      assert.equal(span.start, range.start);
      assert.equal(span.end, range.end);
      assert.equal(span.label, 'actor');
      assert.equal(span.annotator, ANNOTATOR);
      assert.equal(span.note, null);
      assert.ok(!Number.isNaN(Date.parse(span.createdAt)));

      const claim = core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'لا يعلم شيئًا'), label: 'claim' });
      const withSpans = core.call('openDocument', { id });
      assert.deepEqual(withSpans.spans, [span, claim]);
      assert.equal(withSpans.summary.spanCount, 2);

      assert.deepEqual(core.call('deleteSpan', { id: span.id }), { id: span.id });
      assert.deepEqual(core.call('openDocument', { id }).spans, [claim]);
      assertHamishError(() => core.call('deleteSpan', { id: span.id }), 'not_found', new RegExp(`no span ${span.id}`));
    } finally {
      core.close();
    }
  });

  test('the same label over the same range is one span', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      const range = codePointRange(TEXT, 'الجيش');
      const first = core.call('createSpan', { documentId: id, ...range, label: 'actor' });
      const second = core.call('createSpan', { documentId: id, ...range, label: 'actor' });
      assert.deepEqual(second, first);
      // Another label over the same words is another span.
      const other = core.call('createSpan', { documentId: id, ...range, label: 'location' });
      assert.notEqual(other.id, first.id);
      const opened = core.call('openDocument', { id });
      assert.equal(opened.spans.length, 2);
      assert.equal(opened.summary.spanCount, 2);
    } finally {
      core.close();
    }
  });

  test('spans are kept across reopening', () => {
    const core = openCore({ seed: false });
    const id = addText(core, 'article', TEXT);
    const span = core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الهجوم'), label: 'claim' });
    core.close();
    const again = openCore({ file: core.file, annotator: 'someone-else' });
    try {
      assert.deepEqual(again.call('openDocument', { id, layers: [ANNOTATOR] }).spans, [span]);
      assert.deepEqual(again.call('openDocument', { id, layers: 'all' }).spans, [span]);
      assert.deepEqual(again.call('openDocument', { id }).spans, [], "by default one's own layer only");
    } finally {
      again.close();
    }
  });

  test('a span past the end, empty, or reversed is refused', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      const length = Array.from(TEXT).length;
      const create = (start: number, end: number) => () =>
        core.call('createSpan', { documentId: id, start, end, label: 'claim' });
      assertHamishError(create(length - 2, length + 1), 'invalid_input', /runs past the end/);
      assertHamishError(create(length, length + 1), 'invalid_input', /runs past the end/);
      assertHamishError(create(4, 4), 'invalid_input', /end after it starts/);
      assertHamishError(create(8, 4), 'invalid_input', /end after it starts/);
      assertHamishError(create(-1, 3), 'invalid_input');
      // The very last code point may be tagged.
      core.call('createSpan', { documentId: id, start: length - 5, end: length, label: 'claim' });
      assert.equal(core.call('openDocument', { id }).spans.length, 1);
    } finally {
      core.close();
    }
  });

  test('a span edge may not split a lam-alef or a letter from its diacritics', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      const create = (start: number, end: number) =>
        core.call('createSpan', { documentId: id, start, end, label: 'claim' });

      // Inside لا: between the lam and the alef, at either edge.
      const la = codePointRange(TEXT, 'لا يعلم');
      assertHamishError(() => create(la.start + 1, la.end), 'invalid_input', /lam-alef/);
      assertHamishError(() => create(la.start - 5, la.start + 1), 'invalid_input', /lam-alef/);
      // لأنّ: lam then alef with hamza.
      const laan = codePointRange(TEXT, 'لأنّ');
      assertHamishError(() => create(laan.start + 1, laan.end), 'invalid_input');

      // المتحدِّث: between the dal and its kasra, and between the kasra and the shadda.
      const word = codePointRange(TEXT, 'المتحدِّث');
      const dal = word.start + Array.from('المتحد').length;
      assertHamishError(() => create(word.start, dal), 'invalid_input', /splits a letter from its marks/);
      assertHamishError(() => create(word.start, dal + 1), 'invalid_input');
      assertHamishError(() => create(dal + 1, word.end), 'invalid_input');
      // شيئًا: the tanween after the hamza.
      const shay = codePointRange(TEXT, 'شيئًا');
      assertHamishError(() => create(shay.start, shay.start + 3), 'invalid_input');

      assert.deepEqual(core.call('openDocument', { id }).spans, []);
      // The same letters with the edge after the marks are fine.
      create(word.start, dal + 2);
      create(la.start, la.start + 2);
    } finally {
      core.close();
    }
  });

  test('status goes new → in_progress on the first span; done sticks', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      const status = () => core.call('openDocument', { id }).summary.status;
      assert.equal(status(), 'new');
      core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الجيش'), label: 'actor' });
      assert.equal(status(), 'in_progress');
      const summary = core.call('setDocumentStatus', { id, status: 'done' });
      assert.equal(summary.status, 'done');
      assert.equal(summary.id, id);
      assert.equal(summary.spanCount, 1);
      core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الهجوم'), label: 'claim' });
      assert.equal(status(), 'done');
      assert.equal(core.call('setDocumentStatus', { id, status: 'in_progress' }).status, 'in_progress');
      assertHamishError(() => core.callRaw('setDocumentStatus', { id, status: 'new' }), 'invalid_input');
      assertHamishError(() => core.call('setDocumentStatus', { id: 'missing', status: 'done' }), 'not_found');
    } finally {
      core.close();
    }
  });

  test('a refused span leaves the status at new', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      assertHamishError(() => core.call('createSpan', { documentId: id, start: 0, end: 10_000, label: 'claim' }), 'invalid_input');
      assert.equal(core.call('openDocument', { id }).summary.status, 'new');
    } finally {
      core.close();
    }
  });

  test('saveViewOffset persists across reopening', () => {
    const core = openCore({ seed: false });
    const id = addText(core, 'article', TEXT);
    assert.equal(core.call('openDocument', { id }).viewOffset, 0);
    assert.deepEqual(core.call('saveViewOffset', { id, offset: 42 }), {});
    core.close();
    const again = openCore({ file: core.file });
    try {
      assert.equal(again.call('openDocument', { id }).viewOffset, 42);
      assertHamishError(() => again.call('saveViewOffset', { id: 'missing', offset: 1 }), 'not_found');
    } finally {
      again.close();
    }
  });

  test('titles are the first line, cut to 120 units without splitting a character', () => {
    const core = openCore({ seed: false });
    try {
      const long = `${'ب'.repeat(118)}😀 والمزيد`;
      const id = addText(core, 'long-title', `\n\n  ${long}\nالسطر الثاني`);
      const { title } = core.call('openDocument', { id }).summary;
      assert.equal(title, `${'ب'.repeat(118)}…`);
      assert.doesNotMatch(title, /\p{Cs}|\uFFFD/u);
      const short = addText(core, 'short-title', '  عنوان قصير 😀 \nنص');
      assert.equal(core.call('openDocument', { id: short }).summary.title, 'عنوان قصير 😀');
    } finally {
      core.close();
    }
  });

  test('a document imported from a very long file name can still be opened and tagged', () => {
    const core = openCore({ seed: false });
    try {
      const first = addText(core, 'n'.repeat(240), TEXT);
      const second = addText(core, 'n'.repeat(240), `${TEXT} ثانٍ`);
      for (const id of [first, second]) {
        assert.ok(id.length <= 200, `id of ${id.length} units`);
        assert.equal(core.call('openDocument', { id }).summary.id, id);
        core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'الجيش'), label: 'actor' });
      }
      assert.notEqual(first, second);
      assert.ok(first.startsWith('nnn'));
    } finally {
      core.close();
    }
  });

  test('invalid inputs and unknown names are refused', () => {
    const core = openCore({ seed: false });
    try {
      const id = addText(core, 'article', TEXT);
      assertHamishError(() => core.callRaw('dropEverything', {}), 'not_found', /unknown operation "dropEverything"/);
      assertHamishError(() => core.callRaw('toString', {}), 'not_found');
      assertHamishError(() => core.callRaw('__proto__', {}), 'not_found');
      assertHamishError(() => core.callRaw('createSpan', { documentId: id, start: '1', end: 5, label: 'claim' }), 'invalid_input', /^createSpan: /);
      assertHamishError(() => core.callRaw('createSpan', { documentId: id, start: 1.5, end: 5, label: 'claim' }), 'invalid_input');
      assertHamishError(() => core.callRaw('createSpan', { documentId: id, start: 0, end: 3, label: 'person' }), 'invalid_input');
      assertHamishError(() => core.callRaw('createSpan', null), 'invalid_input');
      assertHamishError(() => core.callRaw('createSpan', 'claim'), 'invalid_input');
      assertHamishError(() => core.callRaw('openDocument', { id: '' }), 'invalid_input');
      assertHamishError(() => core.callRaw('openDocument', { id: 7 }), 'invalid_input');
      assertHamishError(() => core.callRaw('deleteSpan', { id: 0 }), 'invalid_input');
      assertHamishError(() => core.callRaw('saveViewOffset', { id, offset: -1 }), 'invalid_input');
      assertHamishError(() => core.callRaw('importFiles', { paths: [] }), 'invalid_input');
      assertHamishError(() => core.callRaw('exportDataset', { format: 'csv', out: '/tmp/x' }), 'invalid_input');
      assertHamishError(() => core.call('openDocument', { id: 'missing' }), 'not_found', /no document "missing"/);
      assertHamishError(() => core.call('createSpan', { documentId: 'missing', start: 0, end: 1, label: 'date' }), 'not_found');
      assert.deepEqual(core.call('openDocument', { id }).spans, []);
    } finally {
      core.close();
    }
  });
});
