/**
 * Reviewing a claim cluster in Chromium against `hamish serve`: layla put the Reuters claim of the
 * first article in one cluster with a claim of the second; omar marked both claims and clustered
 * nothing. The review lands on the cluster unit, the panel says who gave which mates, from which
 * document, and that gold lacks the mate yet; A accepts layla's, R on omar's "in no cluster"
 * rejects it, and SQLite has gold's claim in a cluster and both decisions by the reviewer.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOTS, waitForReview, type OpenApp } from '../support/browser.ts';
import { openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const SECOND = '001_98dce0b3c9a262a4';
const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
const MATE = 'عدة صواريخ أطلقت اليوم الخميس على قاعدة تستضيف قوات من التحالف';

function library(): string {
  const file = join(tempDir(), 'hamish.sqlite');
  for (const annotator of ['layla', 'omar']) {
    const core = openCore({ file, annotator });
    const tag = (documentId: string, needle: string) => {
      const text = core.call('openDocument', { id: documentId }).text;
      const start = Array.from(text.slice(0, text.indexOf(needle))).length;
      return core.call('createSpan', { documentId, start, end: start + Array.from(needle).length, label: 'claim' }).id;
    };
    const claim = tag(FIRST, CLAIM);
    const mate = tag(SECOND, MATE);
    if (annotator === 'layla') core.call('joinCluster', { spanId: claim, withSpanId: mate });
    core.close();
  }
  return file;
}

/** Gold's claims with their stored cluster, and the cluster decisions in effect. */
function goldState(db: string): { clustered: number; decisions: string[] } {
  const sqlite = new Database(db, { readonly: true });
  try {
    const clustered = sqlite
      .prepare<[], number>(`
        SELECT count(*) FROM cards c JOIN annotations a ON a.id = c.claim_id JOIN annotators n ON n.id = a.annotator_id
        WHERE n.name = 'gold' AND c.cluster IS NOT NULL`)
      .pluck()
      .get()!;
    const decisions = sqlite
      .prepare<[], { verdict: string; mates: string; reviewer: string }>(`
        SELECT d.verdict, c.mates, n.name AS reviewer FROM decisions d JOIN card_decisions c ON c.decision_id = d.id
        JOIN annotators n ON n.id = d.reviewer_id
        WHERE c.aspect = 'cluster' AND EXISTS (SELECT 1 FROM history h WHERE h.decision_id = d.id AND h.state = 'done') ORDER BY d.id`)
      .all()
      .map((d) => `${d.verdict} ${(JSON.parse(d.mates) as { documentId: string }[]).map((m) => m.documentId).join(',') || 'none'} by ${d.reviewer}`);
    return { clustered, decisions };
  } finally {
    sqlite.close();
  }
}

describe('reviewing a claim cluster by keys', () => {
  let app: OpenApp;
  let page: Page;
  let db: string;

  before(async () => {
    app = await openApp({ db: library(), document: FIRST });
    ({ page, db } = app);
  });
  after(() => app?.close());

  const unit = () => page.getByRole('region', { name: 'Unit under review' });
  const settled = () => waitForReview(page, FIRST);

  test('the cluster disagreement: each version’s mates with their document, and what gold lacks', async () => {
    await page.getByRole('button', { name: 'Review' }).click();
    await settled();
    await unit().filter({ hasText: 'Cluster: Different clusters' }).waitFor();
    const versions = page.locator('.review-version');
    assert.equal(await versions.count(), 2);
    const layla = (await versions.nth(0).textContent())!;
    assert.match(layla, /^Cluster: with 1 claim in 1 documentlayla/);
    assert.ok(layla.includes(MATE), layla);
    assert.match(layla, /not in gold yet: joins when accepted in its own document/);
    assert.match((await versions.nth(1).textContent())!, /^Cluster: in no clusteromar$/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'cluster-review.png') });
  });

  test('A accepts layla’s cluster into gold, ↓ and R reject omar’s; SQLite follows, undo takes the acceptance back', async () => {
    await page.keyboard.press('KeyA');
    await settled();
    await unit().filter({ hasText: 'into gold’s card: Cluster with 1 claim' }).waitFor();
    const accepted = goldState(db);
    assert.equal(accepted.clustered, 1, 'gold’s claim is in a cluster (alone until the mate is accepted in its document)');
    assert.equal(accepted.decisions.length, 1);
    assert.match(accepted.decisions[0]!, new RegExp(`^accept ${SECOND} by `));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('KeyR');
    await settled();
    await page.locator('.review-version[data-decision="reject"]').waitFor();
    assert.equal(goldState(db).decisions.length, 2);
    assert.match(goldState(db).decisions[1]!, /^reject none by /);
    await page.screenshot({ path: join(SCREENSHOTS, 'cluster-review-decided.png') });
    await page.keyboard.press('Control+KeyZ');
    await settled();
    await page.keyboard.press('Control+KeyZ');
    await settled();
    assert.deepEqual(goldState(db), { clustered: 0, decisions: [] });
    assert.equal(app.problems.length, 0, app.problems.join('\n'));
  });
});
