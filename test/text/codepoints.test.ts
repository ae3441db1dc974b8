import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CodePointIndex } from '../../electron/text/codepoints.ts';

/** The reference: what Python's len() and text[start:end] give. */
const codePoints = (text: string) => Array.from(text);

const SAMPLES: Record<string, string> = {
  'no astral characters': 'قال الرئيس في الرياض',
  'emoji before': '😀 قال الرئيس في الرياض',
  'emoji inside a word': 'الرئ😀يس',
  'emoji after': 'قال الرئيس 👍',
  'several, adjacent and a flag': '🇸🇦🇸🇦 عاجل 📢: قال 😀😀 الرئيس 𝕏 في الرياض 🕌',
  'astral only': '😀😀😀',
  empty: '',
};

describe('CodePointIndex', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    test(`agrees with a code point array: ${name}`, () => {
      const reference = codePoints(text);
      const index = new CodePointIndex(text);
      assert.equal(index.length, reference.length);
      assert.equal(index.text, text);
      let utf16 = 0;
      for (let cp = 0; cp <= reference.length; cp++) {
        assert.equal(index.toUtf16(cp), utf16, `toUtf16(${cp})`);
        assert.equal(index.toCodePoint(utf16), cp, `toCodePoint(${utf16})`);
        utf16 += reference[cp]?.length ?? 0;
      }
      assert.equal(utf16, text.length);
      for (let start = 0; start <= reference.length; start++) {
        for (let end = start; end <= reference.length; end++) {
          assert.equal(index.slice(start, end), reference.slice(start, end).join(''), `slice(${start}, ${end})`);
        }
      }
    });
  }

  test('exact offsets around an emoji', () => {
    const index = new CodePointIndex('a😀b');
    assert.equal(index.length, 3);
    assert.deepEqual([0, 1, 2, 3].map((cp) => index.toUtf16(cp)), [0, 1, 3, 4]);
    assert.deepEqual([0, 1, 2, 3, 4].map((u) => index.toCodePoint(u)), [0, 1, 1, 2, 3]);
    assert.equal(index.slice(1, 2), '😀');
    assert.equal(index.slice(2, 3), 'b');
  });

  test('an index inside a surrogate pair counts as the pair start', () => {
    const text = 'ab😀c👍d';
    const index = new CodePointIndex(text);
    assert.equal(index.toCodePoint(text.indexOf('😀') + 1), 2);
    assert.equal(index.toCodePoint(text.indexOf('👍') + 1), 4);
  });

  test('a lone surrogate counts as one code point, as in Python', () => {
    const text = 'a\ud83db\ude00c';
    const index = new CodePointIndex(text);
    assert.equal(index.length, 5);
    assert.equal(index.slice(2, 4), 'b\ude00');
  });
});
