/**
 * A library far bigger than a window: 20,000 documents. Listing every one in the DOM took over
 * 20 s to open; the list lays out only the entries in view, and keys still move through all of
 * them.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOTS, waitForArticle, type OpenApp } from '../support/browser.ts';
import { tempDir } from '../support/hamish.ts';
import { seedLibrary } from '../support/library.ts';
import { openCore } from '../support/core.ts';

const DOCUMENTS = 20_000;
/** Ids sort as text: article-1, article-10, article-100, …, article-19999, article-2, … */
const LAST_BUT_ONE = 'article-9998';
const LAST = 'article-9999';

describe('a library of 20,000 documents', () => {
  let app: OpenApp;
  let page: Page;

  let db: string;

  before(async () => {
    db = join(tempDir(), 'large.sqlite');
    seedLibrary(db, DOCUMENTS);
    app = await openApp({ db, document: LAST_BUT_ONE });
    page = app.page;
  });

  after(() => app?.close());

  const openEntry = () => page.locator('.library-item.is-open');

  test('opens on the document asked for, its entry scrolled into view, with only a window of entries laid out', async () => {
    assert.equal(await openEntry().getAttribute('data-document-id'), LAST_BUT_ONE);
    assert.ok(await inView(page, LAST_BUT_ONE), 'the open document is in view');
    const laidOut = await page.locator('.library-item').count();
    assert.ok(laidOut > 0 && laidOut < 100, `${laidOut} entries in the DOM`);
    const height = await page.locator('.library-scroller > ol').evaluate((el) => el.scrollHeight);
    assert.ok(height > DOCUMENTS * 50, 'the list is as tall as every entry together, for the scroll bar');
    assert.deepEqual(app.problems, []);
  });

  test('Alt+↓ opens the next document, and Alt+↑ the one before, each shown in the list', async () => {
    await page.keyboard.press('Alt+ArrowDown');
    await waitForArticle(page, LAST);
    assert.equal(await openEntry().getAttribute('data-document-id'), LAST);
    assert.ok(await inView(page, LAST));
    await page.screenshot({ path: join(SCREENSHOTS, 'large-library.png') });
    await page.keyboard.press('Alt+ArrowUp');
    await waitForArticle(page, LAST_BUT_ONE);
    assert.equal(await openEntry().getAttribute('data-document-id'), LAST_BUT_ONE);
  });

  test('an entry scrolled to from the top of the list opens on a click', async () => {
    const scroller = page.locator('.library-scroller');
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    const first = page.locator('[data-document-id="article-1"]');
    await first.waitFor();
    assert.equal(await page.locator(`[data-document-id="${LAST_BUT_ONE}"]`).count(), 0, 'entries out of view are not laid out');
    await page.locator('[data-document-id="article-10"]').click();
    await waitForArticle(page, 'article-10');
    assert.equal(await openEntry().getAttribute('data-document-id'), 'article-10');
  });

  test('a reload opens the document the analyst left, and shows it in the list', async () => {
    await page.reload();
    await waitForArticle(page, 'article-10');
    assert.ok(await inView(page, 'article-10'));
  });

  const counts = () => page.locator('.library-counts');
  const listed = () => page.locator('.library-item').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.documentId!));

  test('the search box filters the list as it is typed, folding spellings, and says how many match', async () => {
    assert.equal(await counts().textContent(), '20,000 documents');
    // What the core answers for the same search, read beside the server (WAL lets both read).
    const core = openCore({ file: db, seed: false });
    const expected = core.call('libraryPage', { query: 'عاجل 1234', from: { offset: 0 }, limit: 50 });
    const folded = core.call('libraryPage', { query: 'إعلان', from: { offset: 0 }, limit: 50 });
    core.close();
    assert.ok(expected.matching > 0 && expected.matching < 50);
    await page.getByLabel('Search the library').click();
    await page.keyboard.type('عاجل 1234');
    await page.waitForFunction((text) => document.querySelector('.library-counts')?.textContent === text, `${expected.matching} of 20,000`);
    assert.deepEqual(await listed(), expected.documents.map((d) => d.id));
    await page.screenshot({ path: join(SCREENSHOTS, 'library-search.png') });
    // Typed with its hamza or without, the same documents.
    await page.getByLabel('Search the library').fill('اعلان');
    await page.waitForFunction((text) => document.querySelector('.library-counts')?.textContent === text, `${folded.matching.toLocaleString('en-US')} of 20,000`);
    assert.deepEqual((await listed()).slice(0, 5), folded.documents.slice(0, 5).map((d) => d.id));
    await page.getByLabel('Search the library').fill('');
    await page.waitForFunction(() => document.querySelector('.library-counts')?.textContent === '20,000 documents');
    assert.deepEqual(app.problems, []);
  });

  test('scrolling far down the list reads the rows there, a page at a time', async () => {
    const scroller = page.locator('.library-scroller');
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.locator(`[data-document-id="${LAST}"]`).waitFor();
    assert.ok(await inView(page, LAST), 'the last document is at the bottom of the list');
    assert.equal(await page.locator('.library-pending').count(), 0, 'every row in view is read');
    await page.locator(`[data-document-id="${LAST}"]`).click();
    await waitForArticle(page, LAST);
    assert.deepEqual(app.problems, []);
  });
});

/** Whether the document's entry is laid out and wholly inside the library's visible area. */
function inView(page: Page, id: string): Promise<boolean> {
  return page.evaluate((id) => {
    const entry = document.querySelector(`[data-document-id="${id}"]`);
    if (!entry) return false;
    const view = document.querySelector('.library-scroller')!.getBoundingClientRect();
    const box = entry.getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
  }, id);
}
