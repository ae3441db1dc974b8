/**
 * The Sync button in web mode, in real Chromium, against a real PostgreSQL hub: the hub and its
 * password asked for (kept for the session only, it says), the documents of the analyst's queue
 * arriving, a span tagged counted as waiting and then pushed, and the hub gone: offline.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { boxOf, drag, launchChromium, SCREENSHOTS, waitForArticle } from '../support/browser.ts';
import { runCli, startServe, tempDir, writeFiles } from '../support/hamish.ts';
import { startPostgres, type Postgres } from '../support/postgres.ts';

const server = await startPostgres();
const skip = 'unavailable' in server ? server.unavailable : false;
const postgres = server as Postgres;

const TEXT = 'قال وزير الخارجية إن المحادثات في بغداد ستستأنف يوم الاثنين.';

let password: string;

before(async () => {
  if (skip) return;
  assert.equal((await runCli(['hub', 'init', postgres.adminUrl])).code, 0);
  const lead = await runCli(['hub', 'add-lead', 'mona', '--hub', postgres.adminUrl, '--generate-password']);
  const analyst = await runCli(['hub', 'add-analyst', 'hala', '--hub', postgres.adminUrl, '--generate-password']);
  assert.equal(analyst.code, 0, analyst.stderr);
  password = /^password: (\S+)$/m.exec(analyst.stdout)![1]!;
  const leadUrl = postgres.urlAs('mona', /^password: (\S+)$/m.exec(lead.stdout)![1]!);
  const corpus = tempDir();
  writeFiles(corpus, { 'baghdad.txt': TEXT });
  assert.equal((await runCli(['hub', 'import', corpus, '--hub', leadUrl])).code, 0);
  assert.equal((await runCli(['hub', 'assign', '--hub', leadUrl])).code, 0);
});

let stopped = false;
after(() => !skip && !stopped && postgres.stop());

async function spansOnHub(): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgres.adminUrl });
  await client.connect();
  try {
    return (await client.query<{ label: string }>(`SELECT label FROM hamish.spans WHERE layer = 'hala' AND NOT deleted`)).rows.map((r) => r.label);
  } finally {
    await client.end();
  }
}

test('Sync asks for the hub, brings the queue, counts what waits, pushes it; the hub gone is offline', { skip, timeout: 120_000 }, async () => {
  const db = join(tempDir(), 'hala.sqlite');
  const serve = await startServe(db, ['--annotator', 'hala', '--no-seeds']);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(serve.url);
    const status = page.locator('.sync-state');
    const waiting = page.locator('.sync-waiting');
    await status.filter({ hasText: '⟳ no hub' }).waitFor();
    await page.getByRole('button', { name: /^Sync/ }).click();
    const dialog = page.getByRole('dialog', { name: 'The team’s hub' });
    await dialog.getByText('kept for this session only').waitFor();
    await dialog.getByLabel('Hub').fill(postgres.urlAs('hala', '').replace(':@', '@'));
    await dialog.getByLabel('Password').fill(password);
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-dialog.png') });
    await dialog.getByRole('button', { name: 'Sync' }).click();
    await status.filter({ hasText: /^⟳ synced \d+ s ago$/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-synced.png') });
    // The queue's document arrived in the library list; open it and tag a place.
    await page.getByText('قال وزير الخارجية', { exact: false }).first().click();
    await waitForArticle(page);
    const word = await boxOf(page, 'بغداد');
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    // The span and the document's status (in progress) wait for the next sync.
    await waiting.filter({ hasText: /^2 changes waiting$/ }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-waiting.png'), clip: { x: 0, y: 0, width: 1400, height: 120 } });
    assert.deepEqual(await spansOnHub(), []);
    await page.getByRole('button', { name: /^Sync/ }).click();
    // The status said "synced" before the click too: what tells this sync went through is the hub.
    for (let tries = 0; (await spansOnHub()).length === 0; tries++) {
      assert.ok(tries < 100, 'the span reached the hub');
      await new Promise((done) => setTimeout(done, 100));
    }
    assert.deepEqual(await spansOnHub(), ['location']);
    await waiting.waitFor({ state: 'detached' });
    await status.filter({ hasText: /^⟳ synced \d+ s ago$/ }).waitFor();
    // A change (relabelled a claim) while the hub is down: the next sync says offline, and it waits.
    await page.keyboard.press('Digit1');
    await waiting.filter({ hasText: /^1 change waiting$/ }).waitFor({ timeout: 15_000 });
    await postgres.stop();
    stopped = true;
    await page.getByRole('button', { name: /^Sync/ }).click();
    await status.filter({ hasText: /^⟳ offline$/ }).waitFor({ timeout: 30_000 });
    assert.equal(await waiting.textContent(), '1 change waiting');
    assert.match((await page.locator('.sync-button').getAttribute('title'))!, /cannot connect to the hub postgres:\/\/hala@127\.0\.0\.1:\d+\/hamish/);
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-offline.png'), clip: { x: 0, y: 0, width: 1400, height: 120 } });
  } finally {
    await browser.close();
    await serve.stop();
  }
});
