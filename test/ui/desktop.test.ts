/**
 * The desktop window, without Electron's binary: the built renderer served by main's own app://
 * handler (here under http://hamish.test), the built preload run in the page with a stand-in for
 * 'electron' whose IPC reaches main's real handlers (main/ipc.ts, main/dialogs.ts) over a real
 * library, and Electron's native dialogs answered by the test. Import… and Export… are the page's
 * own dialogs; main asks only for the path and runs the core's job.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { JOB_CHANNEL } from '../../electron/contract/channels.ts';
import { openHamish, type Hamish } from '../../electron/core/hamish.ts';
import { ORIGIN, serveRenderer } from '../../electron/main/app-protocol.ts';
import { runDesktopJob, type DialogHost } from '../../electron/main/dialogs.ts';
import { registerDesktopCommands, registerDesktopJobs, registerIpc } from '../../electron/main/ipc.ts';
import { launchChromium, paintedTexts, SCREENSHOTS, tagUnsaved, waitForArticle, waitForSaved } from '../support/browser.ts';
import { holdWriteLock } from '../support/lock.ts';
import { parseJsonl, tempDir } from '../support/hamish.ts';

const PRELOAD = fileURLToPath(new URL('../../electron/main/preload.cjs', import.meta.url));
const HOST = 'http://hamish.test';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

/** What the native dialogs answer next: the test sets it before each click. */
const answers: { open: string[]; save: string | undefined } = { open: [], save: undefined };

const host: DialogHost = {
  open: async () => ({ canceled: answers.open.length === 0, filePaths: answers.open }),
  save: async () => (answers.save === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: answers.save }),
  ask: async () => ({ response: 0 }),
};

/** Main's handlers, registered as main.ts registers them, keyed by channel. */
function mainProcess(hamish: Hamish, send: (channel: string, ...args: unknown[]) => void) {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = { handle: (channel: string, listener: unknown) => void handlers.set(channel, listener as never) };
  const ours = () => true;
  registerIpc(ipcMain, hamish.handlers, ours);
  registerDesktopCommands(ipcMain, ours, async () => {});
  registerDesktopJobs(ipcMain, ours, (job, choice, onProgress, signal) => runDesktopJob(job, choice, host, hamish, onProgress, signal), (told) =>
    send(JOB_CHANNEL, told),
  );
  return handlers;
}

/** The preload's 'electron', in the page: invoke goes to main through Playwright, main's sends come back. */
const ELECTRON_IN_PAGE = `
  window.__fromMain = new Map();
  window.__electron = {
    contextBridge: { exposeInMainWorld: (key, api) => { window[key] = api; } },
    ipcRenderer: {
      invoke: (channel, ...args) => window.__invoke(channel, args),
      on: (channel, listener) => window.__fromMain.set(channel, listener),
    },
  };`;

describe('the desktop window', () => {
  let hamish: Hamish;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const dir = tempDir();

  before(async () => {
    hamish = openHamish({ database: join(dir, 'hamish.sqlite'), annotator: 'desktop-test' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    const handlers = mainProcess(hamish, (channel, ...args) => {
      void page.evaluate(([channel, args]) => (window as never as { __fromMain: Map<string, (...a: unknown[]) => void> }).__fromMain.get(channel)?.({}, ...args), [channel, args] as const);
    });
    await page.exposeFunction('__invoke', (channel: string, args: unknown[]) => handlers.get(channel)!({ senderFrame: { url: `${ORIGIN}/index.html` } }, ...args));
    const preload = readFileSync(PRELOAD, 'utf8');
    await page.addInitScript(`${ELECTRON_IN_PAGE}
      (function (module, exports, require) { ${preload} })({ exports: {} }, {}, (name) => { if (name === 'electron') return window.__electron; throw new Error(name); });`);
    await page.route(`${HOST}/**`, async (route) => {
      const served = await serveRenderer(new Request(route.request().url().replace(HOST, ORIGIN)), async (url) => {
        const file = fileURLToPath(url);
        return new Response(readFileSync(file), { headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' } });
      });
      await route.fulfill({ status: served.status, headers: Object.fromEntries(served.headers), body: Buffer.from(await served.arrayBuffer()) });
    });
    await page.goto(`${HOST}/index.html`);
    await waitForArticle(page);
  });

  after(async () => {
    await browser?.close();
    hamish?.close();
  });

  test('Export… opens the page’s own dialog; main asks where, the job writes the file, the dialog says where it went', async () => {
    const out = join(dir, 'desktop.jsonl');
    answers.save = out;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dataset' });
    await dialog.getByRole('radio', { name: /^JSONL/ }).click();
    await dialog.getByRole('radio', { name: 'All', exact: true }).click();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const documents = hamish.handlers.listDocuments({}).length;
    await dialog.getByText(`Saved ${out}: ${documents} documents, 0 spans`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-export.png') });
    assert.equal(parseJsonl(readFileSync(out, 'utf8')).length, documents);

    // The save dialog closed without a path: nothing is written, the choice stays to export again.
    answers.save = undefined;
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('button', { name: 'Export', exact: true }).waitFor();
    assert.equal(await dialog.getByText(/^Saved /).count(), 0);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('Import… asks main for the files; the import’s result is listed as in web mode, and the library shows the article', async () => {
    const before = hamish.handlers.listDocuments({}).length;
    const file = join(dir, 'خبر.txt');
    writeFileSync(file, 'قال المتحدث إن الاجتماع عقد في بغداد.');
    answers.open = [file];
    await page.getByRole('button', { name: 'Import…' }).click();
    const imports = page.getByRole('region', { name: 'Imports' });
    await imports.getByText('1 imported').waitFor();
    await imports.locator('[data-file="خبر.txt"]').waitFor();
    assert.equal(hamish.handlers.listDocuments({}).length, before + 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'desktop-import.png') });
  });

  test('a change the library cannot take now stays on screen with Retry, as in web mode: the refusal keeps its code through IPC', async () => {
    const holder = await holdWriteLock(join(dir, 'hamish.sqlite'));
    assert.match(await tagUnsaved(page, 'سوريا'), /1 change not saved: the library cannot be written now \(SQLITE_BUSY\)/);
    assert.deepEqual((await paintedTexts(page)).location, ['سوريا'], 'the span is still on screen');
    await holder.release();
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForSaved(page);
    const [first] = hamish.handlers.listDocuments({});
    assert.deepEqual(hamish.handlers.openDocument({ id: first!.id }).spans.map(({ label }) => label), ['location']);
    assert.deepEqual(problems, []);
  });
});
