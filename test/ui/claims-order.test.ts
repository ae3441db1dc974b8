/**
 * The via chain's order in the claim card, in Chromium against `hamish serve`: moved by keys (V, ↑ ↓
 * to pick, Shift+↑ Shift+↓ to move) and by the mouse, stored through reorderVia, taken back by
 * undo; and a card change made while another process holds the library's write lock stays on
 * screen, said not saved, until Retry stores it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openApp, paintedTexts, SCREENSHOTS, waitForPainted, waitForSaved, type OpenApp } from '../support/browser.ts';
import { openCore } from '../support/core.ts';
import { ANNOTATOR, exportJsonl, tempDir } from '../support/hamish.ts';
import { holdWriteLock } from '../support/lock.ts';

const FIRST = '000_04e9da889c407517';
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const AGENCY = 'وكالة رويترز';
const OFFICIAL = 'مسؤول أمريكي';
const IRAQ = 'العراق';

/** The first article with the Reuters claim's card holding two via actors, agency first. */
function library(): string {
  const core = openCore({ file: join(tempDir(), 'hamish.sqlite') });
  const text = core.call('openDocument', { id: FIRST }).text;
  const tag = (needle: string, label: 'claim' | 'actor' | 'location') => {
    const start = Array.from(text.slice(0, text.indexOf(needle))).length;
    return core.call('createSpan', { documentId: FIRST, start, end: start + Array.from(needle).length, label }).id;
  };
  const claim = tag(CLAIM, 'claim');
  const agency = tag(AGENCY, 'actor');
  const official = tag(OFFICIAL, 'actor');
  tag(IRAQ, 'location');
  core.call('linkRole', { claim, role: 'via', span: agency });
  core.call('linkRole', { claim, role: 'via', span: official });
  core.close();
  return core.file;
}

/** The claim's card as stored: role:text in card order. */
async function stored(db: string): Promise<string[]> {
  const line = (await exportJsonl(db)).find((d) => d.id === FIRST)! as unknown as {
    spans: { id: number; text: string }[];
    claims?: { span: number; annotator: string; roles: { role: string; span: number }[] }[];
  };
  const text = (id: number) => line.spans.find((s) => s.id === id)!.text;
  const claim = (line.claims ?? []).find((c) => c.annotator === ANNOTATOR && text(c.span) === CLAIM);
  return claim ? claim.roles.map((r) => `${r.role}:${text(r.span)}`) : [];
}

describe('the via chain in order, and card changes that wait for Retry', () => {
  let app: OpenApp;
  let page: Page;
  let db: string;

  before(async () => {
    app = await openApp({ db: library(), document: FIRST });
    ({ page, db } = app);
  });

  after(() => app?.close());

  const card = () => page.getByRole('region', { name: 'Claim card' });
  /** The via entries as the card lists them: "1. وكالة رويترز". */
  const vias = async () => (await card().locator('[data-role="via"] .claim-card-filler').allInnerTexts()).map((t) => t.replace(/[↑↓×]/g, '').replace(/\s+/g, ' ').trim());

  async function openCard(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await paintedTexts(page, { selected: ['selected'] })).selected?.[0] === CLAIM) break;
    }
    await page.keyboard.press('KeyC');
    await card().waitFor();
  }

  test('V, ↑ ↓ pick a via and Shift+↑ moves it earlier: stored in order, and undo puts the order back', async () => {
    await openCard();
    assert.deepEqual(await vias(), [`1. ${AGENCY}`, `2. ${OFFICIAL}`]);
    await page.keyboard.press('KeyV');
    // Arming via picks its last span; ↓ past the end stays there, ↑ picks the one before.
    await card().locator('.claim-card-filler.is-picked', { hasText: OFFICIAL }).waitFor();
    await page.keyboard.press('ArrowUp');
    await card().locator('.claim-card-filler.is-picked', { hasText: AGENCY }).waitFor();
    await page.keyboard.press('ArrowDown');
    await card().locator('.claim-card-filler.is-picked', { hasText: OFFICIAL }).waitFor();
    await page.keyboard.press('Shift+ArrowUp');
    await card().locator('[data-role="via"] .claim-card-filler').first().filter({ hasText: OFFICIAL }).waitFor();
    assert.deepEqual(await vias(), [`1. ${OFFICIAL}`, `2. ${AGENCY}`]);
    await card().locator('.claim-card-filler.is-picked', { hasText: OFFICIAL }).waitFor(); // it stays picked, to move on
    await waitForSaved(page);
    assert.deepEqual(await stored(db), [`via:${OFFICIAL}`, `via:${AGENCY}`]);
    await page.screenshot({ path: join(SCREENSHOTS, 'claim-card-via-order.png') });

    // First already: said, nothing sent.
    await page.keyboard.press('Shift+ArrowUp');
    await card().getByRole('status').filter({ hasText: 'it is first in the via chain already' }).waitFor();

    await page.keyboard.press('Control+z');
    await card().locator('[data-role="via"] .claim-card-filler').first().filter({ hasText: AGENCY }).waitFor();
    await waitForSaved(page);
    assert.deepEqual(await stored(db), [`via:${AGENCY}`, `via:${OFFICIAL}`]);
  });

  test('the mouse moves a via with its ↓ button; the last one has none to press', async () => {
    await card().getByRole('button', { name: `Move ${AGENCY} later in the via chain` }).click();
    await card().locator('[data-role="via"] .claim-card-filler').first().filter({ hasText: OFFICIAL }).waitFor();
    await waitForSaved(page);
    assert.deepEqual(await stored(db), [`via:${OFFICIAL}`, `via:${AGENCY}`]);
    assert.ok(await card().getByRole('button', { name: `Move ${AGENCY} later in the via chain` }).isDisabled(), 'last: it cannot go later');
    assert.deepEqual(app.problems, []);
  });

  test('a link made while the library is locked stays on screen, said not saved, and Retry stores it', async () => {
    const holder = await holdWriteLock(db);
    let released = false;
    try {
      await page.keyboard.press('Escape'); // disarm
      await page.keyboard.press('KeyL');
      await waitForPainted(page, 'candidate', [IRAQ], ['role-candidate']);
      await page.keyboard.press('Enter');
      // Shown at once, while the save waits out SQLite's busy timeout (5 s), then fails.
      await waitForPainted(page, 'location', [IRAQ], ['role-location']);
      const failed = page.locator('[data-save-state="failed"]');
      await failed.waitFor({ timeout: 15_000 });
      assert.match((await failed.textContent())!, /1 change not saved: the library cannot be written now \(SQLITE_BUSY\)/);
      await card().getByRole('status').filter({ hasText: 'not saved yet' }).waitFor();
      assert.deepEqual((await paintedTexts(page, { location: ['role-location'] })).location, [IRAQ], 'still on screen');
      assert.ok(await card().locator('[data-role="location"] .claim-card-filler', { hasText: IRAQ }).isVisible());
      await page.screenshot({ path: join(SCREENSHOTS, 'claim-card-not-saved.png') });

      await holder.release();
      released = true;
      assert.deepEqual(await stored(db), [`via:${OFFICIAL}`, `via:${AGENCY}`], 'nothing stored while locked');
      await page.getByRole('button', { name: 'Retry' }).click();
      await waitForSaved(page);
      assert.deepEqual(await stored(db), [`via:${OFFICIAL}`, `via:${AGENCY}`, `location:${IRAQ}`]);
      await waitForPainted(page, 'location', [IRAQ], ['role-location']);
      // The browser logs the failed answer itself; nothing else went wrong.
      assert.deepEqual(app.problems, ['Failed to load resource: the server responded with a status of 500 (Internal Server Error)']);
    } finally {
      if (!released) await holder.release();
    }
  });
});
