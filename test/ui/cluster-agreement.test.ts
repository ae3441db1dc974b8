/**
 * The Agreement panel scores two annotators' claim clusters as coreference (MUC, B³, CEAF-e and
 * the CoNLL mean), in Chromium against `hamish serve`. layla puts the Zummar claim of 000, 002 and
 * 004 in one cluster; omar joins only 000 and 002. Worked by hand with layla as the key:
 *   MUC    recall (3 − 2) / (3 − 1) = 0.5, precision (2 − 1) / (2 − 1) = 1, F1 0.67
 *   B³     recall (2/3 + 2/3 + 1/3) / 3 = 0.56, precision 1, F1 0.71
 *   CEAF-e φ4({abc}, {ab}) = 2·2 / 5 = 0.8: recall 0.8 / 1, precision 0.8 / 2, F1 0.53
 *   CoNLL  (0.667 + 0.714 + 0.533) / 3 = 0.64
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, SCREENSHOTS, type OpenApp } from '../support/browser.ts';
import { openCore } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

const ZUMMAR = {
  '000_04e9da889c407517': 'إطلاق 5 صواريخ على الأقل من بلدة زمار في العراق باتجاه قاعدة عسكرية أمريكية في شمال شرق سوريا',
  '002_a6b6abd92c233663': 'خمسة صواريخ على الأقل أطلقت من بلدة زمار العراقية باتجاه قاعدة عسكرية أميركية في شمال شرق سوريا',
  '004_2004913d8fa29937': 'خمسة صواريخ على الأقل انطلقت من بلدة زمار العراقية باتجاه قاعدة للتحالف في منطقة الرميلان',
};

function library(): string {
  const file = join(tempDir(), 'hamish.sqlite');
  for (const [annotator, joined] of [['layla', 3], ['omar', 2]] as const) {
    const core = openCore({ file, annotator });
    const claims = Object.entries(ZUMMAR).map(([documentId, claim]) => {
      const text = core.call('openDocument', { id: documentId }).text;
      const start = Array.from(text.slice(0, text.indexOf(claim))).length;
      return core.call('createSpan', { documentId, start, end: start + Array.from(claim).length, label: 'claim' }).id;
    });
    for (const claim of claims.slice(1, joined)) core.call('joinCluster', { spanId: claim, withSpanId: claims[0]! });
    core.close();
  }
  return file;
}

let app: OpenApp;
before(async () => {
  app = await openApp({ db: library(), document: '000_04e9da889c407517' });
});
after(() => app?.close());

test('the Agreement panel scores the claim clusters as the CoNLL-2012 scorer does', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Agreement…' }).click();
  const clusters = page.getByRole('region', { name: 'Claim clusters' });
  await clusters.waitFor();
  const rows = await clusters.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
  assert.deepEqual(rows, [
    ['MUC', '0.67'],
    ['B³', '0.71'],
    ['CEAF-e', '0.53'],
    ['CoNLL', '0.64'],
  ]);
  assert.match(await clusters.locator('thead').innerText(), /layla \/ omar/);
  await clusters.screenshot({ path: join(SCREENSHOTS, 'cluster-agreement.png') });
  assert.equal(app.problems.length, 0, app.problems.join('\n'));
});
