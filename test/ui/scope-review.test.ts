/**
 * Reviewing scope in Chromium against `hamish serve`: layla and omar both leave the «مقالات
 * مشابهة» links out of the article; only omar leaves out the «إعلان» label. By the review's own
 * keys the lead lands on the «إعلان» unit, is told a label key cannot edit it, accepts it into
 * gold's scope (A), accepts all agreed (Shift+A: the span and the links), undoes and redoes, and
 * gold's scope in SQLite follows each step.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOTS, waitForPainted, waitForReview, type OpenApp } from '../support/browser.ts';
import { openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';

/** Code points of [from, to) of UTF-16 offsets in `text`. */
const codePoints = (text: string, from: number, to: number) => ({ start: Array.from(text.slice(0, from)).length, end: Array.from(text.slice(0, to)).length });

function library(): { file: string; ad: { start: number; end: number }; links: { start: number; end: number } } {
  const file = join(tempDir(), 'hamish.sqlite');
  let ranges!: ReturnType<typeof library>['ad' | 'links'][];
  for (const annotator of ['layla', 'omar']) {
    const core = openCore({ file, annotator });
    const { text } = core.call('openDocument', { id: FIRST });
    const at = text.indexOf('\nإعلان\n') + 1;
    const ad = codePoints(text, at, at + 'إعلان'.length);
    const links = codePoints(text, text.indexOf('مقالات مشابهة'), text.length);
    const iraq = codePoints(text, text.indexOf('العراق'), text.indexOf('العراق') + 'العراق'.length);
    core.call('createSpan', { documentId: FIRST, ...iraq, label: 'location' });
    core.call('setScope', { documentId: FIRST, ...links, inScope: false });
    if (annotator === 'omar') core.call('setScope', { documentId: FIRST, ...ad, inScope: false });
    ranges = [ad, links];
    core.close();
  }
  return { file, ad: ranges[0]!, links: ranges[1]! };
}

/** Gold's out-of-scope ranges as stored, and the scope decisions in effect with their reviewer. */
function goldScope(db: string): { out: number[][]; decisions: string[] } {
  const sqlite = new Database(db, { readonly: true });
  try {
    const out = sqlite.prepare<[], string>("SELECT s.out FROM scopes s JOIN annotators n ON n.id = s.annotator_id WHERE n.name = 'gold'").pluck().get();
    const decisions = sqlite
      .prepare<[], { verdict: string; start: number; end: number; reviewer: string }>(`
        SELECT d.verdict, d.start, d."end" AS "end", n.name AS reviewer FROM scope_decisions d JOIN annotators n ON n.id = d.reviewer_id
        WHERE EXISTS (SELECT 1 FROM history h WHERE h.scope_decision_id = d.id AND h.state = 'done') ORDER BY d.id`)
      .all()
      .map((d) => `${d.verdict} ${d.start}-${d.end} by ${d.reviewer}`);
    return { out: out === undefined ? [] : (JSON.parse(out) as number[][]), decisions };
  } finally {
    sqlite.close();
  }
}

describe('reviewing scope by keys', () => {
  let app: OpenApp;
  let page: Page;
  let db: string;
  const { file, ad, links } = library();

  before(async () => {
    app = await openApp({ db: file, document: FIRST });
    ({ page, db } = app);
  });
  after(() => app?.close());

  const unit = () => page.getByRole('region', { name: 'Unit under review' });
  const settled = () => waitForReview(page, FIRST);
  /** The first words of what a highlight paints, range by range. */
  async function paintedStarts(name: string, expected: string[]): Promise<void> {
    await page.waitForFunction(
      ([name, expected]) => {
        const painted = [...(CSS.highlights.get(`hamish-${name}`) ?? [])].map((range) => range.toString().slice(0, 13)).sort();
        return JSON.stringify(painted) === JSON.stringify([...expected].sort());
      },
      [name, expected] as const,
      { timeout: 5000 },
    );
  }

  test('the first open disagreement is the ad label only omar left out; both scope units are painted dimmed', async () => {
    await page.getByRole('button', { name: 'Review' }).click();
    await settled();
    await unit().filter({ hasText: 'Out of the article: only some annotators' }).waitFor();
    const versions = await page.locator('.review-version').evaluateAll((items) => items.map((li) => li.textContent));
    assert.deepEqual(versions, ['Out of the articleomarإعلان']);
    assert.match((await unit().textContent())!, /Kept in the article by layla/);
    await waitForPainted(page, 'current', ['إعلان'], ['review-current']);
    await paintedStarts('review-scope', ['إعلان', 'مقالات مشابهة']);
    await page.locator('.article-scroller').evaluate((scroller) => scroller.scrollBy({ top: -120 }));
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'scope-review.png') });
  });

  test('a label key says why it cannot edit a scope unit; A accepts it into gold’s scope, with the reviewer', async () => {
    await page.keyboard.press('Digit2');
    await page.locator('.review-refused', { hasText: 'A range left out of the article is accepted or rejected as the annotators marked it' }).waitFor();
    await page.keyboard.press('KeyA');
    await settled();
    await unit().filter({ hasText: 'out of gold’s article' }).waitFor();
    const { out, decisions } = goldScope(db);
    assert.deepEqual(out, [[ad.start, ad.end]]);
    assert.equal(decisions.length, 1);
    assert.match(decisions[0]!, new RegExp(`^accept ${ad.start}-${ad.end} by `));
    await paintedStarts('review-gold-out', ['إعلان']);
    await paintedStarts('review-scope', ['مقالات مشابهة']);
  });

  test('Shift+A accepts the agreed span and links; undo and redo follow in SQLite; the document is adjudicated', async () => {
    await page.keyboard.press('Shift+KeyA');
    await settled();
    await paintedStarts('review-gold-out', ['إعلان', 'مقالات مشابهة']);
    assert.deepEqual(goldScope(db).out, [[ad.start, ad.end], [links.start, links.end]]);
    await page.locator(`[data-document-id="${FIRST}"] .review-status`, { hasText: 'adjudicated' }).waitFor();
    await page.locator('.article-scroller').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'scope-review-decided.png') });

    await page.keyboard.press('Control+KeyZ');
    await settled();
    await paintedStarts('review-scope', ['مقالات مشابهة']);
    assert.deepEqual(goldScope(db).out, [[ad.start, ad.end]]);
    await page.keyboard.press('Control+KeyZ');
    await settled();
    assert.deepEqual(goldScope(db), { out: [], decisions: [] });
    await page.keyboard.press('Control+Shift+KeyZ');
    await settled();
    assert.deepEqual(goldScope(db).out, [[ad.start, ad.end]]);
    assert.equal(app.problems.length, 0, app.problems.join('\n'));
  });
});
