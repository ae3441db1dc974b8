/**
 * Never lose a tag: when the library cannot be written (here another process holds SQLite's write
 * lock past the busy timeout, a real failure), the new span stays on screen, marked as not saved
 * with the reason, and Retry stores it once the library can be written again.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  boxOf,
  drag,
  openApp,
  paintedTexts,
  SCREENSHOTS,
  waitForSaved,
} from '../support/browser.ts';
import { exportJsonl, PROJECT_ROOT } from '../support/hamish.ts';
import { addSpans } from '../support/library.ts';

const FIRST = '000_04e9da889c407517';

/** Another process that takes the library's write lock and holds it until told to let go. */
async function holdWriteLock(db: string): Promise<ChildProcess> {
  const holder = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Database from 'better-sqlite3';
       const db = new Database(process.argv[1]);
       db.exec('BEGIN IMMEDIATE');
       console.log('locked');
       process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
      db,
    ],
    { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [line] = (await once(holder.stdout!, 'data')) as [Buffer];
  assert.equal(line.toString().trim(), 'locked');
  return holder;
}

test('a span that cannot be saved stays on screen, said so, and Retry saves it', async () => {
  const app = await openApp({ document: FIRST });
  const { db, page } = app;
  try {

    const holder = await holdWriteLock(db);
    const word = await boxOf(page, 'سوريا');
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    // The save waits out SQLite's busy timeout (5 s), then fails.
    const failed = page.locator('[data-save-state="failed"]');
    await failed.waitFor({ timeout: 15_000 });
    assert.match((await failed.textContent())!, /1 change not saved: the library cannot be written now \(SQLITE_BUSY\)/);
    assert.deepEqual((await paintedTexts(page)).location, ['سوريا'], 'the span is still on screen');
    await page.screenshot({ path: join(SCREENSHOTS, 'not-saved.png'), clip: { x: 0, y: 0, width: 1400, height: 200 } });

    holder.stdin!.write('release\n');
    await once(holder, 'exit');
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForSaved(page);
    assert.deepEqual((await paintedTexts(page)).location, ['سوريا']);
    const spans = (await exportJsonl(db)).find((d) => d.id === FIRST)!.spans;
    assert.deepEqual(
      spans.map(({ label, text }) => ({ label, text })),
      [{ label: 'location', text: 'سوريا' }],
    );
  } finally {
    await app.close();
  }
});

test('a review decision that cannot be stored is said so, and Retry stores it', async () => {
  const app = await openApp({ document: FIRST });
  const { db, page } = app;
  try {
    // Two colleagues' layers: the same claim and actor, a location only layla gave.
    addSpans(db, 3, 'layla');
    addSpans(db, 2, 'omar');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.locator('.review-unit[data-state="open"]', { hasText: 'Only some annotators' }).waitFor();
    await waitForSaved(page);

    const holder = await holdWriteLock(db);
    await page.keyboard.press('KeyA');
    const failed = page.locator('[data-save-state="failed"]');
    await failed.waitFor({ timeout: 15_000 });
    assert.match((await failed.textContent())!, /1 change not saved: the library cannot be written now \(SQLITE_BUSY\)/);
    assert.equal(await page.locator('.review-unit').getAttribute('data-state'), 'open');

    holder.stdin!.write('release\n');
    await once(holder, 'exit');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.review-unit[data-state="accepted"]').waitFor();
    await waitForSaved(page);
    const gold = (await exportJsonl(db)).find((d) => d.id === FIRST)!.spans.filter((span) => span.annotator === 'gold');
    assert.deepEqual(gold.map(({ label, start, end }) => ({ label, start, end })), [{ label: 'location', start: 2, end: 7 }]);
    // The browser logs the failed answer itself; nothing else went wrong.
    assert.deepEqual(app.problems, ['Failed to load resource: the server responded with a status of 500 (Internal Server Error)']);
  } finally {
    await app.close();
  }
});
