/**
 * Reviewing claim cards in Chromium against `hamish serve`: two annotators agree on every span of
 * the Reuters sentence but not on its card. By keys alone the lead lands on the source
 * disagreement, picks a version, accepts it, rejects the location link, undoes and redoes, and
 * the gold layer's card in SQLite follows each step.
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
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';

/** layla: source the US official, location Iraq. omar: source Reuters, no location. Both: via Reuters. */
function library(): string {
  const file = join(tempDir(), 'hamish.sqlite');
  for (const [annotator, source, withIraq] of [['layla', 'مسؤول أمريكي', true], ['omar', 'وكالة رويترز', false]] as const) {
    const core = openCore({ file, annotator });
    const text = core.call('openDocument', { id: FIRST }).text;
    const tag = (needle: string, label: 'claim' | 'actor' | 'location') => {
      const start = Array.from(text.slice(0, text.indexOf(needle))).length;
      return core.call('createSpan', { documentId: FIRST, start, end: start + Array.from(needle).length, label }).id;
    };
    const claim = tag(CLAIM, 'claim');
    const spans = { 'وكالة رويترز': tag('وكالة رويترز', 'actor'), 'مسؤول أمريكي': tag('مسؤول أمريكي', 'actor'), العراق: tag('العراق', 'location') };
    core.call('linkRole', { claim, role: 'source', span: spans[source] });
    core.call('linkRole', { claim, role: 'via', span: spans['وكالة رويترز'] });
    if (withIraq) core.call('linkRole', { claim, role: 'location', span: spans.العراق });
    core.close();
  }
  return file;
}

/** The gold card of the claim, as stored: role → the text of its span, and who decided what. */
function goldCard(db: string): { roles: string[]; decisions: string[] } {
  const sqlite = new Database(db, { readonly: true });
  try {
    const text = sqlite.prepare<[string], string>('SELECT text FROM documents WHERE id = ?').pluck().get(FIRST)!;
    const slice = (start: number, end: number) => [...text].slice(start, end).join('');
    const roles = sqlite
      .prepare<[], { role: string; start: number; end: number }>(`
        SELECT r.role, s.start, s."end" AS "end" FROM cards c JOIN annotations cl ON cl.id = c.claim_id
        JOIN annotators n ON n.id = cl.annotator_id JOIN card_roles r ON r.card_id = c.id JOIN annotations s ON s.id = r.span_id
        WHERE n.name = 'gold' ORDER BY r.role, r.position`)
      .all()
      .map((r) => `${r.role}:${slice(r.start, r.end)}`);
    const decisions = sqlite
      .prepare<[], { aspect: string; verdict: string; start: number; end: number; reviewer: string }>(`
        SELECT c.aspect, d.verdict, d.start, d."end" AS "end", n.name AS reviewer FROM decisions d JOIN card_decisions c ON c.decision_id = d.id
        JOIN annotators n ON n.id = d.reviewer_id
        WHERE EXISTS (SELECT 1 FROM history h WHERE h.decision_id = d.id AND h.state = 'done') ORDER BY d.id`)
      .all()
      .map((d) => `${d.aspect} ${d.verdict} ${slice(d.start, d.end)} by ${d.reviewer}`);
    return { roles, decisions };
  } finally {
    sqlite.close();
  }
}

describe('reviewing claim cards by keys', () => {
  let app: OpenApp;
  let page: Page;
  let db: string;

  before(async () => {
    app = await openApp({ db: library(), document: FIRST });
    ({ page, db } = app);
  });
  after(() => app?.close());

  const unit = () => page.getByRole('region', { name: 'Unit under review' });
  const chosen = () => page.locator('.review-version[aria-current="true"]').textContent();
  const settled = () => waitForReview(page, FIRST);

  test('the first open disagreement is the source: its versions, who gave them, its spans painted', async () => {
    await page.getByRole('button', { name: 'Review' }).click();
    await settled();
    await unit().filter({ hasText: 'Source: Cards link different spans' }).waitFor();
    assert.match((await unit().textContent())!, new RegExp(`Card of the claim ${CLAIM}`));
    const versions = await page.locator('.review-version').evaluateAll((items) => items.map((li) => li.textContent));
    assert.deepEqual(versions, ['Actoromarوكالة رويترز', 'Actorlaylaمسؤول أمريكي']);
    await waitForPainted(page, 'current', ['وكالة رويترز'], ['review-current']);
    await waitForPainted(page, 'card units', ['وكالة رويترز', 'مسؤول أمريكي', 'العراق'], ['review-range-claim', 'review-partial-claim']);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'card-review.png') });
  });

  test('↓ chooses layla’s version and A accepts it into gold’s card, with the reviewer', async () => {
    await page.keyboard.press('ArrowDown');
    assert.equal(await chosen(), 'Actorlaylaمسؤول أمريكي');
    await waitForPainted(page, 'current', ['مسؤول أمريكي'], ['review-current']);
    await page.keyboard.press('KeyA');
    await settled();
    await unit().filter({ hasText: 'into gold’s card: Source' }).waitFor();
    const { roles, decisions } = goldCard(db);
    assert.deepEqual(roles, ['source:مسؤول أمريكي']);
    assert.equal(decisions.length, 1);
    assert.match(decisions[0]!, /^source accept مسؤول أمريكي by /);
  });

  test('Tab goes to the location; a label key says why it cannot edit; R rejects; undo and redo follow in SQLite', async () => {
    await page.keyboard.press('Tab');
    await unit().filter({ hasText: 'Location: Only some cards link it' }).waitFor();
    assert.match((await unit().textContent())!, /No link here from omar/);
    await page.keyboard.press('Digit2');
    await page.locator('.review-refused', { hasText: 'A card unit is accepted or rejected as the annotators gave it' }).waitFor();
    await page.keyboard.press('KeyR');
    await settled();
    await page.locator('.review-unit[data-state="rejected"]').waitFor();
    assert.deepEqual(goldCard(db).roles, ['source:مسؤول أمريكي']);
    assert.equal(goldCard(db).decisions.length, 2);
    await page.screenshot({ path: join(SCREENSHOTS, 'card-review-decided.png') });

    await page.keyboard.press('Control+KeyZ');
    await settled();
    await page.locator('.review-unit[data-state="open"]').waitFor();
    await page.keyboard.press('Control+KeyZ');
    await settled();
    assert.deepEqual(goldCard(db), { roles: [], decisions: [] });
    await page.keyboard.press('Control+Shift+KeyZ');
    await settled();
    assert.deepEqual(goldCard(db).roles, ['source:مسؤول أمريكي']);
    assert.equal(app.problems.length, 0, app.problems.join('\n'));
  });

  test('the Agreement panel shows the role links’ F1, the stance and the via order', async () => {
    await page.getByRole('button', { name: 'Agreement…' }).click();
    const cards = page.getByRole('region', { name: 'Claim cards' });
    await cards.waitFor();
    const rows = await cards.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    assert.deepEqual(rows, [
      ['Source', '0.00'],
      ['Via', '1.00'],
      ['Location', '0.00'],
      ['Date', '—'],
      ['All roles', '0.40'],
      ['Stance κ', '—'],
      ['Via in the same order', '—'],
    ]);
    await cards.screenshot({ path: join(SCREENSHOTS, 'card-agreement.png') });
    await page.keyboard.press('Escape');
  });
});
