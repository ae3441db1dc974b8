/**
 * The Agreement panel in the browser, against `hamish serve` on a library three annotators tagged:
 * open it from the toolbar, read a number, click it for the spans behind it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AgreementReport } from '../../electron/contract/contract.ts';
import { annotatedLibrary } from '../support/annotated.ts';
import { openApp, SCREENSHOTS, type OpenApp } from '../support/browser.ts';
import { runCli } from '../support/hamish.ts';

describe('the Agreement panel', () => {
  let app: OpenApp;
  let report: AgreementReport;

  before(async () => {
    const db = await annotatedLibrary();
    report = JSON.parse((await runCli(['agreement', '--json', '--db', db])).stdout) as AgreementReport;
    app = await openApp({ db });
  });

  after(() => app?.close());

  test('shows each label and pair, and a number opens the disagreements behind it', async () => {
    const { page, problems } = app;
    await page.getByRole('button', { name: 'Agreement…' }).click();
    const panel = page.getByRole('dialog', { name: 'Agreement' });
    const cell = panel.getByRole('button', { name: 'Exact F1 Actor layla / omar' });
    const actor = report.corpus.labels.find((r) => r.label === 'actor')!.pairs[0]!;
    assert.equal(await cell.textContent(), actor.exact.f1!.toFixed(2));
    assert.equal(await panel.getByRole('img', { name: 'Exact F1 per label and pair' }).locator('rect').count(), 5 * 3);

    await cell.click();
    const expected = report.disagreements.filter(
      (d) => d.label === 'actor' && ((d.by.includes('layla') && d.missing.includes('omar')) || (d.by.includes('omar') && d.missing.includes('layla'))),
    );
    assert.ok(expected.length > 0);
    const list = panel.getByRole('region', { name: 'Disagreements' });
    await list.getByRole('heading', { name: `Actor, layla / omar: ${expected.length} spans only one made` }).waitFor();
    assert.deepEqual(await list.locator('.agreement-text').allTextContents(), expected.map((d) => d.text));
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-panel.png') });

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
  });
});
