/**
 * Never lose a tag: when the library cannot be written (here another process holds SQLite's write
 * lock past the busy timeout, a real failure), the new span stays on screen, marked as not saved
 * with the reason, and Retry stores it once the library can be written again.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  boxOf,
  drag,
  openApp,
  paintedTexts,
  tagUnsaved,
  SCREENSHOTS,
  waitForSaved,
} from '../support/browser.ts';
import { exportJsonl } from '../support/hamish.ts';
import { holdWriteLock } from '../support/lock.ts';
import { addSpans } from '../support/library.ts';

const FIRST = '000_04e9da889c407517';

test('a span that cannot be saved stays on screen, said so, and Retry saves it', async () => {
  const app = await openApp({ document: FIRST });
  const { db, page } = app;
  try {

    const holder = await holdWriteLock(db);
    assert.match(await tagUnsaved(page, 'سوريا'), /1 change not saved: the library cannot be written now \(SQLITE_BUSY\)/);
    assert.deepEqual((await paintedTexts(page)).location, ['سوريا'], 'the span is still on screen');
    await page.screenshot({ path: join(SCREENSHOTS, 'not-saved.png'), clip: { x: 0, y: 0, width: 1400, height: 200 } });

    await holder.release();
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForSaved(page);
    assert.deepEqual((await paintedTexts(page)).location, ['سوريا']);
    const spans = (await exportJsonl(db)).find((d) => d.id === FIRST)!.spans;
    assert.deepEqual(
      spans.map(({ label, text }) => ({ label, text })),
      [{ label: 'location', text: 'سوريا' }],
    );
  } finally {
    await app.close();
  }
});

test('a review decision that cannot be stored is said so, and Retry stores it', async () => {
  const app = await openApp({ document: FIRST });
  const { db, page } = app;
  try {
    // Two colleagues' layers: the same claim and actor, a location only layla gave.
    addSpans(db, 3, 'layla');
    addSpans(db, 2, 'omar');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.locator('.review-unit[data-state="open"]', { hasText: 'Only some annotators' }).waitFor();
    await waitForSaved(page);

    const holder = await holdWriteLock(db);
    await page.keyboard.press('KeyA');
    const failed = page.locator('[data-save-state="failed"]');
    await failed.waitFor({ timeout: 15_000 });
    assert.match((await failed.textContent())!, /1 change not saved: the library cannot be written now \(SQLITE_BUSY\)/);
    assert.equal(await page.locator('.review-unit').getAttribute('data-state'), 'open');

    await holder.release();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.review-unit[data-state="accepted"]').waitFor();
    await waitForSaved(page);
    const gold = (await exportJsonl(db)).find((d) => d.id === FIRST)!.spans.filter((span) => span.annotator === 'gold');
    assert.deepEqual(gold.map(({ label, start, end }) => ({ label, start, end })), [{ label: 'location', start: 2, end: 7 }]);
    // The browser logs the failed answer itself; nothing else went wrong.
    assert.deepEqual(app.problems, ['Failed to load resource: the server responded with a status of 500 (Internal Server Error)']);
  } finally {
    await app.close();
  }
});

test('a span saved while another program holds the lock waits, said so, the page answering meanwhile; it goes in once the lock is let go', async () => {
  const app = await openApp({ document: FIRST });
  const { db, page } = app;
  try {
    const holder = await holdWriteLock(db);
    try {
      const word = await boxOf(page, 'سوريا');
      await drag(page, word, word);
      await page.keyboard.press('Digit3');
      const busy = page.locator('[data-save-state="saving"][data-busy="true"]');
      await busy.waitFor();
      assert.equal((await busy.textContent())!, 'Saving… waiting: another program is writing to the library');
      await page.screenshot({ path: join(SCREENSHOTS, 'saving-busy.png'), clip: { x: 0, y: 0, width: 1400, height: 200 } });
      // The server is not frozen by the waiting save: the page's reads are answered.
      const read = await page.evaluate(async () => (await fetch('/api/listDocuments', { method: 'POST', body: '{}' })).status);
      assert.equal(read, 200);
      assert.equal(await busy.count(), 1, 'the save still waits');
    } finally {
      await holder.release();
    }
    await waitForSaved(page);
    const spans = (await exportJsonl(db)).find((d) => d.id === FIRST)!.spans;
    assert.deepEqual(
      spans.map(({ label, text }) => ({ label, text })),
      [{ label: 'location', text: 'سوريا' }],
    );
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
