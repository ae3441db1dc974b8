/**
 * The footer's key list in Chromium: what it shows is the key map's (electron/contract/keymap.ts),
 * for the editor and for the review, and it stays on screen.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { keyCaps, keyHints, type KeyContext } from '../../electron/contract/keymap.ts';
import { openApp, SCREENSHOTS, type OpenApp } from '../support/browser.ts';

/** The footer's text as the table says it should read. */
function expected(context: KeyContext): string {
  return keyHints(context)
    .map(({ hint, chords }) => `${chords.map((chord) => keyCaps(chord).join('+')).join('/')} ${hint}`)
    .join(' · ');
}

describe('the footer lists the key map', () => {
  let app: OpenApp;
  before(async () => {
    app = await openApp();
  });
  after(() => app?.close());

  const footer = () => app.page.locator('footer.keys-help');

  test("the editor's keys, then the review's", async () => {
    assert.equal(await footer().getAttribute('data-context'), 'editor');
    assert.equal(await footer().textContent(), expected('editor'));
    const box = await footer().boundingBox();
    assert.ok(box && box.y + box.height <= 900, `the footer is on screen: ${JSON.stringify(box)}`);
    await footer().screenshot({ path: join(SCREENSHOTS, 'key-help-editor.png') });

    await app.page.getByRole('button', { name: 'Review' }).click();
    await app.page.locator('footer.keys-help[data-context="review"]').waitFor();
    assert.equal(await footer().textContent(), expected('review'));
    assert.deepEqual(app.problems, []);
  });
});
