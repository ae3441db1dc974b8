/**
 * Article scope in the editor, in Chromium against `hamish serve`: the proposed boilerplate of the
 * first seed shaded, P and O accepting it (dimmed then, in the library, and taking no span), undo
 * and redo, O over a selection and its refusal over a span, K keeping a proposal in the article
 * for good (after a reload too), Shift+O ending the article at the cursor. Screenshots in
 * test-results/ (looked at: the dimmed Arabic keeps its joins).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, drag, openApp, paintedTexts, SCREENSHOTS, waitForArticle, waitForPainted, waitForSaved, type OpenApp } from '../support/browser.ts';
import { exportJsonl } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const SECOND = '001_98dce0b3c9a262a4';
const LAST = '004_2004913d8fa29937';

const SCOPE = { out: ['out-of-scope'], proposed: ['proposed-scope'] };

async function scopeOf(db: string, id: string): Promise<unknown> {
  return ((await exportJsonl(db)).find((d) => d.id === id) as unknown as { scope?: unknown }).scope;
}

async function said(page: Page, text: string, role: 'status' | 'alert' = 'status'): Promise<void> {
  await page.getByRole(role).filter({ hasText: text }).first().waitFor();
}

describe('article scope in the editor', () => {
  let app: OpenApp;
  let page: Page;
  let db: string;
  let boilerplate = '';

  before(async () => {
    app = await openApp({ document: FIRST });
    ({ page, db } = app);
  });

  after(() => app?.close());

  test('the proposed boilerplate is shaded; P says why, O leaves it out: dimmed, saved, and it takes no span', async () => {
    const { proposed } = await paintedTexts(page, SCOPE);
    assert.equal(proposed?.length, 1);
    boilerplate = proposed![0]!;
    assert.ok(boilerplate.startsWith('المصدر: صدى البلد'), boilerplate.slice(0, 40));
    assert.ok(boilerplate.includes('مقالات مشابهة'));
    await page.keyboard.press('KeyP');
    await said(page, 'proposed out of scope: «المصدر: صدى البلد» and what follows it: the article ends there. O leaves it out, I keeps it in the article');
    await page.keyboard.press('KeyO');
    await waitForPainted(page, 'out', [boilerplate], SCOPE.out);
    await waitForPainted(page, 'proposed', [], SCOPE.proposed);
    await said(page, "out of the article's scope: «المصدر: صدى البلد");
    await waitForSaved(page);
    assert.deepEqual(await scopeOf(db, FIRST), [{ annotator: 'test-analyst', out: [[1077, 3791]] }]);

    // Where the article ends and the dimmed boilerplate begins.
    await boxOf(page, 'المصدر: صدى البلد');
    await page.screenshot({ path: join(SCREENSHOTS, 'scope-boundary.png') });
    await drag(page, await boxOf(page, 'مستويات جفاف'), await boxOf(page, 'مستويات جفاف'));
    await page.keyboard.press('Digit3');
    await said(page, "not tagged: that text is out of the article's scope (dimmed); select it and press O to bring it back", 'alert');
    assert.deepEqual((await paintedTexts(page)).location, []);
    await page.screenshot({ path: join(SCREENSHOTS, 'scope-out.png') });
  });

  test('undo and redo take the scope back and put it back', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+KeyZ');
    await said(page, "undid: a change to the article's scope");
    await waitForPainted(page, 'out', [], SCOPE.out);
    await waitForPainted(page, 'proposed', [boilerplate], SCOPE.proposed);
    await page.keyboard.press('Control+Shift+KeyZ');
    await said(page, "redid: a change to the article's scope");
    await waitForPainted(page, 'out', [boilerplate], SCOPE.out);
  });

  test('O over a selection leaves it out; over a span it is refused, naming the span', async () => {
    const headline = 'رسميا.. حزب الله في العراق يعلن';
    await drag(page, await boxOf(page, 'رسميا'), await boxOf(page, 'يعلن استئناف'));
    await page.keyboard.press('KeyO');
    await said(page, "out of the article's scope: «رسميا.. حزب الله في العراق");
    const { out } = await paintedTexts(page, SCOPE);
    assert.equal(out?.length, 2);
    assert.ok(out!.some((text) => text.startsWith(headline)), JSON.stringify(out));

    await drag(page, await boxOf(page, 'وكالة رويترز'), await boxOf(page, 'وكالة رويترز'));
    await page.keyboard.press('Digit2');
    await waitForPainted(page, 'actor', ['وكالة رويترز']);
    await waitForSaved(page);
    await drag(page, await boxOf(page, 'أفادت'), await boxOf(page, 'نقلا عن'));
    await page.keyboard.press('KeyO');
    await said(page, 'not changed: ', 'alert');
    await said(page, 'holds a span: actor «وكالة رويترز»', 'alert');
    assert.equal((await paintedTexts(page, SCOPE)).out?.length, 2, 'nothing more was left out');
  });

  test('I keeps a proposal in the article, for good: not proposed again after a reload', async () => {
    await page.keyboard.press('Alt+ArrowDown');
    await waitForArticle(page, SECOND);
    await waitForPainted(page, 'proposed', ['إطلاق صواريخ على قاعدة عراقية تستضيف قوات أميركية: مصادر[ad_1]', '[ad_2]المصدر'], SCOPE.proposed);
    await page.keyboard.press('KeyI');
    await said(page, 'no proposal chosen: P goes to the next one, then I keeps it in the article', 'alert');
    await page.keyboard.press('KeyP');
    await said(page, 'repeats a line above it');
    await page.keyboard.press('KeyI');
    await said(page, 'kept in the article: «إطلاق صواريخ');
    await waitForPainted(page, 'proposed', ['[ad_2]المصدر'], SCOPE.proposed);
    await waitForSaved(page);
    await page.reload();
    await waitForArticle(page, SECOND);
    await waitForPainted(page, 'proposed', ['[ad_2]المصدر'], SCOPE.proposed);
    assert.deepEqual((await paintedTexts(page, SCOPE)).out, []);
  });

  test('Shift+O ends the article at the cursor', async () => {
    for (const id of ['002_a6b6abd92c233663', '003_66ede02df596a380', LAST]) {
      await page.keyboard.press('Alt+ArrowDown');
      await waitForArticle(page, id);
    }
    await page.keyboard.press('Shift+KeyO');
    await said(page, 'put the word cursor (← →) or a selection where the article ends first', 'alert');
    await drag(page, await boxOf(page, 'فصل جديد'), await boxOf(page, 'فصل جديد'));
    await page.keyboard.press('Shift+KeyO');
    await said(page, "out of the article's scope: «فصل جديد لحكومة");
    const { out } = await paintedTexts(page, SCOPE);
    assert.equal(out?.length, 1);
    assert.ok(out![0]!.startsWith('فصل جديد لحكومة الإطار'));
    assert.ok(out![0]!.endsWith('في ذلك الوقت.'), JSON.stringify(out![0]!.slice(-40)));
    await boxOf(page, 'فصل جديد');
    await page.screenshot({ path: join(SCREENSHOTS, 'scope-ends-here.png') });
    // The one refusal above (O over a span) is the server's 400; nothing else went wrong on the page.
    assert.deepEqual(app.problems, ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
