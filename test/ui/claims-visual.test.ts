/**
 * What a new user could not see, read from real pixels in Chromium: an entity nested in another
 * (إيران as location inside an actor) shows its own colour and line over its range, the outer one
 * its own around it; a claim with an entity at its end still shows its whole extent; the hover card
 * never covers the line read next. Screenshots in test-results/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { boxOf, lineBoxes, openApp, overlaps, paintedTexts, SCREENSHOTS, waitForPainted, type Box, type OpenApp } from '../support/browser.ts';
import { openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const HOLDER = 'الفصائل المتحالفة مع إيران';

/** Colours of styles.css, as painted on the white page. */
const ACTOR_BACKGROUND = [0x9f, 0xcb, 0xff] as const;
const ACTOR_LINE = [0x1d, 0x4e, 0xd8] as const;
const LOCATION_BACKGROUND = [0xff, 0xa8, 0x82] as const;
const LOCATION_LINE = [0x9a, 0x34, 0x12] as const;
const CLAIM_LINE = [0xb5, 0x9b, 0x00] as const;

/** The first article with a claim ending in a location, and a location inside an actor. */
function library(): string {
  const core = openCore({ file: join(tempDir(), 'hamish.sqlite') });
  const text = core.call('openDocument', { id: FIRST }).text;
  const tag = (needle: string, label: 'claim' | 'actor' | 'location', within = 0) => {
    const at = text.indexOf(needle, within);
    const start = Array.from(text.slice(0, at)).length;
    core.call('createSpan', { documentId: FIRST, start, end: start + Array.from(needle).length, label });
    return at;
  };
  tag(CLAIM, 'claim');
  tag('العراق', 'location');
  // The inner one tagged first: the outer one, coming after, must still be painted beneath it.
  tag('إيران', 'location', text.indexOf(HOLDER));
  tag(HOLDER, 'actor');
  core.close();
  return core.file;
}

/** The pixels of `box` on screen, and how many in each column match a colour. */
async function pixels(page: Page, box: Box) {
  const clip = { x: Math.floor(box.left), y: Math.floor(box.top), width: Math.ceil(box.right - box.left), height: Math.ceil(box.bottom - box.top) };
  const png = PNG.sync.read(await page.screenshot({ clip }));
  const near = (x: number, y: number, rgb: readonly number[]) => [0, 1, 2].every((c) => Math.abs(png.data[(y * png.width + x) * 4 + c]! - rgb[c]!) <= 24);
  return {
    /** Share of all pixels near `rgb`. */
    share(rgb: readonly number[]): number {
      let n = 0;
      for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) if (near(x, y, rgb)) n++;
      return n / (png.width * png.height);
    },
    /** Share of columns with a pixel near `rgb`: how far a line of that colour runs across. */
    columns(rgb: readonly number[]): number {
      let n = 0;
      for (let x = 0; x < png.width; x++) {
        for (let y = 0; y < png.height; y++) {
          if (near(x, y, rgb)) {
            n++;
            break;
          }
        }
      }
      return n / png.width;
    },
  };
}

describe('what nests and what ends at an edge stays visible', () => {
  let app: OpenApp;
  let page: Page;

  before(async () => {
    app = await openApp({ db: library(), document: FIRST });
    page = app.page;
  });

  after(() => app?.close());

  test('a location inside an actor shows its own colour and dotted line, the actor its own around it', async () => {
    await waitForPainted(page, 'location', ['إيران', 'العراق']);
    assert.deepEqual((await paintedTexts(page, { nested: ['location-in-1'] })).nested, ['إيران'], 'painted as held by the actor');
    const iran = await boxOf(page, 'إيران');
    await page.screenshot({ path: join(SCREENSHOTS, 'nested-entities.png'), clip: { x: 250, y: iran.top - 70, width: 850, height: 160 } });
    // The glyph box holds the tints; the lines run below the letters, down to the claim line's depth.
    const word = await pixels(page, iran);
    assert.ok(word.share(LOCATION_BACKGROUND) > 0.3, `إيران is in the location colour (${word.share(LOCATION_BACKGROUND).toFixed(2)})`);
    assert.ok(word.share(ACTOR_BACKGROUND) < 0.02, `not in the actor colour (${word.share(ACTOR_BACKGROUND).toFixed(2)})`);
    const lines = (box: Box) => pixels(page, { ...box, top: (box.top + box.bottom) / 2, bottom: box.bottom + 12 });
    const own = await lines(iran);
    assert.ok(own.columns(LOCATION_LINE) > 0.5, `its dotted line shows (${own.columns(LOCATION_LINE).toFixed(2)} of its width)`);
    // The rest of the actor keeps its own colour and line.
    const outer = await boxOf(page, 'الفصائل');
    const rest = await pixels(page, outer);
    assert.ok(rest.share(ACTOR_BACKGROUND) > 0.3, `the actor is in its colour (${rest.share(ACTOR_BACKGROUND).toFixed(2)})`);
    const actorLine = (await lines(outer)).columns(ACTOR_LINE);
    assert.ok(actorLine > 0.6, `and has the actor's line (${actorLine.toFixed(2)} of its width)`);
    assert.equal((await lines(outer)).columns(LOCATION_LINE), 0, 'and no location line');

    // The actor deleted, إيران is held by nothing and painted as any location; undo nests it again.
    await page.mouse.click((outer.left + outer.right) / 2, (outer.top + outer.bottom) / 2);
    await waitForPainted(page, 'selected', [HOLDER]);
    await page.keyboard.press('Delete');
    await waitForPainted(page, 'actor', []);
    await waitForPainted(page, 'held', [], ['location-in-1']);
    await waitForPainted(page, 'location', ['إيران', 'العراق'], ['location']);
    await page.keyboard.press('Control+z');
    await waitForPainted(page, 'held', ['إيران'], ['location-in-1']);
    await page.keyboard.press('Escape');
  });

  test('a claim ending in a location shows its extent under the location too', async () => {
    const iraq = await boxOf(page, 'العراق');
    const claim = await boxOf(page, 'مقاتلة');
    await page.screenshot({ path: join(SCREENSHOTS, 'claim-extent.png'), clip: { x: 0, y: claim.top - 60, width: 1400, height: 200 } });
    const under = (box: Box) => pixels(page, { ...box, top: box.bottom, bottom: box.bottom + 16 });
    const end = await under(iraq);
    assert.ok(end.columns(CLAIM_LINE) > 0.9, `the claim's line runs under العراق, its last word (${end.columns(CLAIM_LINE).toFixed(2)} of its width)`);
    const start = await under(claim);
    assert.ok(start.columns(CLAIM_LINE) > 0.9, `and under مقاتلة, its first (${start.columns(CLAIM_LINE).toFixed(2)})`);
    // Outside the claim there is none: the line is the claim's extent.
    const outside = await under(await boxOf(page, 'دفاعا'));
    assert.equal(outside.columns(CLAIM_LINE), 0, 'no claim line past its end');
  });

  test('the hover card sits clear of the line under the pointer and of the next one', async () => {
    const word = await boxOf(page, 'دمرت');
    await page.mouse.move((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    const card = await page.getByRole('tooltip').boundingBox();
    assert.ok(card, 'the hover card shows');
    const lines = await lineBoxes(page, 'دمرت');
    await page.screenshot({ path: join(SCREENSHOTS, 'hover-card-position.png'), clip: { x: 0, y: Math.max(0, card.y - 40), width: 1400, height: 260 } });
    assert.ok(!overlaps(card, lines.next), `the card (${card.y}–${card.y + card.height}) is clear of the next line (${lines.next.top}–${lines.next.bottom})`);
    assert.ok(!overlaps(card, lines.hovered), `and of the hovered line (${lines.hovered.top}–${lines.hovered.bottom})`);
    await page.mouse.move(5, 5);
    assert.deepEqual(app.problems, []);
  });
});
