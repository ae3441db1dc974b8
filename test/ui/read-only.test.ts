/**
 * The app on a library that cannot be written (as root, the server runs as nobody, for whom the
 * permission bits hold): the article opens; a tag is refused with the reason, and nothing stays
 * on screen that is not in the library.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { boxOf, drag, openApp, paintedTexts, SCREENSHOTS } from '../support/browser.ts';
import { openCore } from '../support/core.ts';
import type { SubprocessUser } from '../support/hamish.ts';

const FIRST = '000_04e9da889c407517';
const user: SubprocessUser | undefined = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

test('a tag on a read-only library is refused, saying why', async () => {
  const library = openCore();
  library.close();
  const { file } = library;
  chmodSync(file, 0o444);
  chmodSync(dirname(file), 0o555);
  const bytes = readFileSync(file);
  const app = await openApp({ db: file, document: FIRST, user });
  const { page } = app;
  try {
    const word = await boxOf(page, 'سوريا');
    await drag(page, word, word);
    await page.keyboard.press('Digit3');
    const said = page.getByText(/is read-only \(the file cannot be written: EACCES\): nothing can be saved to it/);
    await said.waitFor();
    assert.deepEqual((await paintedTexts(page)).location ?? [], [], 'no span on screen that the library does not have');
    await page.screenshot({ path: join(SCREENSHOTS, 'read-only.png'), clip: { x: 0, y: 0, width: 1400, height: 260 } });
  } finally {
    await app.close();
  }
  assert.deepEqual(readFileSync(file), bytes);
});
