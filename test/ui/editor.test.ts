/**
 * The editor's span operations in Debian's Chromium, by mouse and keyboard as an analyst works:
 * Arabic proclitics, Alt for exact edges, the keyboard word cursor, relabel, nudge, strip, notes,
 * Tab order, and undo/redo that survives a reload.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import {
  boxOf,
  dragLetters,
  letterBoxes,
  openApp,
  paintedTexts,
  SCREENSHOTS,
  waitForArticle,
  waitForPainted,
  waitForSaved,
  type Box,
  type OpenApp,
} from '../support/browser.ts';
import { exportJsonl, runCli, tempDir } from '../support/hamish.ts';

/** Clitic-bearing words; the seed articles give the corpus رويترز and زمار as words of their own. */
const CLITICS = 'قال مصدر لرويترز إن القصف طال مواقع بالعراق قرب وزمار والعراق في بلدة صغيرة. ثم انسحبت القوات؟ نعم';
const DOC = 'clitics';
/** A span at its top is out of view once it is scrolled to the end. */
const LONG = 'long';
const LONG_TEXT = `أعلن المتحدث باسم الحكومة أن الهدنة صامدة.\n${'ثم عاد الهدوء إلى شوارع المدينة بعد أيام من القتال العنيف.\n'.repeat(80)}`;

describe('the editor, by mouse and keyboard', () => {
  let app: OpenApp;
  let db: string;
  let page: Page;

  before(async () => {
    db = join(tempDir(), 'hamish.sqlite');
    const folder = tempDir();
    writeFileSync(join(folder, `${DOC}.txt`), CLITICS);
    writeFileSync(join(folder, `${LONG}.txt`), LONG_TEXT);
    const imported = await runCli(['import', folder, '--db', db]);
    assert.equal(imported.code, 0, imported.stderr);
    app = await openApp({ db, document: DOC });
    page = app.page;
    // The corpus lookup for proclitic stems is asked once per document, right after it opens.
    await page.waitForTimeout(300);
  });

  after(() => app?.close());

  async function spans() {
    return (await exportJsonl(db))
      .find((d) => d.id === DOC)!
      .spans.map(({ label, text, note }) => ({ label, text, note }));
  }

  async function clearAll(): Promise<void> {
    await page.keyboard.press('Escape');
    for (;;) {
      await page.keyboard.press('Tab');
      const selected = (await paintedTexts(page)).selected!;
      if (selected.length === 0) break;
      await page.keyboard.press('Delete');
    }
    await waitForSaved(page);
    await page.keyboard.press('Escape');
  }

  // Each test starts from an article without spans, whatever the one before left.
  beforeEach(() => clearAll());

  test('a drag over the word after proclitics takes that word; the ب of بلدة stays', async () => {
    const cases = [
      ['رويترز', 0, 'رويترز'],
      ['العراق', 0, 'العراق'],
      ['زمار', 0, 'زمار'],
      ['العراق', 1, 'العراق'],
      ['لدة', 0, 'بلدة'],
    ] as const;
    for (const [part, nth, expected] of cases) {
      await dragLetters(page, await letterBoxes(page, part, nth));
      await page.keyboard.press('Digit3');
      const painted = (await paintedTexts(page)).location!;
      assert.ok(painted.includes(expected), `a drag over ${part} (${nth}) tags "${expected}"; painted: ${painted.join(', ')}`);
    }
    await waitForSaved(page);
    assert.deepEqual(
      (await spans()).map((s) => s.text),
      ['رويترز', 'العراق', 'زمار', 'العراق', 'بلدة'],
    );
    await clearAll();
  });

  test('with Alt held, a drag takes exactly the letters it covers', async () => {
    await page.keyboard.down('Alt');
    await dragLetters(page, await letterBoxes(page, 'رويت'));
    await page.keyboard.up('Alt');
    await page.keyboard.press('Digit2');
    await waitForPainted(page, 'actor', ['رويت']);
    await clearAll();
  });

  test('a highlight ending mid-word keeps the letters joined: the word is drawn the same width', async () => {
    const word = await boxOf(page, 'لرويترز');
    await page.mouse.move(5, 5);
    const before = await inkExtent(page, word);
    await page.keyboard.down('Alt');
    await dragLetters(page, await letterBoxes(page, 'لروي'));
    await page.keyboard.up('Alt');
    await page.keyboard.press('Digit2');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    await waitForPainted(page, 'actor', ['لروي']);
    const after = await inkExtent(page, word);
    assert.ok(Math.abs(after.width - before.width) <= 1, `ink width ${before.width} → ${after.width}`);
    assert.ok(after.width > 0);
    await clearAll();
  });

  test('keyboard only: ← moves a word forward (right to left), Shift extends, a digit tags', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.article-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
    await page.keyboard.press('ArrowLeft'); // the cursor appears on the first word in view
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Digit1');
    await waitForPainted(page, 'claim', ['مصدر لرويترز']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Digit4');
    await waitForPainted(page, 'date', ['قال']);
    await waitForSaved(page);
    await clearAll();
  });

  test('on a selected span: a digit relabels, Ctrl+arrows nudge its edges, S strips proclitics', async () => {
    const word = await boxOf(page, 'بالعراق');
    await page.mouse.dblclick((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    await page.keyboard.press('Digit1');
    await waitForPainted(page, 'claim', ['بالعراق']);
    await page.keyboard.press('Digit3');
    await waitForPainted(page, 'claim', []);
    await waitForPainted(page, 'location', ['بالعراق']);
    await page.keyboard.press('KeyS');
    await waitForPainted(page, 'location', ['العراق']);
    await page.keyboard.press('Control+ArrowLeft');
    await waitForPainted(page, 'location', ['العراق قرب']);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await waitForPainted(page, 'location', ['بالعراق قرب']);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await waitForPainted(page, 'location', ['مواقع بالعراق قرب']);
    await page.keyboard.press('Control+Alt+ArrowRight');
    await waitForPainted(page, 'location', ['مواقع بالعراق قر']);
    await waitForSaved(page);
    assert.deepEqual(await spans(), [{ label: 'location', text: 'مواقع بالعراق قر', note: null }]);
    await clearAll();
  });

  test('label keys with nothing to tag say why in the status line; spaces and punctuation alone are not a span, Alt or not', async () => {
    const alert = (text: RegExp) => page.getByRole('alert').filter({ hasText: text });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Digit1');
    await alert(/nothing to tag: select some text, or a span, first/).waitFor();
    for (const exact of [false, true]) {
      if (exact) await page.keyboard.down('Alt');
      await dragLetters(page, await letterBoxes(page, '؟ '));
      if (exact) await page.keyboard.up('Alt');
      await page.keyboard.press('Digit2');
      await alert(/not tagged: the selection holds no letter or digit/).waitFor();
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'editor-no-letters.png') });
    for (const key of ['Delete', 'Control+ArrowLeft', 'KeyS']) {
      await page.keyboard.press('Escape');
      await page.keyboard.press(key);
      await alert(/select a span first/).waitFor();
    }
    assert.deepEqual((await paintedTexts(page)).actor, []);
    await waitForSaved(page);
    assert.deepEqual(await spans(), []);
  });

  test('moving an edge by a letter never leaves it on a space: it moves on to the next letter', async () => {
    const word = await boxOf(page, 'القصف');
    await page.mouse.dblclick((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    await page.keyboard.press('Digit2');
    await waitForPainted(page, 'actor', ['القصف']);
    await page.keyboard.press('Control+Alt+ArrowLeft');
    await waitForPainted(page, 'actor', ['القصف ط']);
    await page.keyboard.press('Control+Shift+Alt+ArrowRight');
    await waitForPainted(page, 'actor', ['ن القصف ط']);
    await page.keyboard.press('Control+Shift+Alt+ArrowLeft');
    await waitForPainted(page, 'actor', ['القصف ط']);
    await page.keyboard.press('Control+Alt+ArrowRight');
    await waitForPainted(page, 'actor', ['القصف']);
    await waitForSaved(page);
    assert.deepEqual(await spans(), [{ label: 'actor', text: 'القصف', note: null }]);
    await clearAll();
  });

  test('Tab and Shift+Tab move between spans in reading order', async () => {
    for (const word of ['بلدة', 'لرويترز', 'القصف']) {
      const box = await boxOf(page, word);
      await page.mouse.dblclick((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      await page.keyboard.press('Digit2');
    }
    await page.keyboard.press('Escape');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      order.push((await paintedTexts(page)).selected![0]!);
    }
    assert.deepEqual(order, ['لرويترز', 'القصف', 'بلدة']);
    await page.keyboard.press('Shift+Tab');
    await waitForPainted(page, 'selected', ['القصف']);
    await clearAll();
  });

  test('a note typed on a selected span shows on hover and is exported', async () => {
    const box = await boxOf(page, 'القوات');
    await page.mouse.dblclick((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    await page.keyboard.press('Digit2');
    await page.locator('.selected-span-text', { hasText: 'القوات' }).waitFor();
    await page.keyboard.press('KeyN');
    await page.keyboard.type('قوات أمريكية');
    await page.keyboard.press('Enter');
    await waitForSaved(page);
    await page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    await page.waitForSelector('.hover-card-note');
    assert.equal(await page.locator('.hover-card-note').textContent(), 'قوات أمريكية');
    assert.deepEqual(await spans(), [{ label: 'actor', text: 'القوات', note: 'قوات أمريكية' }]);
    await clearAll();
  });

  test('a note typed while its new span is still being saved is kept', async () => {
    // The save answers late, as on a busy machine: N and the typing come before it.
    let answer: () => void = () => {};
    const held = new Promise<void>((resume) => (answer = resume));
    await page.route('**/api/createSpan', async (route) => {
      await held;
      await route.continue();
    });
    const box = await boxOf(page, 'القوات');
    await page.mouse.dblclick((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    await page.keyboard.press('Digit2');
    await page.locator('.selected-span-text', { hasText: 'القوات' }).waitFor();
    await page.keyboard.press('KeyN');
    await page.keyboard.type('قوات');
    answer();
    await page.waitForSelector('[data-save-state="saved"]');
    await page.keyboard.type(' أمريكية');
    await page.keyboard.press('Enter');
    await waitForSaved(page);
    await page.unroute('**/api/createSpan');
    assert.deepEqual(await spans(), [{ label: 'actor', text: 'القوات', note: 'قوات أمريكية' }]);
    await clearAll();
  });

  test('a triple click takes the sentence', async () => {
    const box = await boxOf(page, 'انسحبت');
    await page.mouse.click((box.left + box.right) / 2, (box.top + box.bottom) / 2, { clickCount: 3 });
    await page.keyboard.press('Digit1');
    await waitForPainted(page, 'claim', ['ثم انسحبت القوات']);
    await clearAll();
  });

  test('undo and redo, also after a reload', async () => {
    const box = await boxOf(page, 'صغيرة');
    await page.mouse.dblclick((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    await page.keyboard.press('Digit3');
    await page.keyboard.press('Digit4');
    await waitForSaved(page);
    await waitForPainted(page, 'date', ['صغيرة']);
    await page.keyboard.press('Control+z');
    await waitForSaved(page);
    await waitForPainted(page, 'location', ['صغيرة']);

    await page.reload();
    await waitForArticle(page, DOC);
    await page.keyboard.press('Control+z');
    await waitForSaved(page);
    await waitForPainted(page, 'location', []);
    await page.keyboard.press('Control+Shift+z');
    await waitForSaved(page);
    await waitForPainted(page, 'location', ['صغيرة']);
    await page.keyboard.press('Control+y');
    await waitForSaved(page);
    await waitForPainted(page, 'date', ['صغيرة']);
    assert.deepEqual(await spans(), [{ label: 'date', text: 'صغيرة', note: null }]);
  });

  test('undo and redo bring the change into view, flash it and say what it was', async () => {
    await page.locator(`[data-document-id="${LONG}"]`).click();
    await waitForArticle(page, LONG);
    const word = await boxOf(page, 'المتحدث');
    await page.mouse.dblclick((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    await page.keyboard.press('Digit2');
    await page.keyboard.press('Digit3');
    await waitForPainted(page, 'location', ['المتحدث']);
    await waitForSaved(page);
    await page.keyboard.press('Escape');

    const scroller = page.locator('.article-scroller');
    const inView = () =>
      page.evaluate(() => {
        const line = document.querySelector('.article p')!.getBoundingClientRect();
        const view = document.querySelector('.article-scroller')!.getBoundingClientRect();
        return line.bottom > view.top && line.top < view.bottom;
      });
    const said = (text: string) => page.locator('.article-header').getByText(text, { exact: true }).waitFor();
    const steps = [
      ['Control+z', 'undid: relabel actor → location «المتحدث»', 'actor'],
      ['Control+Shift+z', 'redid: relabel actor → location «المتحدث»', 'location'],
      ['Control+z', 'undid: relabel actor → location «المتحدث»', 'actor'],
      ['Control+z', 'undid: tag actor «المتحدث»', null],
    ] as const;
    for (const [key, words, label] of steps) {
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      assert.equal(await inView(), false, 'the span is out of view before the key');
      await page.keyboard.press(key);
      // The flash lasts a moment: it is watched for from the key press on.
      await Promise.all([said(words), waitForPainted(page, 'flash', ['المتحدث'])]);
      assert.equal(await inView(), true, `${key} brought "${words}" into view`);
      if (label) await waitForPainted(page, label, ['المتحدث']);
      await waitForSaved(page);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'editor-undo-said.png') });
    await page.keyboard.press('Control+z');
    await page.getByRole('alert').filter({ hasText: 'nothing to undo in this document' }).waitFor();
    assert.deepEqual(
      (await exportJsonl(db)).find((d) => d.id === LONG)!.spans,
      [],
    );
    await page.locator(`[data-document-id="${DOC}"]`).click();
    await waitForArticle(page, DOC);
  });
});

/** Leftmost and rightmost columns of dark (text) pixels in a box of the page. */
async function inkExtent(page: Page, box: Box): Promise<{ left: number; width: number }> {
  const png = PNG.sync.read(
    await page.screenshot({
      clip: { x: box.left - 4, y: box.top, width: box.right - box.left + 8, height: box.bottom - box.top },
    }),
  );
  let left = Infinity;
  let right = -Infinity;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 200) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return { left, width: right - left };
}
