/**
 * Opening the app, in Chromium against `hamish serve`: the first screen asks for the session, the
 * library and the document of its address together, and loads only the editor's code; the
 * review, agreement and export code comes when first used.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Request } from 'playwright-core';
import { openApp, waitForArticle, type OpenApp } from '../support/browser.ts';

describe('the first screen', () => {
  let app: OpenApp;

  before(async () => {
    app = await openApp();
  });

  after(() => app?.close());

  test('asks for the session, the library and the document in the address at once, then paints it', async () => {
    const { page, problems } = app;
    const id = await page.evaluate(() => document.documentElement.dataset.paintedDocument!);
    const sent: { operation: string; at: number }[] = [];
    const answered: { operation: string; at: number }[] = [];
    const operation = (request: Request) => /\/api\/(\w+)$/.exec(new URL(request.url()).pathname)?.[1];
    const onRequest = (request: Request) => {
      const name = operation(request);
      if (name) sent.push({ operation: name, at: performance.now() });
    };
    const onFinished = (request: Request) => {
      const name = operation(request);
      if (name) answered.push({ operation: name, at: performance.now() });
    };
    page.on('request', onRequest);
    page.on('requestfinished', onFinished);
    await page.goto('about:blank');
    await page.goto(`${app.server.origin}/#/doc/${encodeURIComponent(id)}`);
    await waitForArticle(page, id);
    page.off('request', onRequest);
    page.off('requestfinished', onFinished);

    const first = ['session', 'listDocuments', 'openDocument'];
    assert.deepEqual(sent.slice(0, 3).map((s) => s.operation).sort(), [...first].sort(), `asked first: ${sent.map((s) => s.operation).join(', ')}`);
    const firstAnswer = Math.min(...answered.filter((a) => first.includes(a.operation)).map((a) => a.at));
    for (const s of sent.slice(0, 3)) assert.ok(s.at <= firstAnswer, `${s.operation} was asked for only after an answer came`);
    assert.equal(sent.filter((s) => s.operation === 'openDocument').length, 1, 'the document is read once');
    assert.deepEqual(problems, []);
  });

  test('loads the agreement, export and review code only when first used', async () => {
    const { page, problems } = app;
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.reload();
    await waitForArticle(page);
    assert.equal(scripts.length, 1, `one script for the first screen: ${scripts.join(', ')}`);
    const firstBundle = await (await page.request.get(`${app.server.origin}${scripts[0]}`)).text();
    assert.doesNotMatch(firstBundle, /ZodError|prettifyError/, 'the validation library stays on the server');

    await page.getByRole('button', { name: 'Agreement…' }).click();
    await page.getByRole('dialog', { name: 'Agreement' }).getByRole('alert').filter({ hasText: 'two or more annotators' }).waitFor();
    assert.equal(scripts.filter((s) => /AgreementPanel/.test(s)).length, 1, scripts.join(', '));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog').waitFor();
    assert.equal(scripts.filter((s) => /ExportDialog/.test(s)).length, 1, scripts.join(', '));
    assert.ok(!scripts.some((s) => /ReviewMode/.test(s)), 'review not used yet');
    // The seed library has one annotator: the panel says agreement needs two (an answer of 400).
    assert.deepEqual(problems.splice(0).filter((p) => !/status of 400/.test(p)), []);
  });

  test('paints the text before it works out which proclitic stems to ask the corpus about', async () => {
    const { page, problems } = app;
    await page.addInitScript(`new MutationObserver((_, observer) => {
      if (!document.documentElement.dataset.paintedDocument) return;
      observer.disconnect();
      window.paintedAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-painted-document'] });`);
    await page.reload();
    await waitForArticle(page);
    const asked = await page.waitForFunction(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/knownWords'))?.startTime);
    const painted = await page.evaluate(() => (window as unknown as { paintedAt: number }).paintedAt);
    assert.ok((await asked.jsonValue())! > painted, `knownWords asked at ${String(await asked.jsonValue())} ms, the text painted at ${painted} ms`);
    assert.deepEqual(problems, []);
  });
});
