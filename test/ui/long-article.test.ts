/**
 * A long article in the editor: the browser is handed only the spans near the screen
 * (renderer/src/editor/near-sections.ts), and scrolling with the mouse wheel, as the analyst
 * reads, brings the spans further down along, painted in their colours; a word tagged at the end
 * is painted and saved. Screenshot in test-results/long-article-end.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, colourShare, drag, openApp, paintedTexts, SCREENSHOTS, waitForSaved, type OpenApp } from '../support/browser.ts';
import { addText, openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const WORD = 'العراق';
const COPIES = 60;
const LOCATION_BACKGROUND = [0xff, 0xa8, 0x82] as const;

/** Where each range of the location highlights starts, in the scroller's view (its top 0), and the view's height. */
const locationTops = (page: Page) =>
  page.evaluate(() => {
    const scroller = document.querySelector('.article-scroller')!.getBoundingClientRect();
    const tops = ['location', 'location-in-1', 'location-in-2'].flatMap((name) =>
      [...(CSS.highlights.get(`hamish-${name}`) ?? [])].map((r) => {
        const live = new Range();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live.getBoundingClientRect().top - scroller.top;
      }),
    );
    return { tops, height: scroller.height };
  });

describe('a long article', () => {
  let app: OpenApp;
  let page: Page;
  let tagged: number;
  let id: string;

  before(async () => {
    const core = openCore({ file: join(tempDir(), 'hamish.sqlite') });
    const first = core.call('openDocument', { id: FIRST }).text;
    const text = Array.from({ length: COPIES }, (_, copy) => `(${copy + 1})\n${first}`).join('\n\n');
    id = addText(core, 'long', text);
    // Every occurrence of the word is a location: the last one is kept back, to be tagged in the page.
    const starts: number[] = [];
    for (let at = text.indexOf(WORD); at !== -1; at = text.indexOf(WORD, at + 1)) starts.push(Array.from(text.slice(0, at)).length);
    tagged = starts.length - 1;
    for (const start of starts.slice(0, tagged)) core.call('createSpan', { documentId: id, start, end: start + Array.from(WORD).length, label: 'location' });
    core.close();
    app = await openApp({ db: core.file, document: id });
    page = app.page;
  });

  after(() => app?.close());

  test('the browser holds only the spans near the screen, all of those', async () => {
    const { tops, height } = await locationTops(page);
    assert.ok(tops.length > 0 && tops.length < tagged / 4, `${tops.length} of ${tagged} locations handed to the browser`);
    // Near: within the sections that reach half a screen beyond the view (a section is a few screens at most).
    assert.ok(Math.max(...tops) < 6 * height, `the lowest is ${Math.round(Math.max(...tops))} px down, the view ${height} px high`);
    const onScreen = await page.evaluate((word) => {
      const scroller = document.querySelector('.article-scroller')!.getBoundingClientRect();
      const walker = document.createTreeWalker(document.querySelector('.article')!, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (let at = node.data.indexOf(word); at !== -1; at = node.data.indexOf(word, at + 1)) {
          const range = new Range();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const { top, bottom } = range.getBoundingClientRect();
          if (bottom > scroller.top && top < scroller.bottom) seen++;
        }
      }
      return seen;
    }, WORD);
    const shown = tops.filter((top) => top >= 0 && top < height).length;
    assert.ok(onScreen > 0, 'the word is on the first screen');
    assert.equal(shown, onScreen, 'every location on screen is painted');
  });

  test('scrolled to the end with the wheel, the spans there are painted and the first ones let go', async () => {
    const scroller = page.locator('.article-scroller');
    const area = (await scroller.boundingBox())!;
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    for (let turns = 0; ; turns++) {
      const atEnd = await scroller.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 2);
      if (atEnd) break;
      assert.ok(turns < 400, 'the wheel reaches the end of the article');
      await page.mouse.wheel(0, 1200);
      await page.waitForTimeout(16);
    }
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    const { tops, height } = await locationTops(page);
    assert.ok(tops.length > 0 && tops.length < tagged / 4, `${tops.length} of ${tagged} locations handed to the browser`);
    assert.ok(Math.min(...tops) > -6 * height, 'none from the top of the article');
    // The last tagged occurrence, in its colour on screen (the pointer away from it: no hover).
    await page.mouse.move(5, 5);
    const share = await colourShare(page, await boxOf(page, WORD, tagged - 1), LOCATION_BACKGROUND);
    assert.ok(share > 0.3, `the last location is painted in its colour (${share.toFixed(2)} of its pixels)`);
  });

  test('a word tagged at the end is painted and saved', async () => {
    const word = await boxOf(page, WORD, tagged);
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    await waitForSaved(page);
    // Not selected any more, so that the location's own colour shows; the pointer away: no hover.
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    const share = await colourShare(page, await boxOf(page, WORD, tagged), LOCATION_BACKGROUND);
    await page.screenshot({ path: join(SCREENSHOTS, 'long-article-end.png') });
    assert.ok(share > 0.3, `the new location is painted in its colour (${share.toFixed(2)} of its pixels)`);
    // The proclitic before the word came along with the drag (بالعراق): the edges snap to words.
    const painted = (await paintedTexts(page)).location!;
    assert.ok(painted.length < tagged / 4 && painted.includes(`ب${WORD}`), `painted ${JSON.stringify(painted)}`);
  });
});
