/**
 * Importing in the browser as an analyst does: pick files with the Import button, drop them on the
 * window, name the text column of a CSV, and see what went in and what failed.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOTS, type OpenApp } from '../support/browser.ts';
import Database from 'better-sqlite3';
import { writeArticlesJsonl } from '../support/articles.ts';
import { exportJsonl, tempDir } from '../support/hamish.ts';
import { dumpLibrary } from '../support/library.ts';

/** Enough articles for the import to take seconds, and for a person to press Cancel during it. */
const ARTICLES = 40_000;

describe('importing from the browser', () => {
  let app: OpenApp;
  let db: string;
  let page: Page;
  const folder = tempDir();

  before(async () => {
    app = await openApp();
    ({ db, page } = app);
  });

  after(() => app?.close());

  function file(name: string, content: string): string {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  }

  const job = (name: string) => page.locator(`.import-job[data-file="${name}"]`);

  test('the Import button takes .txt and .jsonl files (with their spans); a bad file is said, not stored', async () => {
    const text = 'أعلن الجيش العراقي صباح اليوم عن عملية جديدة قرب الموصل.';
    const meeting = 'قالت وكالة الأنباء إن الاجتماع عقد في بغداد.';
    const record = JSON.stringify({
      text: meeting,
      title: 'اجتماع بغداد',
      spans: [{ start: 38, end: 43, label: 'LOCATION' }],
    });
    await page.locator('input[type=file]').setInputFiles([
      file('mosul.txt', text),
      file('baghdad.jsonl', record + '\n'),
      file('empty.txt', ''),
    ]);
    await job('mosul.txt').locator('.import-result').waitFor();
    await job('baghdad.jsonl').locator('.import-result').waitFor();
    await job('empty.txt').locator('.import-result').waitFor();
    assert.match((await job('mosul.txt').textContent())!, /1 imported/);
    assert.match((await job('empty.txt').textContent())!, /0 imported, 1 failed.*empty/);
    await page.screenshot({ path: join(SCREENSHOTS, 'import.png') });

    await page.locator('.library-item', { hasText: 'اجتماع بغداد' }).waitFor();
    const exported = await exportJsonl(db);
    const baghdad = exported.find((d) => d.text === meeting)!;
    assert.deepEqual(
      baghdad.spans.map(({ label, text }) => ({ label, text })),
      [{ label: 'location', text: 'بغداد' }],
    );
    assert.ok(exported.some((d) => d.text === text));
    assert.equal(exported.length, 7, 'five seeds and two imports; nothing from the empty file');
  });

  test('a CSV without a "text" column asks which column holds the article', async () => {
    await page.locator('input[type=file]').setInputFiles([
      file('feed.csv', 'headline,body\n"عنوان","نص الخبر الأول عن دمشق"\n'),
    ]);
    const choose = job('feed.csv').locator('select');
    await choose.waitFor();
    await choose.selectOption('body');
    await job('feed.csv').locator('.import-result').waitFor();
    assert.match((await job('feed.csv').textContent())!, /1 imported/);
    assert.ok((await exportJsonl(db)).some((d) => d.text === 'نص الخبر الأول عن دمشق'));
  });

  test('files dropped on the window are imported', async () => {
    const drop = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['خبر عاجل من بيروت.'], 'beirut.txt', { type: 'text/plain' }));
      return transfer;
    });
    await page.dispatchEvent('.article-pane', 'dragover', { dataTransfer: drop });
    await page.locator('.drop-zone').waitFor();
    await page.dispatchEvent('.article-pane', 'drop', { dataTransfer: drop });
    await job('beirut.txt').locator('.import-result').waitFor();
    assert.match((await job('beirut.txt').textContent())!, /1 imported/);
    assert.equal(await page.locator('.drop-zone').count(), 0);
    assert.ok((await exportJsonl(db)).some((d) => d.text === 'خبر عاجل من بيروت.'));
  });

  test('a big file shows the import going, and Cancel during it keeps nothing of the file; it imports afterwards', async () => {
    const big = join(folder, 'big.jsonl');
    writeArticlesJsonl(big, ARTICLES);
    const before = dumpLibrary(db);
    await page.locator('input[type=file]').setInputFiles(big);
    const stage = job('big.jsonl').locator('.import-stage');
    await stage.filter({ hasText: /^importing: [1-9][\d,]* articles read$/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'import-progress.png') });
    await job('big.jsonl').getByRole('button', { name: 'Cancel' }).click();
    assert.match((await job('big.jsonl').locator('.import-failure').textContent())!, /^cancelled; nothing from this file was kept$/);
    assert.deepEqual(dumpLibrary(db), before);

    await page.getByRole('button', { name: 'Clear finished' }).click();
    await page.locator('input[type=file]').setInputFiles(big);
    // The cancelled import is rolled back before this one starts: every article is new.
    await job('big.jsonl').locator('.import-result').waitFor({ timeout: 60_000 });
    assert.equal((await job('big.jsonl').locator('.import-result').textContent())!, `${ARTICLES} imported`);
    const documents = new Database(db, { readonly: true });
    try {
      assert.equal(documents.prepare("SELECT count(*) FROM documents WHERE id LIKE 'article-%'").pluck().get(), ARTICLES);
    } finally {
      documents.close();
    }
    assert.deepEqual(app.problems, []);
  });
});

