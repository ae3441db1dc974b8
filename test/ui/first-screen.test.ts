/**
 * Opening the app, in Chromium against `hamish serve`: the page comes with the first screen's
 * answers (test/server/first-screen.test.ts checks the block) and paints the document without a
 * request (first with its own small script, test/ui/first-paint.test.ts), and loads only the
 * editor's code; the review, agreement and export code comes when first used.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Request } from 'playwright-core';
import { openApp, waitForArticle, type OpenApp } from '../support/browser.ts';

/** What the first screen needs before it paints: the page comes with their answers. */
const FIRST = ['session', 'libraryPage', 'openDocument'];

describe('the first screen', () => {
  let app: OpenApp;

  before(async () => {
    app = await openApp();
  });

  after(() => app?.close());

  /** Every /api/ request the page makes on `url` until it paints `id`, and whether it painted first. */
  async function load(url: string, id: string): Promise<{ operations: string[]; beforePaint: string[] }> {
    const { page } = app;
    const operations: string[] = [];
    const onRequest = (request: Request) => {
      const name = /\/api\/(\w+)$/.exec(new URL(request.url()).pathname)?.[1];
      if (name) operations.push(name);
    };
    page.on('request', onRequest);
    await page.goto('about:blank');
    await page.goto(url);
    await waitForArticle(page, id);
    page.off('request', onRequest);
    // The page's own clock: which requests started before the text was painted.
    const beforePaint = await page.evaluate(() => {
      const painted = (window as unknown as { paintedAt: number }).paintedAt;
      return performance
        .getEntriesByType('resource')
        .filter((e) => /\/api\//.test(e.name) && e.startTime < painted)
        .map((e) => e.name.replace(/^.*\/api\//, ''));
    });
    return { operations, beforePaint };
  }

  before(async () => {
    await app.page.addInitScript(`new MutationObserver((_, observer) => {
      if (!document.documentElement.dataset.paintedDocument) return;
      observer.disconnect();
      window.paintedAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-painted-document'] });`);
  });

  test('paints the document the page came with before asking the server anything', async () => {
    const { page, problems } = app;
    const id = await page.evaluate(() => document.documentElement.dataset.paintedDocument!);
    const { operations, beforePaint } = await load(`${app.server.origin}/#/doc/${encodeURIComponent(id)}`, id);
    // The Sync button asks for its status as it mounts, beside the text: nothing the text waits for.
    assert.deepEqual(beforePaint.filter((o) => o !== 'syncStatus'), [], `asked before painting: ${beforePaint.join(', ')}`);
    for (const first of FIRST) assert.ok(!operations.includes(first), `${first} asked: ${operations.join(', ')}`);
    assert.equal(await page.locator('script[type="application/json"]').count(), 0, 'the block is read once and taken out of the page');
    assert.deepEqual(problems, []);
  });

  test('an address naming another document than the one the page came with opens that one, read once', async () => {
    const { page, problems } = app;
    const shown = await page.evaluate(() => document.documentElement.dataset.paintedDocument!);
    const other = await page.locator('[data-document-id]').evaluateAll(
      (rows, shown) => rows.map((r) => (r as HTMLElement).dataset.documentId!).find((id) => id !== shown)!,
      shown,
    );
    const { operations } = await load(`${app.server.origin}/#/doc/${encodeURIComponent(other)}`, other);
    assert.deepEqual(operations.filter((o) => FIRST.includes(o)), ['openDocument'], operations.join(', '));
    // The server now embeds it: the next load of it asks nothing.
    const again = await load(`${app.server.origin}/#/doc/${encodeURIComponent(other)}`, other);
    assert.deepEqual(again.operations.filter((o) => FIRST.includes(o)), []);
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
    // The page's first script (its paint of the document, first-paint.ts) is in the page; the app's code is the first asked for.
    assert.match(scripts[0] ?? '', /\/main-[^/]*\.js$/, `the app's code: ${scripts.join(', ')}`);
    const code = async (script: string) => (await page.request.get(`${app.server.origin}${script}`)).text();
    const first = /<script type="module">(.*?)<\/script>/s.exec(await code('/'))?.[1];
    assert.ok(first, 'the first script is in the page');
    assert.doesNotMatch(first, /react\.dev\/errors|lexical\.dev/, 'the first script paints without React or Lexical');
    for (const [script, text] of [['the first script', first], ...(await Promise.all(scripts.map(async (s) => [s, await code(s)])))]) {
      assert.doesNotMatch(text!, /ZodError|prettifyError/, `the validation library stays on the server: ${script}`);
    }
    assert.ok(!scripts.some((s) => /AgreementPanel|ExportDialog|ReviewMode/.test(s)), scripts.join(', '));

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

  test('the policy runs the page’s own inline script and stylesheet, and neither when added to the page', async () => {
    const { page, problems } = app;
    // The page's own ran (the document is painted) and its styles apply (the article's font).
    assert.match(await page.locator('.article').first().evaluate((e) => getComputedStyle(e).fontFamily), /Noto Naskh Arabic/);
    const refused = (tag: 'script' | 'style') =>
      page.evaluate(
        (tag) =>
          new Promise((done) => {
            document.addEventListener('securitypolicyviolation', (e) => done(e.effectiveDirective), { once: true });
            const added = document.createElement(tag);
            added.textContent = tag === 'script' ? 'document.body.dataset.ran = "yes"' : 'body { display: none }';
            document.head.append(added);
          }),
        tag,
      );
    assert.equal(await refused('script'), 'script-src-elem');
    assert.equal(await refused('style'), 'style-src-elem');
    assert.equal(await page.evaluate(() => [document.body.dataset.ran, getComputedStyle(document.body).display].join()), ',block');
    // Chromium says so on the console: the two refusals, nothing else.
    assert.equal(problems.splice(0).filter((p) => !/Content Security Policy/.test(p)).length, 0);
  });

  test('paints the text before it works out which proclitic stems to ask the corpus about', async () => {
    const { page, problems } = app;
    await page.reload();
    await waitForArticle(page);
    const asked = await page.waitForFunction(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/knownWords'))?.startTime);
    const painted = await page.evaluate(() => (window as unknown as { paintedAt: number }).paintedAt);
    assert.ok((await asked.jsonValue())! > painted, `knownWords asked at ${String(await asked.jsonValue())} ms, the text painted at ${painted} ms`);
    assert.deepEqual(problems, []);
  });
});
