/**
 * Restarting web mode does not strand the open tab: a span tagged while the server is down stays
 * on screen, said so, and is stored by itself once the library is served again (the same address:
 * server/address.ts), without reloading the page.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, drag, openApp, paintedTexts, SCREENSHOTS, waitForSaved, type OpenApp } from '../support/browser.ts';
import { exportJsonl, startServe, type RunningServe } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';

/** Stops the app's server and tags a location with the mouse and a key: it cannot be saved. */
async function tagWhileDown(app: OpenApp): Promise<{ page: Page; db: string }> {
  const { db, page } = app;
  await app.server.stop();
  const word = await boxOf(page, 'سوريا');
  await drag(page, word, word);
  await page.keyboard.press('Digit3');
  await page.locator('[data-save-state="failed"]', { hasText: 'Hamish is not answering' }).waitFor();
  assert.deepEqual((await paintedTexts(page)).location, ['سوريا'], 'the span is still on screen');
  return { db, page };
}

test('a span tagged while the server is down is stored once it is served again, the page left open', { timeout: 60_000 }, async () => {
  const app = await openApp({ document: FIRST });
  let again: RunningServe | undefined;
  try {
    const { db, page } = await tagWhileDown(app);
    const failed = page.locator('[data-save-state="failed"]');
    assert.match((await failed.textContent())!, /^1 change not saved: Hamish is not answering \(.*\); the change is sent again once it answers/);
    await page.screenshot({ path: join(SCREENSHOTS, 'not-answering.png'), clip: { x: 0, y: 0, width: 1400, height: 200 } });

    again = await startServe(db);
    assert.equal(again.origin, app.server.origin, 'served again on the same port');
    await waitForSaved(page);
    const spans = (await exportJsonl(db)).find((d) => d.id === FIRST)!.spans;
    assert.deepEqual(
      spans.map(({ label, text }) => ({ label, text })),
      [{ label: 'location', text: 'سوريا' }],
    );
    assert.deepEqual((await paintedTexts(page)).location, ['سوريا']);
    assert.equal(again.stderr(), '');
  } finally {
    await app.close();
    await again?.stop();
  }
});

test('served again with --new-token, the tab is told to open the new address; nothing is stored', { timeout: 60_000 }, async () => {
  const app = await openApp({ document: FIRST });
  let again: RunningServe | undefined;
  try {
    const { db, page } = await tagWhileDown(app);
    again = await startServe(db, ['--new-token']);
    const refused = page.locator('[data-save-state="failed"]', { hasText: 'new token' });
    await refused.waitFor();
    assert.match(
      (await refused.textContent())!,
      /^1 change not saved: Hamish was started with a new token: open the address it printed \(changes not saved here are lost then\)Retry$/,
    );
    assert.deepEqual((await paintedTexts(page)).location, ['سوريا'], 'the span is still on screen');
    assert.deepEqual((await exportJsonl(db)).find((d) => d.id === FIRST)!.spans, []);
  } finally {
    await app.close();
    await again?.stop();
  }
});
