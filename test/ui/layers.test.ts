/**
 * Who is annotating and which layer the editor shows, in Chromium against `hamish serve`: a first
 * run asks for the name before anything else, the name in the toolbar switches to another, a
 * colleague's layer shows read-only, and the gold layer takes tags, deletes and undo like one's own.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { boxOf, drag, openApp, paintedTexts, SCREENSHOTS, waitForArticle, waitForPainted, waitForSaved, type OpenApp } from '../support/browser.ts';
import { exportJsonl } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';

describe('who is annotating, and layers in the editor', () => {
  let app: OpenApp;
  let db: string;
  let page: Page;

  before(async () => {
    app = await openApp({ unnamed: true, document: FIRST });
    ({ db, page } = app);
  });

  after(() => app?.close());

  /** The document's exported spans as label:text:annotator, in a fixed order. */
  const spans = async () =>
    (await exportJsonl(db))
      .find((d) => d.id === FIRST)!
      .spans.map(({ label, text, annotator }) => `${label}:${text}:${annotator}`)
      .sort();

  async function tag(word: string, key: string): Promise<void> {
    const box = await boxOf(page, word);
    await drag(page, box, box);
    await page.keyboard.press(key);
  }

  async function showLayer(option: string, painted: string): Promise<void> {
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: option });
    await page.waitForSelector(`html[data-painted-layer="${painted}"]`, { state: 'attached' });
    await waitForArticle(page, FIRST);
  }

  test('a first run asks for the name before anything else; that name owns the spans tagged next and their export', async () => {
    const dialog = page.getByRole('dialog', { name: 'Who is annotating?' });
    await dialog.waitFor();
    assert.equal(await page.locator('html[data-painted-document]').count(), 0, 'no article before the name');
    await page.keyboard.press('Escape');
    assert.ok(await dialog.isVisible(), 'the question must be answered');
    assert.equal(await dialog.getByRole('button', { name: 'Cancel' }).count(), 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'annotator-first-run.png') });

    await dialog.getByRole('textbox', { name: 'Your name' }).fill('gold');
    await page.keyboard.press('Enter');
    await dialog.getByRole('status').filter({ hasText: /reviewed layer/ }).waitFor();
    // Refused on the page by the contract's own rule, before anything is sent.
    assert.deepEqual(app.problems, []);
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('  layla ');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await waitForArticle(page, FIRST);
    assert.equal(await page.locator('.annotator').textContent(), 'layla');

    await tag('العراق', 'Digit3');
    await waitForSaved(page);
    assert.deepEqual(await spans(), ['location:العراق:layla']);

    await page.reload();
    await waitForArticle(page, FIRST);
    assert.equal(await page.getByRole('dialog').count(), 0, 'the name is remembered');
    assert.deepEqual((await paintedTexts(page)).location, ['العراق']);
  });

  test('the name in the toolbar switches to another annotator, whose own layer the editor then shows', async () => {
    await page.locator('.annotator').click();
    const dialog = page.getByRole('dialog', { name: 'Who is annotating?' });
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('omar');
    await dialog.getByRole('button', { name: 'Switch' }).click();
    // A name the library does not know starts a layer only once confirmed.
    await dialog.getByRole('region', { name: 'New annotator' }).filter({ hasText: 'No annotator “omar” in this library yet.' }).waitFor();
    assert.equal(await page.locator('.annotator').textContent(), 'layla');
    await dialog.getByRole('button', { name: 'Start a new layer for “omar”' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.annotator', { hasText: 'omar' }).waitFor();
    await waitForPainted(page, 'location', []);

    await tag('رويترز', 'Digit2');
    await waitForSaved(page);
    assert.deepEqual(await spans(), ['actor:رويترز:omar', 'location:العراق:layla']);
  });

  test('a typo in the name starts no layer: the dialog asks, offers the name meant, and the library’s names are picked without typing', async () => {
    const names = () => {
      const library = new Database(db, { readonly: true });
      try {
        return library.prepare<[], string>('SELECT name FROM annotators ORDER BY name').pluck().all();
      } finally {
        library.close();
      }
    };
    const before = names();
    await page.locator('.annotator').click();
    const dialog = page.getByRole('dialog', { name: 'Who is annotating?' });
    const library = dialog.getByRole('group', { name: 'Annotators in this library' });
    await library.getByRole('button').first().waitFor();
    assert.deepEqual(await library.getByRole('button').allTextContents(), ['layla']);
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('laila');
    await page.keyboard.press('Enter');
    const question = dialog.getByRole('region', { name: 'New annotator' });
    await question.filter({ hasText: 'No annotator “laila” in this library yet.' }).waitFor();
    assert.deepEqual(await question.getByRole('button').allTextContents(), ['layla']);
    await page.screenshot({ path: join(SCREENSHOTS, 'annotator-confirm.png') });
    // The name meant has the focus: Enter takes it, not the typo.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.annotator', { hasText: 'layla' }).waitFor();
    assert.deepEqual(names(), before, 'no layer for the typo');

    await page.locator('.annotator').click();
    await dialog.getByRole('group', { name: 'Annotators in this library' }).getByRole('button', { name: 'omar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.annotator', { hasText: 'omar' }).waitFor();
    await waitForPainted(page, 'actor', ['رويترز']);
    assert.deepEqual(names(), before);
  });

  test("a colleague's layer shows read-only: whose on hover, edits refused with a message and nothing changed", async () => {
    await showLayer('layla (read-only)', 'layla');
    await waitForPainted(page, 'location', ['العراق']);
    await waitForPainted(page, 'actor', []);

    const word = await boxOf(page, 'العراق');
    await page.mouse.move((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    await page.locator('.hover-card', { hasText: 'layla' }).waitFor();
    await page.mouse.click((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    await page.keyboard.press('Delete');
    const refusal = page.getByRole('alert').filter({ hasText: /layla's layer is read-only/ });
    await refusal.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'layer-read-only.png') });
    assert.deepEqual((await paintedTexts(page)).location, ['العراق']);

    await page.keyboard.press('Escape');
    await tag('وكالة', 'Digit2');
    await refusal.waitFor();
    await page.keyboard.press('Control+z');
    assert.deepEqual((await paintedTexts(page)).actor, [], 'no change left on screen');
    assert.deepEqual((await paintedTexts(page)).location, ['العراق']);
    assert.deepEqual(await spans(), ['actor:رويترز:omar', 'location:العراق:layla']);
  });

  test('the gold layer takes tags, relabels, deletes, undo and redo like one’s own', async () => {
    await showLayer('Gold (reviewed)', 'gold');
    await waitForPainted(page, 'location', []);
    await tag('العراق', 'Digit3');
    await waitForSaved(page);
    await page.keyboard.press('Digit4');
    await waitForPainted(page, 'date', ['العراق']);
    await waitForSaved(page);
    assert.deepEqual(await spans(), ['actor:رويترز:omar', 'date:العراق:gold', 'location:العراق:layla']);

    await page.keyboard.press('Control+z');
    await waitForPainted(page, 'location', ['العراق']);
    await waitForSaved(page);
    await page.keyboard.press('Delete');
    await waitForPainted(page, 'location', []);
    await waitForSaved(page);
    assert.deepEqual(await spans(), ['actor:رويترز:omar', 'location:العراق:layla']);
    await page.keyboard.press('Control+z');
    await waitForPainted(page, 'location', ['العراق']);
    await waitForSaved(page);
    assert.deepEqual(await spans(), ['actor:رويترز:omar', 'location:العراق:gold', 'location:العراق:layla']);

    await showLayer('Mine (omar)', 'own');
    await waitForPainted(page, 'actor', ['رويترز']);
    await waitForPainted(page, 'location', []);
    assert.deepEqual(app.problems, []);
  });

  test('the span list’s top row shows whole when selected: nothing of it is cut off by the list’s edge', async () => {
    /** The pixels around the top of the list, as drawn and as they would be if the list clipped nothing. */
    const cut = async () => {
      const list = page.locator('.span-list-scroller');
      const box = (await list.boundingBox())!;
      const clip = { x: box.x - 6, y: box.y - 6, width: box.width + 12, height: 60 };
      const drawn = PNG.sync.read(await page.screenshot({ clip }));
      await list.evaluate((element) => (element.style.overflow = 'visible'));
      const whole = PNG.sync.read(await page.screenshot({ clip }));
      await list.evaluate((element) => (element.style.overflow = ''));
      let differ = 0;
      for (let i = 0; i < drawn.data.length; i += 4) if ([0, 1, 2].some((c) => drawn.data[i + c] !== whole.data[i + c])) differ++;
      return differ;
    };
    await page.locator('.span-entry', { hasText: 'رويترز' }).click();
    await page.locator('.span-entry.is-selected').waitFor();
    assert.equal(await cut(), 0, 'pixels of the selected top row cut off');
    await page.keyboard.press('Escape');
    const word = await boxOf(page, 'رويترز');
    await page.mouse.click((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    await page.locator('.span-entry.is-selected').waitFor();
    assert.equal(await cut(), 0, 'pixels of the top row selected in the text cut off');
    const panel = (await page.locator('.span-panel').boundingBox())!;
    await page.screenshot({ path: join(SCREENSHOTS, 'span-list-top.png'), clip: { ...panel, height: 320 } });
  });
});
