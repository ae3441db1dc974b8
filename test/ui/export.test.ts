/**
 * The Export dialog in the browser, against `hamish serve`: tag a span, mark the document done,
 * export with the mouse and catch the download the browser saves.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boxOf, drag, openApp, SCREENSHOTS, waitForArticle, waitForSaved, type OpenApp } from '../support/browser.ts';
import { parseJsonl, type RunningServe } from '../support/hamish.ts';

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
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-dialog.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('brat: one zip whose .ann holds the span', async () => {
    const { name, path } = await exportAs(/^brat/);
    assert.match(name, /^hamish-\d{8}-\d{4}\.zip$/);
    const read = spawnSync(
      'python3',
      [
        '-c',
        'import json, sys, zipfile\n' +
          'z = zipfile.ZipFile(sys.argv[1])\n' +
          'assert z.testzip() is None\n' +
          'print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))',
        path,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(read.status, 0, read.stderr);
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
    const ok = await fetch(`${server.origin}/download/export`, { method: 'POST', headers: { ...headers, Cookie: cookie }, body });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-disposition')!, /^attachment; filename="hamish-\d{8}-\d{4}\.jsonl"/);
  });
});
