/**
 * The page's first paint (renderer/src/first-paint.ts): in web mode the document the page came
 * with is painted before the app's code runs, and the app takes its place without the text
 * changing. Read from real pixels in Chromium, with the app's code held back so that the first
 * paint stays on screen: the article's area is the same, pixel for pixel, before and after the app
 * took over (Arabic shaped and joined, nested highlights with their colours and lines), and the
 * app then works on it. Screenshots in test-results/first-paint-*.png.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { openApp, SCREENSHOTS, waitForArticle, waitForSaved, type Box, type OpenApp } from '../support/browser.ts';
import { openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const HOLDER = 'الفصائل المتحالفة مع إيران';

/** The first article with a claim, a location in it, and a location inside an actor. */
function library(): string {
  const core = openCore({ file: join(tempDir(), 'hamish.sqlite') });
  const text = core.call('openDocument', { id: FIRST }).text;
  const tag = (needle: string, label: 'claim' | 'actor' | 'location', within = 0) => {
    const start = Array.from(text.slice(0, text.indexOf(needle, within))).length;
    core.call('createSpan', { documentId: FIRST, start, end: start + Array.from(needle).length, label });
  };
  tag(CLAIM, 'claim');
  tag('العراق', 'location');
  tag('إيران', 'location', text.indexOf(HOLDER));
  tag(HOLDER, 'actor');
  core.close();
  return core.file;
}

/** How many ranges each of the editor's highlights holds. */
const highlightSizes = (page: Page) =>
  page.evaluate(() => Object.fromEntries([...CSS.highlights].filter(([name]) => name.startsWith('hamish-')).map(([name, h]) => [name, h.size])));

/** The article's visible area: the text column inside the scroller, above the bottom of the window's view of it. */
const articleArea = (page: Page) =>
  page.evaluate(() => {
    const scrollers = [...document.querySelectorAll('.article-scroller')];
    const scroller = scrollers.at(-1)!.getBoundingClientRect();
    const article = scrollers.at(-1)!.querySelector('.article')!.getBoundingClientRect();
    return { left: article.left, right: article.right, top: scroller.top, bottom: scroller.bottom };
  });

/** The first paint is shown over the app until the app paints: the copy on top is what is seen. */
const copies = (page: Page) => page.locator('.first-paint').count();

function png(file: string, image: Buffer): PNG {
  writeFileSync(join(SCREENSHOTS, file), image);
  return PNG.sync.read(image);
}

describe('the first paint, before the app', () => {
  let app: OpenApp;
  let url: string;

  before(async () => {
    app = await openApp({ db: library(), document: FIRST });
    url = `${app.server.origin}/#/doc/${encodeURIComponent(FIRST)}`;
  });

  after(() => app?.close());

  test('shows the text and highlights the app then shows, pixel for pixel, and the app works on them', async () => {
    const { page, problems } = app;
    // The app's code waits until the first paint has been looked at.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/main-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForSelector(`html[data-first-painted-document="${FIRST}"]`, { state: 'attached' });
    await page.evaluate(() => document.fonts.load('21px "Noto Naskh Arabic"', 'ع'));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    assert.equal(await copies(page), 1);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.paintedDocument), undefined, 'the app has not run yet');
    const firstSizes = await highlightSizes(page);
    assert.deepEqual([firstSizes['hamish-claim'], firstSizes['hamish-actor'], firstSizes['hamish-location'], firstSizes['hamish-location-in-1']], [1, 1, 1, 1]);
    const firstArea: Box = await articleArea(page);
    const first = png('first-paint-before-app.png', await page.screenshot());

    release();
    await waitForArticle(page, FIRST);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    assert.equal(await copies(page), 0, 'the copy is gone once the app has painted');
    await page.unroute(/\/assets\/main-[^/]*\.js$/);
    const appSizes = await highlightSizes(page);
    for (const [name, size] of Object.entries(firstSizes)) assert.equal(appSizes[name], size, `${name}: ${JSON.stringify(appSizes)}`);
    const appArea: Box = await articleArea(page);
    assert.deepEqual({ ...appArea, bottom: 0 }, { ...firstArea, bottom: 0 }, 'the text starts where it was painted first');
    const final = png('first-paint-app.png', await page.screenshot());

    // The article's area both show (the app's keys help, below it, is not part of the first paint).
    const left = Math.ceil(firstArea.left);
    const right = Math.floor(firstArea.right);
    const top = Math.ceil(firstArea.top);
    const bottom = Math.floor(Math.min(firstArea.bottom, appArea.bottom));
    let differing = 0;
    for (let y = top; y < bottom; y++) {
      for (let x = left; x < right; x++) {
        const i = (y * first.width + x) * 4;
        if ([0, 1, 2].some((c) => first.data[i + c] !== final.data[i + c])) differing++;
      }
    }
    assert.ok(bottom - top > 300 && right - left > 300, `compared ${right - left} × ${bottom - top} px`);
    assert.equal(differing, 0, `${differing} pixels of the article differ (test-results/first-paint-*.png)`);

    // The app, not the copy, answers: a key on a selected word tags it and it is saved.
    const word = await page.evaluate(() => {
      const node = document.querySelector('.article-text [data-lexical-text]')!.firstChild as Text;
      document.getSelection()!.setBaseAndExtent(node, 0, node, node.data.indexOf(' '));
      return node.data.slice(0, node.data.indexOf(' '));
    });
    await page.keyboard.press('Digit4');
    await waitForSaved(page);
    assert.equal((await highlightSizes(page))['hamish-date'], 1, `${word} tagged as a date`);
    assert.deepEqual(problems, []);
  });

  test('is not painted when the address names another document than the one the page came with', async () => {
    const { page, problems } = app;
    const other = await page.locator('[data-document-id]').evaluateAll(
      (rows) => rows.map((r) => (r as HTMLElement).dataset.documentId!).find((id) => id !== '000_04e9da889c407517')!,
    );
    await page.addInitScript(`new MutationObserver(() => {
      if (document.documentElement?.dataset.firstPaintedDocument) window.firstPainted = true;
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-first-painted-document'] });`);
    await page.goto('about:blank');
    await page.goto(`${app.server.origin}/#/doc/${encodeURIComponent(other)}`);
    await waitForArticle(page, other);
    assert.equal(await page.evaluate(() => (window as unknown as { firstPainted?: boolean }).firstPainted ?? false), false);
    assert.equal(await copies(page), 0);
    assert.deepEqual(problems, []);
  });
});
