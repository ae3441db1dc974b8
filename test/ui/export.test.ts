/**
 * The Export dialog in the browser, against `hamish serve`: tag a span, mark the document done,
 * export with the mouse and catch the download the browser saves.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, drag, openApp, SCREENSHOTS, waitFor, waitForArticle, waitForSaved, type OpenApp } from '../support/browser.ts';
import { addSpans, seedLibrary } from '../support/library.ts';
import { parseJsonl, tempDir, type RunningServe } from '../support/hamish.ts';
import { pythonWith, runPython } from '../support/python.ts';

const PYTHON = pythonWith();

const FIRST = '000_04e9da889c407517';
const SECOND = '001_98dce0b3c9a262a4';

describe('the Export dialog', () => {
  let app: OpenApp;
  let server: RunningServe;
  let page: Page;
  let problems: string[];

  before(async () => {
    app = await openApp({ document: FIRST });
    ({ server, page, problems } = app);

    const word = await boxOf(page, 'العراق');
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    await waitForSaved(page);
    await page.keyboard.press('Control+Enter');
    await waitForArticle(page, SECOND);
  });

  after(() => app?.close());

  /** Opens the dialog, picks `format`, clicks Export and returns the saved file and its name. */
  async function exportAs(format: RegExp): Promise<{ name: string; path: string }> {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dataset' });
    await dialog.getByRole('radio', { name: format }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const path = await download.path();
    await dialog.getByText(/^Saved /).waitFor();
    return { name: download.suggestedFilename(), path };
  }

  test('JSONL: the done document with its span, and by default none that is not done', async () => {
    const { name, path } = await exportAs(/^JSONL/);
    assert.match(name, /^hamish-\d{8}-\d{4}\.jsonl$/);
    const documents = parseJsonl(readFileSync(path, 'utf8'));
    assert.deepEqual(
      documents.map((d) => d.id),
      [FIRST],
    );
    assert.deepEqual(
      documents[0]!.spans.map(({ label, text }) => ({ label, text })),
      [{ label: 'location', text: 'العراق' }],
    );
    const dialog = page.getByRole('dialog', { name: 'Export dataset' });
    assert.match((await dialog.getByRole('status').textContent())!, /: 1 document, 1 span$/);
    // The default, as the CLI's: the summary says which documents it took and how many it left out.
    assert.match((await dialog.getByRole('status').textContent())!, /^Saved \S+ \(done only; [2-9] other documents left out: choose All to export every one\): /);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-dialog.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('Gold: by default the reviewed documents only; with none reviewed, the summary says all were left out', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dataset' });
    await dialog.getByRole('radio', { name: /^Gold/ }).click();
    const reviewed = dialog.getByRole('radio', { name: /^Reviewed only/ });
    assert.equal(await reviewed.isChecked(), true);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-dialog-gold.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    await dialog.getByText(/^Saved /).waitFor();
    assert.equal(readFileSync((await download.path())!, 'utf8'), '', 'no document with an empty gold layer');
    assert.match((await dialog.getByRole('status').textContent())!, /\(reviewed only; [2-9] other documents left out: choose All to export every one\): 0 documents, 0 spans$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('brat: one zip whose .ann holds the span', { skip: PYTHON.skip }, async () => {
    const { name, path } = await exportAs(/^brat/);
    assert.match(name, /^hamish-\d{8}-\d{4}\.zip$/);
    const read = runPython(PYTHON, [
      '-c',
      'import json, sys, zipfile\n' +
        'z = zipfile.ZipFile(sys.argv[1])\n' +
        'assert z.testzip() is None\n' +
        'print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))',
      path,
    ]);
    assert.equal(read.code, 0, read.stderr);
    const members = JSON.parse(read.stdout) as Record<string, string>;
    const anns = Object.entries(members).filter(([member]) => member.endsWith('.ann'));
    assert.equal(anns.length, 1, Object.keys(members).join(', '));
    assert.match(anns[0]![1], /^T1\tLOCATION \d+ \d+\tالعراق$/m);
    assert.ok(Object.keys(members).some((member) => member.endsWith('/manifest.json')));
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
  });

  test('the download route is behind the token and the Origin check', async () => {
    const body = JSON.stringify({ format: 'jsonl' });
    const headers = { 'Content-Type': 'application/json' };
    const anonymous = await fetch(`${server.origin}/download/export`, { method: 'POST', headers, body });
    assert.equal(anonymous.status, 401);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const foreign = await fetch(`${server.origin}/download/export`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie, Origin: 'http://evil.example' },
      body,
    });
    assert.equal(foreign.status, 403);
    const bad = await fetch(`${server.origin}/download/export`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie },
      body: JSON.stringify({ format: 'csv' }),
    });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /exportDataset: .*format/);
    // The export answers its job's messages a line at a time, each naming the job: progress, then
    // its end, where to fetch the file, once.
    const started = await fetch(`${server.origin}/download/export`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie },
      body: JSON.stringify({ format: 'jsonl', filters: { statuses: ['done'] } }),
    });
    assert.equal(started.status, 200);
    const lines = (await started.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const id = lines[0]!.id;
    assert.equal(typeof id, 'number');
    assert.deepEqual(lines[0], { kind: 'progress', id, progress: { done: 0, total: 1 } });
    assert.ok(lines.every((line) => line.id === id));
    assert.deepEqual(lines.at(-2), { kind: 'progress', id, progress: { done: 1, total: 1 } });
    assert.equal(lines.at(-1)!.kind, 'end');
    const { url, file } = (lines.at(-1) as { end: { value: { url: string; file: string } } }).end.value;
    assert.match(file, /^hamish-\d{8}-\d{4}\.jsonl$/);
    assert.equal((await fetch(`${server.origin}${url}`)).status, 401);
    const fetched = await fetch(`${server.origin}${url}`, { headers: { Cookie: cookie } });
    assert.equal(fetched.status, 200);
    assert.match(fetched.headers.get('content-disposition')!, /^attachment; filename="hamish-\d{8}-\d{4}\.jsonl"/);
    assert.deepEqual(
      parseJsonl(await fetched.text()).map((d) => d.id),
      [FIRST],
    );
    const again = await fetch(`${server.origin}${url}`, { headers: { Cookie: cookie } });
    assert.equal(again.status, 404, 'a finished export is downloaded once');
  });
});

describe('a long export from the dialog', () => {
  // Enough to take seconds to export, few enough that the library list opens quickly.
  const ARTICLES = 4_000;
  const SPANS = 200;
  const tmp = tempDir();
  let app: OpenApp;
  let page: Page;
  const downloads: string[] = [];

  before(async () => {
    const db = join(tempDir(), 'hamish.sqlite');
    seedLibrary(db, ARTICLES);
    addSpans(db, SPANS);
    app = await openApp({ db, tmp });
    page = app.page;
    page.on('download', (download) => downloads.push(download.suggestedFilename()));
  });

  after(() => app?.close());

  test('shows documents done of the total; Cancel stops it, and nothing is downloaded or left behind', async () => {
    await page.locator('.topbar').getByRole('button', { name: 'Export…' }).click();
    const dialog = page.locator('dialog.export-dialog');
    await dialog.getByRole('radio', { name: 'All' }).click();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();

    const progress = dialog.getByRole('progressbar', { name: 'Documents exported' });
    await page.waitForFunction(() => {
      const bar = document.querySelector<HTMLProgressElement>('.export-progress');
      return bar !== null && bar.value > 0 && bar.value < bar.max;
    });
    assert.equal(await progress.getAttribute('max'), String(ARTICLES));
    assert.match((await dialog.getByRole('status').textContent())!, /^Exporting… [\d,]+ of 4,000 documents$/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByText('Export cancelled: nothing was saved.').waitFor();
    assert.equal(await progress.count(), 0);
    // The server stops at its next slice and removes what it staged.
    await waitFor(() => readdirSync(tmp).length === 0, () => `left in the server's temp folder: ${readdirSync(tmp).join(', ')}`);
    assert.deepEqual(downloads, []);
  });

  test('an export after the cancelled one runs to the end and downloads', async () => {
    const dialog = page.locator('dialog.export-dialog');
    const downloaded = page.waitForEvent('download', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await page.waitForFunction(() => (document.querySelector<HTMLProgressElement>('.export-progress')?.value ?? 0) > 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-progress.png') });
    const download = await downloaded;
    await dialog.getByText(/^Saved /).waitFor();
    assert.match((await dialog.getByRole('status').textContent())!, /: 4,000 documents, 800,000 spans$/);
    const documents = parseJsonl(readFileSync((await download.path())!, 'utf8'));
    assert.equal(documents.length, ARTICLES);
    assert.equal(documents.reduce((sum, d) => sum + d.spans.length, 0), ARTICLES * SPANS);
    assert.deepEqual(downloads, [download.suggestedFilename()]);
    await waitFor(() => readdirSync(tmp).length === 0, () => `left in the server's temp folder: ${readdirSync(tmp).join(', ')}`);
    assert.deepEqual(app.problems, []);
  });
});
