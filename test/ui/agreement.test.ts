/**
 * The Agreement panel in the browser, against `hamish serve` on a library three annotators tagged:
 * open it from the toolbar, read a number, click it for the spans behind it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AgreementReport } from '../../electron/contract/contract.ts';
import { annotatedArticles, annotatedLibrary } from '../support/annotated.ts';
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
    await list.locator('.agreement-text').nth(expected.length - 1).waitFor();
    assert.deepEqual(await list.locator('.agreement-text').allTextContents(), expected.map((d) => d.text));
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-panel.png') });

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
  });

  test('says what each measure means where it is shown: in its heading and under the table', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Agreement…' }).click();
    const panel = page.getByRole('dialog', { name: 'Agreement' });
    const glossary = panel.getByLabel('What the numbers mean');
    await glossary.waitFor();
    assert.deepEqual(await glossary.getByRole('term').allTextContents(), [
      'Exact F1',
      'Partial F1',
      'κ (Cohen’s kappa)',
      'αU (Krippendorff’s unitizing alpha)',
      '—',
    ]);
    for (const definition of await glossary.getByRole('definition').allTextContents()) assert.ok(definition.length > 20, definition);
    const headings = panel.locator('thead abbr');
    assert.match((await headings.filter({ hasText: /^κ$/ }).first().getAttribute('title'))!, /^Cohen’s kappa: word by word/);
    assert.match((await headings.filter({ hasText: /^αU$/ }).first().getAttribute('title'))!, /^Krippendorff’s unitizing alpha: /);
    // Everyone tagged every document: nothing to warn about.
    assert.equal(await panel.getByRole('note').count(), 0);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });
});

describe('the Agreement panel, where one of two annotators tagged only part of the library', () => {
  let app: OpenApp;
  let db: string;
  let first: string;

  before(async () => {
    const options = { annotators: ['layla', 'omar'], spansEach: 10, seed: 5 } as const;
    first = annotatedArticles(1, options).next().value!.id;
    // omar tagged the first of the three articles only.
    db = await annotatedLibrary(3, { ...options, keep: (article, span) => span.annotator !== 'omar' || article === 0 });
    app = await openApp({ db });
  });

  after(() => app?.close());

  const agreement = async (...args: string[]) =>
    JSON.parse((await runCli(['agreement', '--json', '--db', db, ...args])).stdout) as AgreementReport;

  test('the chart’s labels stand apart, each under its own bars', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Agreement…' }).click();
    const chart = page.getByRole('dialog', { name: 'Agreement' }).getByRole('img', { name: 'Exact F1 per label and pair' });
    await chart.waitFor();
    assert.equal(await chart.locator('rect').count(), 5);
    const labels = await chart.locator('text').evaluateAll((texts) =>
      texts.map((text) => ({ text: text.textContent, ...text.getBoundingClientRect().toJSON() }) as { text: string; left: number; right: number }),
    );
    assert.deepEqual(labels.map((l) => l.text), ['Claim', 'Actor', 'Location', 'Date', 'All labels']);
    for (let i = 1; i < labels.length; i++) {
      const gap = labels[i]!.left - labels[i - 1]!.right;
      assert.ok(gap >= 6, `${labels[i - 1]!.text} and ${labels[i]!.text} are ${gap.toFixed(1)} px apart`);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-two.png') });
  });

  test('says that omar tagged only one of the documents, and measures only the one both tagged when asked', async () => {
    const { page, problems } = app;
    const panel = page.getByRole('dialog', { name: 'Agreement' });
    const note = panel.getByRole('note');
    await note.filter({ hasText: 'omar tagged 1 of the 3 documents.' }).waitFor();
    assert.match((await note.textContent())!, /what the others marked there counts as disagreement/);
    const cell = panel.getByRole('button', { name: 'Exact F1 Actor layla / omar' });
    const actorF1 = (report: AgreementReport) => report.corpus.labels.find((r) => r.label === 'actor')!.pairs[0]!.exact.f1!.toFixed(2);
    assert.equal(await cell.textContent(), actorF1(await agreement()));

    await note.getByRole('button', { name: 'Measure only the 1 document everyone tagged' }).click();
    await note.filter({ hasText: 'Only the 1 document every annotator tagged.' }).waitFor();
    const both = await agreement('--document', first);
    assert.notEqual(actorF1(both), actorF1(await agreement()), 'the library chosen shows the difference');
    assert.equal(await cell.textContent(), actorF1(both));
    assert.match((await panel.locator('.agreement-about').textContent())!, /on 1 document\./);
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-partial.png') });

    await note.getByRole('button', { name: 'Measure every document' }).click();
    await note.filter({ hasText: 'omar tagged 1 of the 3 documents.' }).waitFor();
    assert.deepEqual(problems, []);
  });
});

describe('the Agreement panel on a library with hundreds of disagreements behind a number', () => {
  let app: OpenApp;
  let report: AgreementReport;
  /** The contract operations the page called, in order. */
  const called: string[] = [];

  before(async () => {
    const db = await annotatedLibrary(12, { annotators: ['layla', 'omar'], spansEach: 30, seed: 7 });
    report = JSON.parse((await runCli(['agreement', '--json', '--db', db])).stdout) as AgreementReport;
    app = await openApp({ db });
    app.page.on('request', (request) => {
      const operation = /\/api\/(\w+)$/.exec(new URL(request.url()).pathname)?.[1];
      if (operation) called.push(operation);
    });
  });

  after(() => app?.close());

  test('asks for the scores and counts, then lists the disagreements a page at a time', async () => {
    const { page, problems } = app;
    await page.getByRole('button', { name: 'Agreement…' }).click();
    const panel = page.getByRole('dialog', { name: 'Agreement' });
    await panel.getByRole('button', { name: 'Exact F1 All labels layla / omar' }).click();
    const expected = report.disagreements;
    assert.ok(expected.length > 200, `${expected.length} disagreements: more than two pages`);
    const list = panel.getByRole('region', { name: 'Disagreements' });
    await list.getByRole('heading', { name: `All labels, layla / omar: ${expected.length} spans only one made` }).waitFor();
    const more = list.getByRole('status');
    await more.filter({ hasText: `100 of ${expected.length} shown.` }).waitFor();
    assert.equal(await list.locator('.agreement-text').count(), 100);
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-pages.png') });

    for (let shown = 100; shown < expected.length; shown += 100) {
      await more.getByRole('button', { name: `Show ${Math.min(100, expected.length - shown)} more` }).click();
      await list.locator('.agreement-text').nth(Math.min(shown + 100, expected.length) - 1).waitFor();
    }
    assert.deepEqual(await list.locator('.agreement-text').allTextContents(), expected.map((d) => d.text));
    assert.equal(await more.getByRole('button').count(), 0, 'nothing more to show');
    assert.ok(!called.includes('agreement'), `the whole report is never asked for: ${called.join(', ')}`);
    assert.deepEqual(
      called.filter((operation) => operation.startsWith('agreement')),
      ['agreementSummary', ...Array.from({ length: Math.ceil(expected.length / 100) }, () => 'agreementDisagreements')],
    );
    assert.deepEqual(problems, []);
  });
});
