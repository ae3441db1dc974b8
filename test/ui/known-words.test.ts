/**
 * The proclitic rule asks the corpus which stems are words of their own. A document with a stem
 * longer than any word (a run without spaces), or with more stems than one call may ask, still
 * gets the rule, in Chromium, by mouse: the page asks in calls the contract takes, and no error.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { KNOWN_WORDS } from '../../electron/contract/contract.ts';
import { dragLetters, letterBoxes, openApp, paintedTexts, SCREENSHOTS, waitForArticle, waitForSaved, type OpenApp } from '../support/browser.ts';
import { runCli, tempDir } from '../support/hamish.ts';

/** The seed articles give the corpus رويترز as a word of its own. */
const OPENING = 'قال مصدر لرويترز إن القصف طال مواقع قرب البلدة.';

/** `count` different words after the proclitic ب, each with a stem of four letters. */
function manyStems(count: number): string {
  const letters = 'تثجحخدذرزسشصضطظعغقمنهي';
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    let stem = '';
    for (let n = i, digit = 0; digit < 4; digit++, n = Math.floor(n / letters.length)) stem += letters[n % letters.length];
    words.push(`ب${stem}`);
  }
  return words.join(' ');
}

const DOCUMENTS = {
  'long-word': `${OPENING}\n\nب${'س'.repeat(KNOWN_WORDS.longest + 50)} نهاية.`,
  'many-stems': `${OPENING}\n\n${manyStems(KNOWN_WORDS.perCall + 5_000)}.`,
};

describe('the proclitic rule in a document with over-long words or very many stems', () => {
  let app: OpenApp;
  let page: Page;

  before(async () => {
    const folder = tempDir();
    for (const [id, text] of Object.entries(DOCUMENTS)) writeFileSync(join(folder, `${id}.txt`), text);
    const db = join(tempDir(), 'hamish.sqlite');
    const imported = await runCli(['import', folder, '--db', db]);
    assert.equal(imported.code, 0, imported.stderr);
    app = await openApp({ db, document: 'long-word' });
    page = app.page;
  });

  after(() => app?.close());

  for (const [id, calls] of [['long-word', 1], ['many-stems', 2]] as const) {
    test(`${id}: a drag over رويترز in لرويترز takes رويترز`, async () => {
      // Opened afresh, so that every lookup it makes is seen.
      const answers: number[] = [];
      const seen = (response: { url(): string; status(): number }) => {
        if (response.url().endsWith('/api/knownWords')) answers.push(response.status());
      };
      await page.goto(`${app.server.origin}/#/doc/${id}`);
      // That load's own lookups may still be on their way (the first screen's requests go out
      // together, so they come early): only the reloaded page's are counted.
      await page.waitForLoadState('networkidle');
      page.on('response', seen);
      await page.reload();
      await waitForArticle(page, id);
      await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/knownWords')).length >= n, calls);
      page.off('response', seen);
      assert.deepEqual(answers, Array(calls).fill(200), 'every lookup was answered');

      await dragLetters(page, await letterBoxes(page, 'رويترز'));
      await page.keyboard.press('Digit2');
      await waitForSaved(page);
      assert.deepEqual((await paintedTexts(page)).actor, ['رويترز']);
      await page.screenshot({ path: join(SCREENSHOTS, `known-words-${id}.png`) });
      assert.deepEqual(app.problems, []);
    });
  }
});
