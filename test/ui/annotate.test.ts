/**
 * The real app in Debian's Chromium against `hamish serve`, used as an analyst would: drag the
 * mouse over Arabic words, press label keys, click spans, reload, and find the result in SQLite
 * through `hamish export`.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  boxOf,
  colourShare,
  drag,
  openApp,
  paintedTexts,
  SCREENSHOTS,
  waitForArticle,
  waitForSaved,
  type OpenApp,
} from '../support/browser.ts';
import { ANNOTATOR, exportJsonl, runCli, tempDir } from '../support/hamish.ts';
import { pythonScript, pythonWith, runPython } from '../support/python.ts';

const FIRST = '000_04e9da889c407517';
const SECOND = '001_98dce0b3c9a262a4';
const LOCATION_BACKGROUND = [0xff, 0xa8, 0x82] as const;
const PYTHON = pythonWith();

describe('annotating in the browser', () => {
  let app: OpenApp;
  let db: string;
  let page: Page;

  before(async () => {
    app = await openApp({ document: FIRST });
    ({ db, page } = app);
    assert.deepEqual(app.problems, [], 'the page loads without errors');
  });

  after(() => app?.close());

  async function reload(documentId = FIRST): Promise<void> {
    await page.reload();
    await waitForArticle(page, documentId);
  }

  async function spansOf(documentId: string) {
    return (await exportJsonl(db)).find((d) => d.id === documentId)!.spans;
  }

  test('the library lists the five sample articles and opens the first, right to left', async () => {
    assert.equal(await page.locator('.library-item').count(), 5);
    const article = page.locator('.article');
    assert.equal(await article.getAttribute('dir'), 'rtl');
    assert.equal(await article.getAttribute('lang'), 'ar');
    assert.equal(await page.locator('.article-text').getAttribute('contenteditable'), 'false');
    const font = await article.evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /Noto Naskh Arabic/);
    const faces = await page.evaluate(async () => (await document.fonts.load('21px "Noto Naskh Arabic"', 'العراق')).length);
    assert.ok(faces > 0, 'the bundled Arabic font loads (from the app, not the network)');
  });

  test('drag over a word, press 3: a location, painted, saved, still there after a reload, exported', async () => {
    const word = await boxOf(page, 'العراق');
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    assert.deepEqual((await paintedTexts(page)).location, ['العراق']);
    await waitForSaved(page);

    await reload();
    assert.deepEqual((await paintedTexts(page)).location, ['العراق']);
    await page.mouse.move(5, 5);
    const share = await colourShare(page, await boxOf(page, 'العراق'), LOCATION_BACKGROUND);
    assert.ok(share > 0.3, `the word is painted in the location colour (${share.toFixed(2)} of its pixels)`);

    const spans = await spansOf(FIRST);
    assert.deepEqual(
      spans.map(({ label, text }) => ({ label, text })),
      [{ label: 'location', text: 'العراق' }],
    );
  });

  test('a drag against the reading direction, from mid-word to mid-word, takes the whole words', async () => {
    await drag(page, await boxOf(page, 'وكالة'), await boxOf(page, 'رويترز'), 'backwards');
    await page.keyboard.press('Digit2');
    assert.deepEqual((await paintedTexts(page)).actor, ['وكالة رويترز']);
    await waitForSaved(page);
    assert.ok((await spansOf(FIRST)).some((s) => s.label === 'actor' && s.text === 'وكالة رويترز'));
  });

  test('the same label over the same range twice is one span', async () => {
    const word = await boxOf(page, 'العراق');
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    await waitForSaved(page);
    assert.equal((await spansOf(FIRST)).filter((s) => s.label === 'location').length, 1);
  });

  test('a claim holds the entities inside it; the panel nests them; a screenshot to look at', async () => {
    await drag(page, await boxOf(page, 'أفادت'), await boxOf(page, 'النفس'));
    await page.keyboard.press('Digit1');
    await waitForSaved(page);
    const painted = await paintedTexts(page);
    assert.equal(painted.claim!.length, 1);
    assert.match(painted.claim![0]!, /^أفادت وكالة رويترز .* دفاعا عن النفس$/);
    assert.deepEqual(painted.location, ['العراق']);

    const entries = page.locator('.span-list > li');
    // The list re-renders after the save is acknowledged: wait for its three rows.
    await page.waitForFunction(() => document.querySelectorAll('.span-list > li').length === 3);
    const rows = await entries.evaluateAll((items) =>
      items.map((li) => ({ text: li.textContent, indent: parseFloat(getComputedStyle(li).paddingInlineStart) })),
    );
    assert.deepEqual(
      rows.map((r) => [r.text!.split(/(?<=[a-z])(?=[^a-z])/i)[0], r.indent]),
      [
        ['Claim', 0],
        ['Actor', 14],
        ['Location', 14],
      ],
    );
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'nested-spans.png') });
  });

  test('clicks select the innermost span, then the one around it; Delete removes it for good', async () => {
    const inside = await boxOf(page, 'رويترز');
    const point = { x: (inside.left + inside.right) / 2, y: (inside.top + inside.bottom) / 2 };
    await page.mouse.click(point.x, point.y);
    assert.deepEqual((await paintedTexts(page)).selected, ['وكالة رويترز']);
    await page.mouse.click(point.x, point.y);
    assert.equal((await paintedTexts(page)).selected!.length, 1);
    assert.match((await paintedTexts(page)).selected![0]!, /^أفادت/);
    await page.mouse.click(point.x, point.y);
    assert.deepEqual((await paintedTexts(page)).selected, ['وكالة رويترز']);

    await page.keyboard.press('Delete');
    assert.deepEqual((await paintedTexts(page)).actor, []);
    await waitForSaved(page);
    await reload();
    assert.deepEqual((await paintedTexts(page)).actor, []);
    assert.equal((await spansOf(FIRST)).filter((s) => s.label === 'actor').length, 0);
  });

  test('a label button tags the selection like its key', async () => {
    await drag(page, await boxOf(page, 'فبراير'), await boxOf(page, 'الماضي'));
    await page.getByRole('button', { name: /Date/ }).click();
    assert.deepEqual((await paintedTexts(page)).date, ['فبراير الماضي']);
    await waitForSaved(page);
    assert.ok((await spansOf(FIRST)).some((s) => s.label === 'date' && s.text === 'فبراير الماضي'));
  });

  test('every exported span slices out of its text by code points in Python', { skip: PYTHON.skip }, async () => {
    const file = join(tempDir(), 'export.jsonl');
    const result = await runCli(['export', '--status', 'all', '--format', 'jsonl', '--db', db, '--out', file]);
    assert.equal(result.code, 0, result.stderr);
    const check = runPython(PYTHON, [pythonScript('check_spans.py'), file]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
  });

  test('keys move between documents and mark one done; the library shows status and counts', async () => {
    const first = page.locator(`[data-document-id="${FIRST}"]`);
    assert.match((await first.textContent())!, /in progress.*3 spans/);
    await page.keyboard.press('Control+Enter');
    await waitForArticle(page, SECOND);
    assert.match((await first.textContent())!, /done/);
    await page.keyboard.press('Alt+ArrowUp');
    await waitForArticle(page, FIRST);
    await reload();
    assert.match((await page.locator(`[data-document-id="${FIRST}"]`).textContent())!, /done.*3 spans/);
    assert.match((await page.locator(`[data-document-id="${SECOND}"]`).textContent())!, /new.*0 spans/);
  });

  test('a document opens where the analyst left it', async () => {
    await page.setViewportSize({ width: 1200, height: 500 });
    const scroller = page.locator('.article-scroller');
    await scroller.evaluate((el) => el.scrollTo({ top: 600 }));
    await page.waitForTimeout(800); // the position is saved once scrolling pauses
    const left = await scroller.evaluate((el) => el.scrollTop);
    await page.locator(`[data-document-id="${SECOND}"]`).click();
    await waitForArticle(page, SECOND);
    assert.equal(await scroller.evaluate((el) => el.scrollTop), 0);
    await page.locator(`[data-document-id="${FIRST}"]`).click();
    await waitForArticle(page, FIRST);
    const back = await scroller.evaluate((el) => el.scrollTop);
    assert.ok(Math.abs(back - left) < 60, `scrolled back to ${back}, left at ${left}`);
    await page.setViewportSize({ width: 1400, height: 900 });
  });
});


describe("the library shows each annotator's own status and spans, as stored", () => {
  const TEXT = 'قال المتحدث إن الجيش انسحب من المدينة.';
  let app: OpenApp;
  let page: Page;

  before(async () => {
    // "mine" has the analyst's spans, "theirs" only a colleague's; neither was ever opened.
    const folder = tempDir();
    const span = (needle: string, annotator: string) => {
      const start = TEXT.indexOf(needle);
      return { start, end: start + needle.length, label: 'actor', annotator };
    };
    const lines = [
      { id: 'mine', text: TEXT, spans: [span('الجيش', ANNOTATOR)] },
      { id: 'theirs', text: `${TEXT} ثم عاد.`, spans: [span('المتحدث', 'layla')] },
      { id: 'zzz-other', text: 'لا جديد اليوم.', spans: [] },
    ];
    writeFileSync(join(folder, 'library.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n'));
    const db = join(tempDir(), 'hamish.sqlite');
    const imported = await runCli(['import', join(folder, 'library.jsonl'), '--db', db, '--no-seeds']);
    assert.equal(imported.code, 0, imported.stderr);
    app = await openApp({ db, document: 'zzz-other' });
    page = app.page;
  });

  after(() => app?.close());

  const entry = async (id: string) => (await page.locator(`[data-document-id="${id}"] .library-meta`).textContent())!;

  test('before any is opened: my spans are a document in progress, a colleague\'s are not mine to count', async () => {
    assert.equal(await entry('mine'), 'in progress1 span');
    assert.equal(await entry('theirs'), 'new0 spans');
    await page.locator('[data-document-id="theirs"]').click();
    await waitForArticle(page, 'theirs');
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'layla (read-only)' });
    await page.waitForSelector('html[data-painted-layer="layla"]', { state: 'attached' });
    assert.equal(await entry('theirs'), 'new0 spans', "showing layla's layer leaves my numbers mine");
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Mine (test-analyst)' });
    await page.reload();
    await waitForArticle(page, 'theirs');
    assert.equal(await entry('mine'), 'in progress1 span');
    assert.equal(await entry('theirs'), 'new0 spans');
  });

  test('done is mine: a colleague sees the document new, and the gold layer shows its review, not a status', async () => {
    await page.locator('[data-document-id="mine"]').click();
    await waitForArticle(page, 'mine');
    await page.keyboard.press('Control+Enter');
    await waitForArticle(page, 'theirs');
    assert.equal(await entry('mine'), 'done1 span');

    /** A name new to the library starts a layer only once confirmed. */
    const switchTo = async (name: string, known: boolean) => {
      await page.locator('.annotator').click();
      const dialog = page.getByRole('dialog', { name: 'Who is annotating?' });
      await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
      await dialog.getByRole('button', { name: 'Switch' }).click();
      if (!known) await dialog.getByRole('button', { name: `Start a new layer for “${name}”` }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('.annotator', { hasText: name }).waitFor();
    };
    await switchTo('omar', false);
    await page.locator('[data-document-id="mine"] .library-meta', { hasText: 'new0 spans' }).waitFor();
    assert.equal(await entry('theirs'), 'new0 spans');
    await switchTo(ANNOTATOR, true);
    await page.locator('[data-document-id="mine"] .library-meta', { hasText: 'done1 span' }).waitFor();

    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Gold (reviewed)' });
    await page.waitForSelector('html[data-painted-layer="gold"]', { state: 'attached' });
    const header = page.locator('.article-header');
    await header.getByText('review not started').waitFor();
    assert.equal(await header.getByRole('button', { name: 'Mark done' }).count(), 0);
    await page.keyboard.press('Control+Enter');
    await page.getByRole('alert').filter({ hasText: "the gold layer's status is its review" }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'library-own-status.png') });
    assert.equal(await page.locator('html').getAttribute('data-painted-document'), 'theirs', 'Ctrl+Enter refused: still here');
    assert.equal(await entry('theirs'), 'new0 spans');
  });
});
