import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSpanBoundary, SEGMENT_REACH, snapToWords, wordAt } from '../../electron/text/boundaries.ts';
import { withEmptyLibrary } from '../import/helpers.ts';
import { addText, assertHamishError } from '../support/core.ts';

const TEXT = 'قال الوزير، إنّ المحادثات «مستمرة» في الرياض... 😀 نعم!';

/** UTF-16 range of `needle` in TEXT. */
function at(needle: string, from = 0): { start: number; end: number } {
  const start = TEXT.indexOf(needle, from);
  assert.ok(start >= 0, `"${needle}" is not in the text`);
  return { start, end: start + needle.length };
}

const snapped = (anchor: number, focus: number) => {
  const range = snapToWords(TEXT, anchor, focus);
  return range && TEXT.slice(range.start, range.end);
};

describe('snapToWords', () => {
  test('a selection of whole words is kept', () => {
    const { start, end } = at('الوزير');
    assert.deepEqual(snapToWords(TEXT, start, end), { start, end });
  });

  test('surrounding spaces and punctuation are trimmed', () => {
    const { start, end } = at(' الوزير، ');
    assert.equal(snapped(start, end), 'الوزير');
    const quoted = at('«مستمرة» ');
    assert.equal(snapped(quoted.start, quoted.end), 'مستمرة');
    const dots = at('الرياض... ');
    assert.equal(snapped(dots.start - 1, dots.end), 'الرياض');
  });

  test('a drag starting and ending inside words takes the whole words', () => {
    const from = at('الوزير').start + 2;
    const to = at('المحادثات').start + 4;
    assert.equal(snapped(from, to), 'الوزير، إنّ المحادثات');
  });

  test('a drag inside one word takes that word', () => {
    const word = at('المحادثات');
    assert.equal(snapped(word.start + 3, word.start + 5), 'المحادثات');
  });

  test('the direction of the drag does not matter', () => {
    const from = at('الوزير').start + 2;
    const to = at('المحادثات').start + 4;
    assert.deepEqual(snapToWords(TEXT, to, from), snapToWords(TEXT, from, to));
    const word = at('إنّ');
    assert.deepEqual(snapToWords(TEXT, word.end - 1, word.start + 1), { start: word.start, end: word.end });
  });

  test('only spaces and punctuation give null', () => {
    const dots = at('... ');
    assert.equal(snapToWords(TEXT, dots.start, dots.end), null);
    const comma = at('، ');
    assert.equal(snapToWords(TEXT, comma.start, comma.end), null);
    assert.equal(snapToWords(TEXT, 5, 5), null);
  });

  test('selections beyond the text are clamped', () => {
    const word = at('نعم');
    assert.equal(snapped(word.start + 1, TEXT.length + 10), 'نعم');
    assert.equal(snapped(-5, 2), 'قال');
  });

  test('a word with diacritics is taken whole, marks included', () => {
    const word = at('إنّ');
    assert.equal(snapped(word.start + 1, word.start + 2), 'إنّ');
  });
});

describe('isSpanBoundary', () => {
  test('word edges and the text ends are boundaries', () => {
    for (const index of [0, TEXT.length, at('الوزير').start, at('الوزير').end, at('😀').start, at('😀').end]) {
      assert.ok(isSpanBoundary(TEXT, index), `index ${index}`);
    }
  });

  test('between a letter and its mark, or inside a surrogate pair, is not', () => {
    const inna = at('إنّ');
    assert.equal(isSpanBoundary(TEXT, inna.start + 2), false);
    assert.equal(isSpanBoundary(TEXT, inna.start + 1), true);
    assert.equal(isSpanBoundary(TEXT, at('😀').start + 1), false);
  });

  test('between lam and alef is not, whatever the alef and with marks between', () => {
    for (const word of ['لا', 'لأن', 'لإ', 'لآ', 'لٱ', 'سلام']) {
      assert.equal(isSpanBoundary(word, word.indexOf('ل') + 1), false, word);
    }
    assert.equal(isSpanBoundary('لَا', 2), false, 'lam, fatha, alef');
    assert.equal(isSpanBoundary('لَا', 1), false, 'lam | fatha');
    assert.equal(isSpanBoundary('الكتاب', 1), true, 'alef then lam is not a ligature');
    assert.equal(isSpanBoundary('لم', 1), true);
  });
});

describe('a run of a million letters without a space', () => {
  // Letter, fatha, lam, alef (a ligature), mim, tanween: boundaries at 0, 2 and 4 of every 6.
  const UNIT = 'سَلامٌ';
  const EXPECTED = [true, false, true, false, true, false];
  const RUN = UNIT.repeat(Math.ceil(1_000_000 / UNIT.length));
  const MIDDLE = 6 * Math.floor(RUN.length / 12);

  test('every edge check in it is right, far from its ends', () => {
    for (let index = MIDDLE - 600; index < MIDDLE + 600; index++) {
      assert.equal(isSpanBoundary(RUN, index), EXPECTED[index % UNIT.length], `index ${index}`);
    }
  });

  test('a drag in it takes the stretch around the selection, not the whole run, with sound edges', () => {
    const range = snapToWords(RUN, MIDDLE + 2, MIDDLE + 3);
    assert.ok(range, 'something is selected');
    assert.ok(range.start <= MIDDLE + 2 && range.end >= MIDDLE + 3, `${range.start}–${range.end} holds the selection`);
    assert.ok(range.end - range.start <= 4 * SEGMENT_REACH, `${range.end - range.start} units: bounded, not the run`);
    assert.ok(isSpanBoundary(RUN, range.start) && isSpanBoundary(RUN, range.end), `${range.start}–${range.end} splits no letter`);
    const word = wordAt(RUN, MIDDLE);
    assert.ok(word && word.end - word.start <= 4 * SEGMENT_REACH && isSpanBoundary(RUN, word.start) && isSpanBoundary(RUN, word.end));
  });

  test('a span in it is checked by the core like any other', () => {
    withEmptyLibrary((core) => {
      const id = addText(core, 'run', RUN);
      const span = core.call('createSpan', { documentId: id, label: 'actor', start: MIDDLE, end: MIDDLE + 6 });
      assert.deepEqual([span.start, span.end], [MIDDLE, MIDDLE + 6]);
      assertHamishError(
        () => core.call('createSpan', { documentId: id, label: 'actor', start: MIDDLE, end: MIDDLE + 3 }),
        'invalid_input',
        new RegExp(`^offset ${MIDDLE + 3} splits a letter from its marks or a lam-alef$`),
      );
    });
  });
});
