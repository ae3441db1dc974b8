/**
 * Claim cards in the editor, in Chromium against `hamish serve`: the Reuters card of the first
 * seed article built by keys alone (the suggested source taken with Enter, Tab through the via
 * candidates), another card by mouse (a role button, then a click on the span), the roles'
 * highlights, and undo across a reload. Screenshots in test-results/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, lineBoxes, openApp, overlaps, paintedTexts, SCREENSHOTS, waitForArticle, waitForPainted, waitForSaved, type OpenApp } from '../support/browser.ts';
import { wordsOf } from '../../electron/text/boundaries.ts';
import { openCore } from '../support/core.ts';
import { ANNOTATOR, exportJsonl, tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const SECOND = 'أنه لم يصب أي جندي أمريكي خلال الهجوم الصاروخي';
/** The first article's text, read when the library is made. */
let ARTICLE = '';
const ROLES = ['role-source', 'role-via', 'role-location', 'role-date'] as const;

/** A library whose first article has its claims and entities tagged, no card yet. */
function library(): string {
  const core = openCore({ file: join(tempDir(), 'hamish.sqlite') });
  const text = (ARTICLE = core.call('openDocument', { id: FIRST }).text);
  const tag = (needle: string, label: 'claim' | 'actor' | 'location', nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
    const start = Array.from(text.slice(0, at)).length;
    core.call('createSpan', { documentId: FIRST, start, end: start + Array.from(needle).length, label });
  };
  tag(CLAIM, 'claim');
  tag('وكالة رويترز', 'actor');
  tag('مسؤول أمريكي', 'actor');
  tag('العراق', 'location');
  tag(SECOND, 'claim');
  tag('المسؤول الأمريكي', 'actor');
  tag('رويترز', 'actor', 1); // in لرويترز
  core.close();
  // A colleague's card on the same claim, read-only here.
  const layla = openCore({ file: core.file, annotator: 'layla' });
  const range = (needle: string) => {
    const start = Array.from(text.slice(0, text.indexOf(needle))).length;
    return { documentId: FIRST, start, end: start + Array.from(needle).length };
  };
  const claim = layla.call('createSpan', { ...range(CLAIM), label: 'claim' }).id;
  const agency = layla.call('createSpan', { ...range('وكالة رويترز'), label: 'actor' }).id;
  layla.call('linkRole', { claim, role: 'source', span: agency });
  layla.close();
  return core.file;
}

/** The document's cards in the library, as texts: claim → role:text in card order. */
async function cards(db: string, annotator = ANNOTATOR): Promise<Record<string, string[]>> {
  const line = (await exportJsonl(db)).find((d) => d.id === FIRST)! as unknown as {
    spans: { id: number; text: string }[];
    claims?: { span: number; annotator: string; stance: string; roles: { role: string; span: number }[] }[];
  };
  const text = (id: number) => line.spans.find((s) => s.id === id)!.text;
  return Object.fromEntries((line.claims ?? []).filter((c) => c.annotator === annotator).map((c) => [text(c.span), c.roles.map((r) => `${r.role}:${text(r.span)}`)]));
}

async function roles(page: Page): Promise<Record<string, string[]>> {
  return paintedTexts(page, Object.fromEntries(ROLES.map((name) => [name, [name]])));
}

describe('claim cards in the editor', () => {
  let app: OpenApp;
  let page: Page;
  let db: string;

  before(async () => {
    app = await openApp({ db: library(), document: FIRST });
    ({ page, db } = app);
  });

  after(() => app?.close());

  /** Selects the span painting `text` by Tab, as the keyboard does. */
  async function selectByTab(text: string): Promise<void> {
    await page.keyboard.press('Escape');
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const { selected } = await paintedTexts(page, { selected: ['selected'] });
      if (selected?.[0] === text) return;
      seen.push(selected?.[0] ?? '(none)');
    }
    throw new Error(`Tab never selected «${text}», but ${seen.join(' | ')}`);
  }

  const card = () => page.getByRole('region', { name: 'Claim card' });

  test('C on a span that is not a claim says why nothing opened', async () => {
    await selectByTab('وكالة رويترز');
    await page.keyboard.press('KeyC');
    await page.getByRole('status').filter({ hasText: 'select a claim first: its card opens with C' }).waitFor();
    assert.equal(await card().count(), 0);
  });

  test('the Reuters card by keys alone: C opens it with the suggested source, Enter takes it, V and L arm roles, Tab cycles', async () => {
    await selectByTab(CLAIM);
    await page.keyboard.press('KeyC');
    await card().waitFor();
    // Suggested, not decided: the source role is armed with the official, nothing is linked yet.
    await card().getByText('suggested:').waitFor();
    await waitForPainted(page, 'candidate', ['مسؤول أمريكي'], ['role-candidate']);
    assert.deepEqual(await cards(db), {});
    await page.keyboard.press('Enter');
    await waitForPainted(page, 'source', ['مسؤول أمريكي'], ['role-source']);

    await page.keyboard.press('KeyV');
    await waitForPainted(page, 'candidate', ['وكالة رويترز'], ['role-candidate']); // the nearest actor not linked
    await page.keyboard.press('Tab');
    await waitForPainted(page, 'candidate', ['المسؤول الأمريكي'], ['role-candidate']);
    await page.keyboard.press('Shift+Tab');
    await waitForPainted(page, 'candidate', ['وكالة رويترز'], ['role-candidate']);
    await page.keyboard.press('Enter');
    await waitForPainted(page, 'via', ['وكالة رويترز'], ['role-via']);

    await page.keyboard.press('KeyL');
    await waitForPainted(page, 'candidate', ['العراق'], ['role-candidate']);
    await page.keyboard.press('Enter');
    await waitForPainted(page, 'location', ['العراق'], ['role-location']);
    await waitForPainted(page, 'candidate', [], ['role-candidate']);
    // Painted at the key; stored once the library has acknowledged it.
    await waitForSaved(page);
    assert.deepEqual(await cards(db), { [CLAIM]: ['source:مسؤول أمريكي', 'via:وكالة رويترز', 'location:العراق'] });
    await page.screenshot({ path: join(SCREENSHOTS, 'claim-card-keys.png') });

    // Esc closes the card; the selected claim keeps its roles highlighted.
    await page.keyboard.press('Escape');
    await card().waitFor({ state: 'detached' });
    assert.deepEqual(await roles(page), { 'role-source': ['مسؤول أمريكي'], 'role-via': ['وكالة رويترز'], 'role-location': ['العراق'], 'role-date': [] });
  });

  test('a card by mouse: a click takes the suggested source, a role button arms, a click on a span links it; a span of the wrong label is refused, said', async () => {
    await page.keyboard.press('Escape');
    const claim = await boxOf(page, 'جندي');
    await page.mouse.click((claim.left + claim.right) / 2, (claim.top + claim.bottom) / 2);
    await page.getByRole('button', { name: /Claim card/ }).click();
    await card().waitFor();
    // «وأشار المسؤول الأمريكي»: the source is suggested and armed; a click on it takes it.
    await card().getByText('suggested:').waitFor();
    const official = await boxOf(page, 'المسؤول الأمريكي');
    await page.mouse.click((official.left + official.right) / 2, (official.top + official.bottom) / 2);
    await waitForPainted(page, 'source', ['المسؤول الأمريكي'], ['role-source']);

    await card().getByRole('button', { name: /^Location/ }).click();
    const actor = await boxOf(page, 'رويترز', 1);
    await page.mouse.click((actor.left + actor.right) / 2, (actor.top + actor.bottom) / 2);
    await card().getByRole('status').filter({ hasText: 'the location role takes location spans, not an actor' }).waitFor();
    await card().getByRole('button', { name: /^Via/ }).click();
    await page.mouse.click((actor.left + actor.right) / 2, (actor.top + actor.bottom) / 2);
    await waitForPainted(page, 'via', ['رويترز'], ['role-via']);
    await waitForSaved(page);
    assert.deepEqual((await cards(db))[SECOND], ['source:المسؤول الأمريكي', 'via:رويترز']);
    await page.screenshot({ path: join(SCREENSHOTS, 'claim-card-mouse.png') });
  });

  test('undo after a reload takes the last link back, from SQLite, and redo puts it back', async () => {
    await page.reload();
    await waitForArticle(page, FIRST);
    await selectByTab(SECOND);
    await waitForPainted(page, 'via', ['رويترز'], ['role-via']);
    await page.keyboard.press('Control+z');
    await waitForPainted(page, 'via', [], ['role-via']);
    await waitForPainted(page, 'source', ['المسؤول الأمريكي'], ['role-source']);
    await waitForSaved(page);
    assert.deepEqual((await cards(db))[SECOND], ['source:المسؤول الأمريكي']);
    await page.keyboard.press('Control+Shift+z');
    await waitForPainted(page, 'via', ['رويترز'], ['role-via']);
    await waitForSaved(page);
    assert.deepEqual((await cards(db))[SECOND], ['source:المسؤول الأمريكي', 'via:رويترز']);
  });

  test('hovering a claim highlights its roles and names them in the hover card', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await waitForPainted(page, 'source', [], ['role-source']);
    const word = await boxOf(page, 'دمرت');
    await page.mouse.move((word.left + word.right) / 2, (word.top + word.bottom) / 2);
    await waitForPainted(page, 'source', ['مسؤول أمريكي'], ['role-source']);
    await waitForPainted(page, 'location', ['العراق'], ['role-location']);
    const hover = page.getByRole('tooltip');
    await hover.getByText('Source:').waitFor();
    assert.match(await hover.innerText(), /Source:\s*مسؤول أمريكي[\s\S]*Via 1:\s*وكالة رويترز[\s\S]*Location:\s*العراق/);
    // Named, the roles make the card tall: on the first line it goes beside the text, clear of the lines.
    const lines = await lineBoxes(page, 'دمرت');
    const box = (await hover.boundingBox())!;
    assert.ok(!overlaps(box, lines.hovered) && !overlaps(box, lines.next), `the card (${JSON.stringify(box)}) is clear of the hovered line and the next`);
    await page.screenshot({ path: join(SCREENSHOTS, 'claim-card-hover.png') });
    await page.mouse.move(5, 5);
    await waitForPainted(page, 'source', [], ['role-source']);
  });

  test('a role key takes the span under the word cursor before the nearest one', async () => {
    await selectByTab(SECOND);
    await page.keyboard.press('KeyC');
    await card().waitFor();
    // The word cursor starts at the selected claim; → walks back a word at a time to وكالة, in
    // وكالة رويترز: not the nearest actor left (مسؤول أمريكي), but the one under the cursor.
    const words = wordsOf(ARTICLE).filter((w) => w.start >= ARTICLE.indexOf('وكالة') && w.end <= ARTICLE.indexOf(SECOND)).length;
    for (let i = 0; i < words; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.getSelection()?.toString()), 'وكالة');
    await page.keyboard.press('KeyV');
    await waitForPainted(page, 'candidate', ['وكالة رويترز'], ['role-candidate']);
    await page.keyboard.press('Enter');
    await waitForPainted(page, 'via', ['رويترز', 'وكالة رويترز'], ['role-via']);
    await waitForSaved(page);
    assert.deepEqual((await cards(db))[SECOND], ['source:المسؤول الأمريكي', 'via:رويترز', 'via:وكالة رويترز']);
    await page.keyboard.press('KeyT');
    await card().getByRole('button', { name: 'Stance: denied' }).waitFor();
    assert.deepEqual(app.problems, []);
  });

  test('a link the library refuses says why, and the role stays armed to try another', async () => {
    // Another window (here the core) deletes the actor this page still shows.
    const other = openCore({ file: db });
    const official = other.call('openDocument', { id: FIRST }).spans.find((s) => s.label === 'actor' && s.start === Array.from(ARTICLE.slice(0, ARTICLE.indexOf('مسؤول أمريكي'))).length)!;
    other.call('deleteSpan', { id: official.id });
    other.close();
    await page.keyboard.press('KeyS');
    await waitForPainted(page, 'candidate', ['مسؤول أمريكي'], ['role-candidate']);
    await page.keyboard.press('Enter');
    await card().getByRole('status').filter({ hasText: `not saved: span: no span ${official.id}` }).waitFor();
    assert.ok(await card().locator('.claim-card-role.is-armed[data-role="source"]').isVisible(), 'still armed');
    app.problems.splice(0); // the refusal is a 404 answer the page logs
  });

  test('Delete with a card open takes the armed role\'s last span out, never the claim', async () => {
    await waitForPainted(page, 'source', ['المسؤول الأمريكي'], ['role-source']);
    await page.keyboard.press('Delete');
    await waitForPainted(page, 'source', [], ['role-source']);
    await waitForSaved(page);
    assert.deepEqual((await cards(db))[SECOND], ['via:رويترز', 'via:وكالة رويترز'], 'the claim and the rest of its card are there');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Delete');
    await card().getByRole('status').filter({ hasText: 'arm a role (S V L D) to take its last span out' }).waitFor();
    await page.keyboard.press('Escape');
  });

  test('deleting a span takes it out of the card on screen and in SQLite; undo puts it back', async () => {
    await selectByTab('العراق');
    await page.keyboard.press('Delete');
    await selectByTab(CLAIM);
    await waitForPainted(page, 'via', ['وكالة رويترز'], ['role-via']);
    await waitForPainted(page, 'location', [], ['role-location']);
    await waitForSaved(page);
    assert.deepEqual((await cards(db))[CLAIM], ['via:وكالة رويترز']);
    await page.keyboard.press('Control+z');
    // Undo selects the span it brings back: Tab starts from there only once it has.
    await waitForPainted(page, 'selected', ['العراق']);
    await selectByTab(CLAIM);
    await waitForPainted(page, 'location', ['العراق'], ['role-location']);
    await waitForSaved(page);
    assert.deepEqual((await cards(db))[CLAIM], ['via:وكالة رويترز', 'location:العراق']);
    await page.keyboard.press('Escape');
  });

  test("a colleague's card opens read-only: a change is refused, said, and nothing is stored", async () => {
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'layla (read-only)' });
    await page.waitForSelector('html[data-painted-layer="layla"]', { state: 'attached' });
    await waitForArticle(page, FIRST);
    await selectByTab(CLAIM);
    await waitForPainted(page, 'source', ['وكالة رويترز'], ['role-source']);
    await page.keyboard.press('KeyC');
    await card().getByText('وكالة رويترز').waitFor();
    await page.keyboard.press('KeyT');
    await card().getByRole('status').filter({ hasText: "a colleague's layer is read-only" }).waitFor();
    await card().getByRole('button', { name: 'Stance: asserted' }).waitFor();
    assert.deepEqual(await cards(db, 'layla'), { [CLAIM]: ['source:وكالة رويترز'] });
    assert.deepEqual(app.problems, []);
  });
});
