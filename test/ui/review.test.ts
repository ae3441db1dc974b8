/**
 * The review in Chromium against `hamish serve`, as a lead would do it: tag a document, import a
 * colleague's export with the Import button, compare the two layers, decide with keys (accept,
 * choose another version, reject, edit before accepting, accept all agreed, undo), follow the
 * disagreements into the next document, and export the gold layer from the Export dialog.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, drag, openApp, SCREENSHOTS, waitForPainted, waitForReview, waitForSaved, type OpenApp } from '../support/browser.ts';
import { codePointRange } from '../support/core.ts';
import { exportJsonl, parseJsonl, ANNOTATOR, tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const SECOND = '001_98dce0b3c9a262a4';
const KINDS = ['agreed', 'label', 'range', 'partial', 'accepted', 'rejected', 'current'] as const;
/** Each kind's highlights: claims are drawn apart from the entities they hold. */
const REVIEW_HIGHLIGHTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  KINDS.map((kind) => [kind, [`review-${kind}`, `review-${kind}-claim`]]),
);

describe('reviewing two annotators’ layers', () => {
  let app: OpenApp;
  let db: string;
  let page: Page;

  before(async () => {
    app = await openApp({ document: FIRST });
    ({ db, page } = app);
  });

  after(() => app?.close());


  /** Waits until each kind's highlights (a unit's extent, or the version under review) paint `expected`. */
  async function expectPainted(expected: Partial<Record<(typeof KINDS)[number], string[]>>): Promise<void> {
    for (const [kind, texts] of Object.entries(expected)) await waitForPainted(page, kind, texts, REVIEW_HIGHLIGHTS[kind]);
  }


  /** A screenshot of the first lines in a large size, where Arabic letters must join across highlights. */
  async function closeUp(file: string, height: number): Promise<void> {
    const article = page.locator('.article');
    await article.evaluate((element) => (element.style.fontSize = '44px'));
    const line = (await page.locator('.article-paragraph').first().boundingBox())!;
    await page.screenshot({ path: join(SCREENSHOTS, file), clip: { ...line, height } });
    await article.evaluate((element) => (element.style.fontSize = ''));
  }

  const versions = () => page.locator('.review-version').evaluateAll((items) => items.map((li) => li.textContent));
  /** The ticked boxes of the annotators compared (the guessed login name is no annotator, so not among them). */
  const compared = () =>
    page.getByRole('group', { name: 'Annotators compared' }).locator('label:has(input:checked)').allTextContents();
  const reviewOf = (id: string) => page.locator(`[data-document-id="${id}"] .review-status`);

  test('tag a document, import a colleague’s export of it, and compare: each kind of unit painted apart', async () => {
    const tag = async (from: string, to: string, key: string) => {
      await drag(page, await boxOf(page, from), await boxOf(page, to));
      await page.keyboard.press(key);
      await waitForSaved(page);
    };
    await tag('العراق', 'العراق', 'Digit3');
    await tag('وكالة', 'رويترز', 'Digit2');
    await tag('سوريا', 'سوريا', 'Digit3');

    const library = await exportJsonl(db);
    const [first, second] = [FIRST, SECOND].map((id) => library.find((d) => d.id === id)!);
    const span = (text: string, needle: string, label: string) => ({ ...codePointRange(text, needle), label, annotator: 'omar' });
    const file = join(tempDir(), 'omar.jsonl');
    writeFileSync(
      file,
      [
        { ...first!, spans: [span(first!.text, 'العراق', 'location'), span(first!.text, 'رويترز', 'actor'), span(first!.text, 'مسؤول أمريكي', 'actor'), span(first!.text, 'سوريا', 'actor')] },
        { ...second!, spans: [span(second!.text, 'عين الأسد', 'location')] },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n') + '\n',
    );
    await page.locator('input[type=file]').setInputFiles(file);
    await page.locator('.import-job[data-file="omar.jsonl"] .import-result').waitFor();

    await page.getByRole('button', { name: 'Review' }).click();
    await waitForReview(page, FIRST);
    await expectPainted({
      agreed: ['العراق'],
      range: ['وكالة رويترز'],
      partial: ['مسؤول أمريكي'],
      label: ['سوريا'],
      current: ['وكالة رويترز'],
      accepted: [],
      rejected: [],
    });
    assert.deepEqual(await compared(), ['All', 'omar', ANNOTATOR]);
    assert.deepEqual(await versions(), [`Actor${ANNOTATOR}وكالة رويترز`, `Actoromarرويترز`]);
    assert.equal(await reviewOf(FIRST).textContent(), 'review not started');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'review.png') });
    // Up close, in a large size: Arabic letters join inside and across the units' highlights.
    await closeUp('review-close.png', 200);
  });

  test('the import list and the drop hint leave the article uncovered', async () => {
    const pane = (await page.locator('.article-pane').boundingBox())!;
    const list = (await page.getByRole('region', { name: 'Imports' }).boundingBox())!;
    const apart = (a: typeof pane, b: typeof pane) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    assert.ok(apart(list, pane), `the import list ${JSON.stringify(list)} covers the article ${JSON.stringify(pane)}`);

    // While files are dragged over the window, the article looks as it did: the hint is beside it.
    const inside = { x: pane.x + 20, y: pane.y + 20, width: pane.width - 40, height: pane.height - 40 };
    const before = await page.screenshot({ clip: inside });
    const files = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['خبر'], 'news.txt', { type: 'text/plain' }));
      return transfer;
    });
    await page.dispatchEvent('.article-pane', 'dragover', { dataTransfer: files });
    const hint = page.locator('.drop-zone', { hasText: 'Drop .txt, .jsonl, .json or .csv files to import them' });
    await hint.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'drop-hint.png') });
    assert.ok(apart((await hint.locator('.drop-zone-label').boundingBox())!, pane), 'the drop hint’s words are over the article');
    assert.ok(before.equals(await page.screenshot({ clip: inside })), 'the drop hint changes how the article looks');
    await page.dispatchEvent('.article-pane', 'dragleave');
    await hint.waitFor({ state: 'detached' });
  });

  /** The texts each annotator's overlay line is drawn under, by annotator, from the legend's order. */
  const overlaid = async () => {
    const names = await page.locator('.review-overlay [data-annotator]').evaluateAll((items) => items.map((li) => li.getAttribute('data-annotator')!));
    return page.evaluate((names) => {
      const texts: Record<string, string[]> = {};
      names.forEach((name, slot) => {
        texts[name] = [...(CSS.highlights.get(`hamish-review-by-${slot + 1}`) ?? [])].map((range) => range.toString()).sort();
      });
      return texts;
    }, names);
  };
  const chosenVersion = () => page.locator('.review-version[aria-current="true"]').textContent();
  const click = async (text: string) => {
    const box = await boxOf(page, text);
    await page.mouse.click((box.left + box.right) / 2, (box.top + box.bottom) / 2);
  };

  test('every annotator’s versions are drawn under the text; a click picks a unit and the version under the pointer; hovering says who gave what', async () => {
    assert.deepEqual(await overlaid(), {
      omar: ['العراق', 'رويترز', 'سوريا', 'مسؤول أمريكي'],
      [ANNOTATOR]: ['العراق', 'سوريا', 'وكالة رويترز'],
    });
    await page.mouse.move(5, 5);
    await closeUp('review-overlay-close.png', 260);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-overlay.png') });

    // Where both versions cover the pointer, the shorter (the inner) is picked.
    await click('رويترز');
    await expectPainted({ current: ['رويترز'] });
    assert.equal(await chosenVersion(), 'Actoromarرويترز');
    // One range, two labels: a click again goes to the other version.
    await click('سوريا');
    await expectPainted({ current: ['سوريا'] });
    assert.equal(await chosenVersion(), 'Actoromarسوريا');
    await click('سوريا');
    await page.locator('.review-version[aria-current="true"]', { hasText: 'Location' }).waitFor();

    const box = await boxOf(page, 'مسؤول');
    await page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    const card = page.getByRole('tooltip');
    await card.filter({ hasText: 'Only some annotators' }).waitFor();
    assert.match((await card.textContent())!, new RegExp(`Actor: omar.*nothing: ${ANNOTATOR}`));
    await page.mouse.move(5, 5);
    await card.waitFor({ state: 'detached' });

    const toggle = page.getByRole('checkbox', { name: 'Each annotator’s versions in the text' });
    await toggle.uncheck();
    assert.deepEqual(await overlaid(), {});
    assert.equal(await page.evaluate(() => [...(CSS.highlights.get('hamish-review-by-1') ?? [])].length), 0);
    await toggle.check();
    assert.deepEqual(Object.keys(await overlaid()).sort(), ['omar', ANNOTATOR]);

    // Back on the first disagreement, its first version, for the keys below.
    await click('وكالة');
    await expectPainted({ current: ['وكالة رويترز'] });
    assert.equal(await chosenVersion(), `Actor${ANNOTATOR}وكالة رويترز`);
  });

  const notice = (text: string) => page.locator('.review-notice', { hasText: text }).waitFor({ timeout: 5000 });

  test('Tab goes round the document before it leaves it, and says so', async () => {
    // On the first open disagreement, Shift+Tab goes round to the last rather than stopping.
    await page.keyboard.press('Shift+Tab');
    await expectPainted({ current: ['سوريا'] });
    await notice('Wrapped to the last open disagreement of this document.');
    // On the last, Tab goes round to the first, though the next document has one open too.
    await page.keyboard.press('Tab');
    await expectPainted({ current: ['وكالة رويترز'] });
    await notice('Wrapped to the first open disagreement of this document.');
    assert.match((await page.locator('html').getAttribute('data-painted-review'))!, new RegExp(`^${FIRST}:`));
    await page.keyboard.press('Tab');
    await expectPainted({ current: ['مسؤول أمريكي'] });
    assert.equal(await page.locator('.review-notice').count(), 0, 'a plain step says nothing');
    await page.keyboard.press('Shift+Tab');
    await expectPainted({ current: ['وكالة رويترز'] });
    assert.equal(await chosenVersion(), `Actor${ANNOTATOR}وكالة رويترز`);
  });

  /** The gold layer's spans as painted, by label. */
  const paintedGold = () =>
    page.evaluate(() =>
      Object.fromEntries(
        ['claim', 'actor', 'location', 'date'].map((label) => [
          label,
          [...(CSS.highlights.get(`hamish-review-gold-${label}`) ?? [])].map((range) => range.toString()).sort(),
        ]),
      ),
    );

  test('keys decide: accept all agreed, choose and accept a version, reject, undo, edit before accepting', async () => {
    await page.keyboard.press('Shift+KeyA');
    await expectPainted({ agreed: [], accepted: ['العراق'] });
    await reviewOf(FIRST).filter({ hasText: 'in review' }).waitFor();

    await page.keyboard.press('ArrowDown');
    await expectPainted({ current: ['رويترز'] });
    await page.keyboard.press('KeyA');
    await expectPainted({ range: [], accepted: ['العراق', 'وكالة رويترز'] });

    await page.keyboard.press('Tab');
    await expectPainted({ current: ['مسؤول أمريكي'] });
    await page.keyboard.press('KeyR');
    await expectPainted({ partial: [], rejected: ['مسؤول أمريكي'] });
    await page.keyboard.press('Control+z');
    await expectPainted({ partial: ['مسؤول أمريكي'], rejected: [] });
    await page.keyboard.press('Control+Shift+z');
    await expectPainted({ partial: [], rejected: ['مسؤول أمريكي'] });
    await page.keyboard.press('Control+z');
    await expectPainted({ partial: ['مسؤول أمريكي'], rejected: [] });

    // In right-to-left text → moves back: the end comes in by a word.
    await page.keyboard.press('Control+ArrowRight');
    await expectPainted({ current: ['مسؤول'] });
    await page.locator('.review-edit', { hasText: 'مسؤول' }).waitFor();
    await page.keyboard.press('KeyA');
    await expectPainted({ partial: [], accepted: ['العراق', 'مسؤول أمريكي', 'وكالة رويترز'] });

    await page.keyboard.press('Tab');
    await expectPainted({ current: ['سوريا'] });
    assert.deepEqual(await versions(), ['Actoromarسوريا', `Location${ANNOTATOR}سوريا`]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expectPainted({ label: [], accepted: ['العراق', 'سوريا', 'مسؤول أمريكي', 'وكالة رويترز'] });
    await reviewOf(FIRST).filter({ hasText: 'adjudicated' }).waitFor();
  });

  test('each accepted unit shows the label it put into gold: in the text, under the pointer and in the panel', async () => {
    // The gold layer is painted as the editor paints labels; the edited acceptance by its new range.
    assert.deepEqual(await paintedGold(), { claim: [], actor: ['رويترز', 'مسؤول'], location: ['العراق', 'سوريا'], date: [] });
    assert.deepEqual(
      await page.getByRole('listitem', { name: 'Into gold' }).locator('[data-label]').allTextContents(),
      [' Actor 2', ' Location 2'],
    );
    const box = await boxOf(page, 'سوريا');
    await page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    await page.getByRole('tooltip').filter({ hasText: 'into gold: Location' }).waitFor();
    await page.mouse.move(5, 5);
    await click('أمريكي');
    await page.locator('.review-unit .review-gold', { hasText: 'into gold: Actor مسؤول' }).waitFor();
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-gold.png') });
    await closeUp('review-gold-close.png', 260);
  });

  test('Tab follows the open disagreements into the next document', async () => {
    await page.keyboard.press('Tab');
    await waitForReview(page, SECOND);
    await expectPainted({ partial: ['عين الأسد'], current: ['عين الأسد'] });
    assert.deepEqual(await versions(), ['Locationomarعين الأسد']);
    await page.keyboard.press('KeyR');
    await expectPainted({ partial: [], rejected: ['عين الأسد'] });
    await reviewOf(SECOND).filter({ hasText: 'adjudicated' }).waitFor();
    await page.keyboard.press('Tab');
    await page.getByRole('status').filter({ hasText: 'No later open disagreement.' }).waitFor();
    assert.deepEqual(app.problems, []);
  });

  test('Alt+↑/↓ go from document to document in the review too, comparing the same annotators', async () => {
    await page.keyboard.press('Alt+ArrowUp');
    await waitForReview(page, FIRST);
    await expectPainted({ accepted: ['العراق', 'سوريا', 'مسؤول أمريكي', 'وكالة رويترز'] });
    await page.keyboard.press('Alt+ArrowDown');
    await waitForReview(page, SECOND);
    await expectPainted({ rejected: ['عين الأسد'] });
    assert.deepEqual(await compared(), ['All', 'omar', ANNOTATOR]);
  });

  test('past the last open disagreement of the library, Tab says that earlier documents still have some', async () => {
    await page.keyboard.press('Alt+ArrowUp');
    await waitForReview(page, FIRST);
    // The last decision in the first document (Location for سوريا) is taken back: open again.
    await page.keyboard.press('Control+z');
    await expectPainted({ label: ['سوريا'] });
    await page.keyboard.press('Alt+ArrowDown');
    await waitForReview(page, SECOND);
    await page.keyboard.press('Tab');
    await notice('No later open disagreement. Earlier documents still have some: Shift+Tab goes there.');
    await page.keyboard.press('Shift+Tab');
    await waitForReview(page, FIRST);
    await expectPainted({ current: ['سوريا'] });
    await page.keyboard.press('Control+Shift+z');
    await expectPainted({ label: [], accepted: ['العراق', 'سوريا', 'مسؤول أمريكي', 'وكالة رويترز'] });
    assert.deepEqual(app.problems, []);
  });

  test('the Export dialog exports the gold layer: the accepted versions, as accepted or edited', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dataset' });
    await dialog.getByRole('radio', { name: 'All' }).click();
    await dialog.getByRole('radio', { name: /^Gold/ }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const documents = parseJsonl(readFileSync(await download.path(), 'utf8'));
    const spans = (id: string) => documents.find((d) => d.id === id)?.spans.map((s) => `${s.label}:${s.text}:${s.annotator}`).sort() ?? [];
    assert.deepEqual(spans(FIRST), ['actor:رويترز:gold', 'actor:مسؤول:gold', 'location:العراق:gold', 'location:سوريا:gold']);
    assert.deepEqual(spans(SECOND), []);
  });
});
