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
import { addText, openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const HOLDER = 'الفصائل المتحالفة مع إيران';

/** FIRST's text twelve times over, a claim and a location in each, reopened in the middle. */
const LONG = 'long';
const COPIES = 12;

/**
 * The first article with a claim, a location in it, and a location inside an actor; and LONG, a
 * long article that the analyst left in the middle (the app comes back there).
 */
function library(): { db: string; long: string } {
  const core = openCore({ file: join(tempDir(), 'hamish.sqlite') });
  const text = core.call('openDocument', { id: FIRST }).text;
  const tag = (documentId: string, body: string, needle: string, label: 'claim' | 'actor' | 'location', within = 0) => {
    const start = Array.from(body.slice(0, body.indexOf(needle, within))).length;
    core.call('createSpan', { documentId, start, end: start + Array.from(needle).length, label });
  };
  tag(FIRST, text, CLAIM, 'claim');
  tag(FIRST, text, 'العراق', 'location');
  tag(FIRST, text, 'إيران', 'location', text.indexOf(HOLDER));
  tag(FIRST, text, HOLDER, 'actor');
  // The article's own lines (up to its source line, where proposed scope would begin), each copy's
  // numbered: nothing in it is proposed as out of scope, which the app would shade after painting.
  const body = text.slice(0, text.indexOf('المصدر')).trim().split('\n');
  const longText = Array.from({ length: COPIES }, (_, copy) => body.map((line) => (line.trim() ? `(${copy + 1}) ${line}` : line)).join('\n')).join('\n\n');
  const long = addText(core, LONG, longText);
  for (let copy = 0, at = 0; copy < COPIES; copy++, at = longText.indexOf(CLAIM, at) + 1) {
    tag(long, longText, CLAIM, 'claim', at);
    tag(long, longText, 'العراق', 'location', longText.indexOf(CLAIM, at));
  }
  core.call('saveViewOffset', { id: long, offset: Array.from(longText.slice(0, longText.indexOf(HOLDER, longText.length / 2))).length });
  core.close();
  return { db: core.file, long };
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

/** What is seen of the text; the highlights' sizes; where the text is. */
interface Shown {
  readonly image: PNG;
  readonly sizes: Record<string, number>;
  readonly area: Box;
}

/**
 * Loads `id` with the app's code held back until the first paint has been looked at, then lets
 * it run: what was shown at each stage.
 */
async function firstThenApp(page: Page, url: string, id: string, name: string): Promise<{ first: Shown; app: Shown }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const appCode = /\/assets\/main-[^/]*\.js$/;
  await page.route(appCode, async (route) => {
    await held;
    await route.continue();
  });
  const shown = async (stage: string): Promise<Shown> => {
    await page.evaluate(() => document.fonts.load('21px "Noto Naskh Arabic"', 'ع'));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    return { sizes: await highlightSizes(page), area: await articleArea(page), image: png(`first-paint-${name}-${stage}.png`, await page.screenshot()) };
  };
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector(`html[data-first-painted-document="${id}"]`, { state: 'attached' });
  const first = await shown('before-app');
  assert.equal(await copies(page), 1);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.paintedDocument), undefined, 'the app has not run yet');
  release();
  await waitForArticle(page, id);
  const app = await shown('app');
  assert.equal(await copies(page), 0, 'the copy is gone once the app has painted');
  await page.unroute(appCode);
  return { first, app };
}

/** Asserts the article's area both show is the same, pixel for pixel (the app's keys help, below it, is not part of the first paint). */
function assertSameText({ first, app }: { first: Shown; app: Shown }): void {
  assert.deepEqual({ ...app.area, bottom: 0 }, { ...first.area, bottom: 0 }, 'the text is where it was painted first');
  const left = Math.ceil(first.area.left);
  const right = Math.floor(first.area.right);
  const top = Math.ceil(first.area.top);
  const bottom = Math.floor(Math.min(first.area.bottom, app.area.bottom));
  let differing = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const i = (y * first.image.width + x) * 4;
      if ([0, 1, 2].some((c) => first.image.data[i + c] !== app.image.data[i + c])) differing++;
    }
  }
  assert.ok(bottom - top > 300 && right - left > 300, `compared ${right - left} × ${bottom - top} px`);
  const drawn = (sizes: Record<string, number>) => JSON.stringify(Object.fromEntries(Object.entries(sizes).filter(([, size]) => size > 0)));
  assert.equal(differing, 0, `${differing} pixels of the article differ (test-results/first-paint-*.png); highlights ${drawn(first.sizes)}, then ${drawn(app.sizes)}`);
}

describe('the first paint, before the app', () => {
  let app: OpenApp;
  let long: string;

  before(async () => {
    const made = library();
    long = made.long;
    app = await openApp({ db: made.db, document: FIRST });
  });

  after(() => app?.close());

  const address = (id: string) => `${app.server.origin}/#/doc/${encodeURIComponent(id)}`;

  test('shows the text and highlights the app then shows, pixel for pixel, and the app works on them', async () => {
    const { page, problems } = app;
    const shown = await firstThenApp(page, address(FIRST), FIRST, 'nested');
    const { sizes } = shown.first;
    assert.deepEqual([sizes['hamish-claim'], sizes['hamish-actor'], sizes['hamish-location'], sizes['hamish-location-in-1']], [1, 1, 1, 1]);
    // The app's own painters (scope, cards, suggestions) come after; the spans' are the same.
    for (const [name, size] of Object.entries(sizes)) assert.equal(shown.app.sizes[name], size, name);
    assertSameText(shown);

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

  test('a long article left in the middle is painted there first, only a window of it, as the app then shows it', async () => {
    const { page, problems } = app;
    // Opened once through the contract, so that the page comes with it.
    await page.goto('about:blank');
    await page.goto(address(long));
    await waitForArticle(page, long);
    const shown = await firstThenApp(page, address(long), long, 'long');
    assertSameText(shown);
    // The claims in view, not all twelve; the app hands the browser those near the screen
    // (near-sections.ts), the ones in view painted as first (above), and counts every one.
    const painted = shown.first.sizes['hamish-claim']!;
    assert.ok(painted > 0 && painted < COPIES, `${painted} claims painted first`);
    const near = shown.app.sizes['hamish-claim']!;
    assert.ok(near > 0 && near < COPIES, `${near} claims near the screen handed to the browser`);
    assert.equal(await page.locator('.label-counts [data-label="claim"] .count').textContent(), String(COPIES));
    // The browser skips the sections out of view as wholes: the first one's paragraphs are not
    // laid out, the ones at the reading place are.
    const skipped = await page.evaluate(() => {
      const scroller = document.querySelector('.article-scroller')!.getBoundingClientRect();
      const inView = (p: Element) => p.getBoundingClientRect().top >= scroller.top && p.getBoundingClientRect().top < scroller.bottom;
      const sections = [...document.querySelectorAll('.article-text > .article-section')];
      const rendered = (p: Element) => p.checkVisibility({ contentVisibilityAuto: true });
      return { sections: sections.length, first: rendered(sections[0]!.firstElementChild!), inView: [...document.querySelectorAll('.article-paragraph')].filter(inView).map(rendered) };
    });
    assert.ok(skipped.sections > 2, `${skipped.sections} sections`);
    assert.equal(skipped.first, false, 'the first section, far above, is skipped');
    assert.ok(skipped.inView.length > 0 && skipped.inView.every(Boolean), `paragraphs in view laid out: ${skipped.inView}`);
    assert.deepEqual(problems, []);
  });

  test('is painted in the article\'s font from its first frame, the font kept by the browser', async () => {
    const { page, problems } = app;
    // At the moment the copy is painted: is the article's font there for its letters?
    await page.addInitScript(`new MutationObserver((_, observer) => {
      if (!document.documentElement?.dataset.firstPaintedDocument) return;
      observer.disconnect();
      window.fontAtFirstPaint = document.fonts.check('21px "Noto Naskh Arabic"', 'مقاتلة 2024');
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-first-painted-document'] });`);
    // Opened once, so that the page comes with it; then the page loaded again.
    for (let load = 0; load < 2; load++) {
      await page.goto('about:blank');
      await page.goto(address(FIRST));
      await waitForArticle(page, FIRST);
    }
    assert.equal(await page.evaluate(() => (window as unknown as { fontAtFirstPaint?: boolean }).fontAtFirstPaint), true, 'the font is there when the text is first laid out');
    // Asked for from the page's head, and on the second load taken from the browser's cache.
    const fonts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /-400-normal-[^/]*\.woff2?$/.test(entry.name))
        .map((entry) => ({ font: entry.name.replace(/^.*\/noto-naskh-arabic-|-400-normal-.*$/g, ''), as: (entry as PerformanceResourceTiming).initiatorType, transferred: (entry as PerformanceResourceTiming).transferSize })),
    );
    assert.deepEqual(fonts, [
      { font: 'arabic', as: 'link', transferred: 0 },
      { font: 'latin', as: 'link', transferred: 0 },
    ]);
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

  test('the app comes even when the first paint\'s frame is never reported on screen', async () => {
    // The app is asked for once that frame is reported (start.ts); here it never is.
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.addInitScript(`{
        const observe = PerformanceObserver.prototype.observe;
        PerformanceObserver.prototype.observe = function (options) {
          if (options?.type !== 'paint') observe.call(this, options);
        };
      }`);
      // Past the cookie check and opened once, so that the page comes with it; then loaded again.
      await page.goto(app.server.url);
      await page.goto(address(FIRST));
      await waitForArticle(page, FIRST);
      await page.goto('about:blank');
      await page.goto(address(FIRST));
      await page.waitForSelector(`html[data-first-painted-document="${FIRST}"]`, { state: 'attached' });
      await waitForArticle(page, FIRST);
      assert.equal(await copies(page), 0, 'the app took the copy\'s place');
    } finally {
      await page.close();
    }
  });
});
