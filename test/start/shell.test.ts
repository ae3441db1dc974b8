/**
 * The desktop shell's modules that run without Electron's binary: the native dialogs' flows (with
 * a scripted stand-in for Electron's dialog module, over a real library), the menus, the window's
 * remembered place, links out of the app, and the app:// protocol.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { MenuItemConstructorOptions, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { menuKeys } from '../../electron/contract/keymap.ts';
import { LABELS } from '../../electron/contract/labels.ts';
import { rendererDir } from '../../electron/web/renderer-files.ts';
import { ORIGIN, serveRenderer } from '../../electron/main/app-protocol.ts';
import type { DesktopCommand, DesktopJob } from '../../electron/contract/channels.ts';
import type { ImportReport } from '../../electron/contract/contract.ts';
import type { CountProgress, ImportProgress } from '../../electron/contract/jobs.ts';
import { runCommand, runDesktopJob, type DialogHost } from '../../electron/main/dialogs.ts';
import { openExternalLink } from '../../electron/main/external-links.ts';
import { menuTemplate } from '../../electron/main/menu.ts';
import { placeWindow, readWindowState, writeWindowState, type WindowState } from '../../electron/main/window-state.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/csp.ts';
import { openCore } from '../support/core.ts';
import { parseJsonl, tempDir } from '../support/hamish.ts';

/** Electron's dialogs, answered from a script; records what each showed. */
function scriptedHost(answers: { open?: string[][]; save?: string[]; ask?: number[] }) {
  const shown: { kind: 'open' | 'save' | 'ask'; options: OpenDialogOptions | SaveDialogOptions | MessageBoxOptions }[] = [];
  const host: DialogHost = {
    open: async (options) => {
      shown.push({ kind: 'open', options });
      const filePaths = answers.open?.shift() ?? [];
      return { canceled: filePaths.length === 0, filePaths };
    },
    save: async (options) => {
      shown.push({ kind: 'save', options });
      const filePath = answers.save?.shift();
      return filePath === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath };
    },
    ask: async (options) => {
      shown.push({ kind: 'ask', options });
      return { response: answers.ask?.shift() ?? 0 };
    },
  };
  const messages = () => shown.filter((s) => s.kind === 'ask').map((s) => s.options as MessageBoxOptions);
  return { host, shown, messages };
}

/** A library of `count` short articles, from one JSONL file in `dir`. */
async function manyArticles(core: ReturnType<typeof openCore>, dir: string, count: number): Promise<void> {
  const file = join(dir, 'many.jsonl');
  writeFileSync(file, Array.from({ length: count }, (_, i) => JSON.stringify({ text: `خبر رقم ${i} عن بغداد والعراق.` })).join('\n'));
  const report = await core.hamish.jobs.run('importFiles', { paths: [file] });
  assert.equal(report.imported.length, count);
}

/** Runs a desktop job as main does for the page, with what it tells the page recorded. */
async function desktopJob(job: DesktopJob, choice: unknown, host: DialogHost, hamish: Parameters<typeof runDesktopJob>[3], signal = new AbortController().signal) {
  const progress: unknown[] = [];
  const reply = await runDesktopJob(job, choice, host, hamish, (event) => progress.push(event), signal);
  return { reply, progress };
}

describe('the desktop’s jobs and native dialogs', () => {
  test('Import…: main asks for the files, the job imports them; the report names each failure by file and line', async () => {
    const core = openCore({ seed: false });
    try {
      const dir = tempDir();
      writeFileSync(join(dir, 'one.txt'), 'خبر عن بغداد.');
      writeFileSync(join(dir, 'many.jsonl'), `${JSON.stringify({ text: 'خبر عن دمشق.' })}\n{"text": 5}\n`);
      const { host, shown } = scriptedHost({ open: [[join(dir, 'one.txt'), join(dir, 'many.jsonl')]] });
      // A path from the page is not taken: the files are the ones the native dialog gave.
      const { reply, progress } = await desktopJob('import', { paths: ['/etc/passwd'] }, host, core.hamish);
      assert.deepEqual(shown.map((s) => s.kind), ['open']);
      assert.ok('value' in reply, JSON.stringify(reply));
      const report = reply.value as ImportReport;
      // A file with a bad record goes in not at all.
      assert.equal(core.call('listDocuments', {}).length, 1);
      assert.deepEqual(report.imported.map((entry) => entry.file), [join(dir, 'one.txt')]);
      assert.deepEqual(report.failed.map(({ file, line }) => ({ file, line })), [{ file: join(dir, 'many.jsonl'), line: 2 }]);
      // Progress is told between slices of the import: an import this small may end in its first.
      for (const told of progress as ImportProgress[]) assert.equal(told.filesTotal, 2);
    } finally {
      core.close();
    }
  });

  test('closing any native dialog changes nothing and says nothing', async () => {
    const core = openCore({ seed: false });
    try {
      for (const command of ['backup', 'restore'] as DesktopCommand[]) {
        const { host, messages } = scriptedHost({ ask: [99] });
        assert.equal(await runCommand(command, host, core.hamish), 'none', command);
        assert.deepEqual(messages(), [], command);
      }
      for (const [job, choice] of [['import', {}], ['export', { format: 'jsonl' }]] as const) {
        const { host, messages } = scriptedHost({});
        assert.deepEqual((await desktopJob(job, choice, host, core.hamish)).reply, { chosen: 'nothing' }, job);
        assert.deepEqual(messages(), [], job);
      }
      assert.deepEqual(core.call('listDocuments', {}), []);
    } finally {
      core.close();
    }
  });

  test('Export…: the page’s choice to the file main asked for, its progress told; Back Up… and Restore… round trip', async () => {
    const core = openCore();
    try {
      const dir = tempDir();
      const documents = core.call('listDocuments', {});
      const { host, shown } = scriptedHost({ save: [join(dir, 'out.jsonl')] });
      const { reply, progress } = await desktopJob('export', { format: 'jsonl', out: '/tmp/not-this', filters: {} }, host, core.hamish);
      assert.equal((shown[0]!.options as SaveDialogOptions).defaultPath, 'hamish-jsonl.jsonl');
      assert.ok('value' in reply, JSON.stringify(reply));
      assert.deepEqual(reply.value, { out: join(dir, 'out.jsonl'), documents: documents.length, spans: 0, unrepresentable: 0, widened: 0, leftOut: 0 });
      assert.equal(parseJsonl(readFileSync(join(dir, 'out.jsonl'), 'utf8')).length, documents.length);
      assert.deepEqual(progress[0], { done: 0, total: documents.length });
      assert.deepEqual(progress.at(-1), { done: documents.length, total: documents.length });
      assert.ok(!existsSync('/tmp/not-this'));

      const backup = join(dir, 'copy.sqlite');
      assert.equal(await runCommand('backup', scriptedHost({ save: [backup] }).host, core.hamish), 'none');
      assert.ok(existsSync(backup));

      const id = documents[0]!.id;
      core.call('createSpan', { documentId: id, start: 0, end: 3, label: 'claim' });
      const declined = scriptedHost({ open: [[backup]], ask: [0] });
      assert.equal(await runCommand('restore', declined.host, core.hamish), 'none');
      assert.equal(core.call('openDocument', { id }).spans.length, 1, 'declined: nothing restored');

      const confirmed = scriptedHost({ open: [[backup]], ask: [1] });
      assert.equal(await runCommand('restore', confirmed.host, core.hamish), 'restored');
      assert.equal(core.call('openDocument', { id }).spans.length, 0, 'the library is the backup again');
      assert.match(confirmed.messages()[0]!.message, /^Replace everything in the library with copy\.sqlite\?$/);
    } finally {
      core.close();
    }
  });

  test('a refusal keeps its code and the core’s own words, and nothing is written', async () => {
    const core = openCore({ seed: false });
    try {
      const dir = tempDir();
      const { reply } = await desktopJob('export', { format: 'jsonl' }, scriptedHost({ save: [dir] }).host, core.hamish);
      assert.ok('error' in reply, JSON.stringify(reply));
      assert.equal(reply.error.code, 'io');
      assert.match(reply.error.message, /^cannot write /);
      assert.deepEqual(readdirSync(dir), []);

      const bad = await desktopJob('export', { format: 'jsonl', filters: { labels: ['nonsense'] } }, scriptedHost({ save: [join(dir, 'x.jsonl')] }).host, core.hamish);
      assert.ok('error' in bad.reply && bad.reply.error.code === 'invalid_input', JSON.stringify(bad.reply));
      assert.deepEqual(readdirSync(dir), []);

      // Back up and restore, main's alone, say theirs in a message box.
      const { host, messages } = scriptedHost({ open: [[join(dir, 'none.sqlite')]], ask: [1, 0] });
      assert.equal(await runCommand('restore', host, core.hamish), 'none');
      assert.equal(messages().at(-1)!.message, 'The restore failed');
    } finally {
      core.close();
    }
  });

  test('cancel stops the job in its worker: nothing is written, and it says it was cancelled', async () => {
    const core = openCore({ seed: false });
    try {
      const dir = tempDir();
      await manyArticles(core, dir, 5000);
      const stop = new AbortController();
      // Cancelled as its first progress arrives, while the worker is writing.
      const { reply, progress } = await desktopJob(
        'export',
        { format: 'jsonl', filters: {} },
        scriptedHost({ save: [join(dir, 'out.jsonl')] }).host,
        { ...core.hamish, jobs: { run: (operation, input, options) => core.hamish.jobs.run(operation, input, { ...options, onProgress: (told) => (options?.onProgress?.(told as never), stop.abort()) }) } } as typeof core.hamish,
        stop.signal,
      );
      assert.deepEqual(reply, { error: { code: 'cancelled', message: 'export: stopped; nothing was written' } });
      assert.ok((progress.at(-1) as CountProgress).done < 5000, 'stopped before the end');
      assert.deepEqual(readdirSync(dir).sort(), ['many.jsonl']);

      // Cancelled before it began: an import changes nothing.
      writeFileSync(join(dir, 'one.txt'), 'خبر عن بغداد.');
      const imported = await desktopJob('import', {}, scriptedHost({ open: [[join(dir, 'one.txt')]] }).host, core.hamish, stop.signal);
      assert.ok('error' in imported.reply && imported.reply.error.code === 'cancelled', JSON.stringify(imported.reply));
      assert.equal(core.call('listDocuments', {}).length, 5000);
    } finally {
      core.close();
    }
  });

  test('main keeps answering while a job runs', async () => {
    const core = openCore();
    try {
      const dir = tempDir();
      let answered = 0;
      const job = desktopJob('export', { format: 'jsonl', filters: {} }, scriptedHost({ save: [join(dir, 'out.jsonl')] }).host, core.hamish);
      // The export runs in its worker; this thread goes on calling the core meanwhile.
      while (answered < 3) {
        core.call('listDocuments', {});
        answered++;
        await new Promise((resume) => setImmediate(resume));
      }
      assert.ok('value' in (await job).reply);
    } finally {
      core.close();
    }
  });
});

describe('menus', () => {
  const runs: (DesktopCommand | DesktopJob)[] = [];
  const template = menuTemplate({ platform: 'linux', packaged: true, run: (command) => void runs.push(command) });
  const menu = (label: string) => (template.find((item) => item.label === label)?.submenu ?? []) as MenuItemConstructorOptions[];

  test('File runs the four dialogs, each with its shortcut where it has one', () => {
    const items = menu('File').filter((item) => item.click);
    assert.deepEqual(
      items.map(({ label, accelerator }) => [label, accelerator]),
      [
        ['Import…', 'CmdOrCtrl+O'],
        ['Export…', 'CmdOrCtrl+E'],
        ['Back Up…', 'CmdOrCtrl+Shift+S'],
        ['Restore…', undefined],
      ],
    );
    for (const item of items) (item.click as () => void)();
    assert.deepEqual(runs, ['import', 'export', 'backup', 'restore']);
  });

  test('Tag shows the article’s keys without taking them from the page', () => {
    const items = menu('Tag');
    assert.deepEqual(
      items.slice(0, LABELS.length).map((item) => item.accelerator),
      ['1', '2', '3', '4'],
    );
    assert.match(items[0]!.label!, /Claim/);
    assert.deepEqual(
      items.map(({ label, accelerator }) => ({ label, accelerator })),
      menuKeys(),
      'the Tag menu is the key map’s',
    );
    for (const item of items) {
      assert.equal(item.registerAccelerator, false, item.label);
      assert.equal(item.click, undefined, item.label);
    }
  });

  test('a packaged app has no developer tools in its menus', () => {
    assert.ok(!JSON.stringify(template).includes('toggleDevTools'));
    assert.ok(JSON.stringify(menuTemplate({ platform: 'linux', packaged: false, run: () => {} })).includes('toggleDevTools'));
  });
});

describe('the window’s remembered place', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 870 };
  const monitor = { x: 1440, y: 0, width: 2560, height: 1400 };
  const state = (bounds: Partial<WindowState>): WindowState => ({ x: 100, y: 50, width: 1200, height: 800, maximized: false, ...bounds });

  test('it is written and read back; no file or a damaged one gives the default place', () => {
    const file = join(tempDir(), 'window-state.json');
    assert.equal(readWindowState(file), null);
    writeWindowState(file, state({ maximized: true }));
    assert.deepEqual(readWindowState(file), state({ maximized: true }));
    for (const damaged of ['{', '[]', '{"x":1}', JSON.stringify(state({ width: 10 })), JSON.stringify({ ...state({}), x: 1.5 })]) {
      writeFileSync(file, damaged);
      assert.equal(readWindowState(file), null, damaged);
    }
  });

  test('on a display it stays; off every display it goes back to the default', () => {
    assert.deepEqual(placeWindow(state({}), [laptop, monitor]), { x: 100, y: 50, width: 1200, height: 800 });
    assert.deepEqual(placeWindow(state({ x: 2000 }), [laptop, monitor]), { x: 2000, y: 50, width: 1200, height: 800 });
    // The monitor it was on is unplugged.
    assert.equal(placeWindow(state({ x: 2000 }), [laptop]), null);
    assert.equal(placeWindow(null, [laptop]), null);
  });

  test('half off a display it is moved in, and shrunk to fit a smaller one', () => {
    assert.deepEqual(placeWindow(state({ x: 1000, y: -300 }), [laptop]), { x: 240, y: 0, width: 1200, height: 800 });
    // Most of it was on the monitor: it goes there, not to the laptop.
    assert.deepEqual(placeWindow(state({ x: 1300, width: 2000 }), [laptop, monitor]), { x: 1440, y: 50, width: 2000, height: 800 });
    assert.deepEqual(placeWindow(state({ x: 0, y: 0, width: 3000, height: 2000 }), [laptop]), { x: 0, y: 0, ...{ width: 1440, height: 870 } });
  });
});

describe('links out of the app', () => {
  function opener(answer: number) {
    const asked: MessageBoxOptions[] = [];
    const opened: string[] = [];
    return {
      asked,
      opened,
      ask: async (options: MessageBoxOptions) => {
        asked.push(options);
        return { response: answer };
      },
      open: async (url: string) => void opened.push(url),
    };
  }

  test('only http(s) addresses are offered, and only opened once the analyst says yes', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'app://hamish/index.html', 'data:text/html,<script>', 'not a url', 'smb://host/share']) {
      const yes = opener(1);
      assert.equal(await openExternalLink(url, yes), false, url);
      assert.deepEqual([yes.asked, yes.opened], [[], []], url);
    }
    const no = opener(0);
    assert.equal(await openExternalLink('https://example.org/news?id=1', no), false);
    assert.deepEqual(no.opened, []);
    assert.equal(no.asked[0]!.detail, 'https://example.org/news?id=1');

    const yes = opener(1);
    assert.equal(await openExternalLink('http://example.org/a b', yes), true);
    assert.deepEqual(yes.opened, ['http://example.org/a%20b']);
  });

  test('a look-alike host is shown as what it is', async () => {
    const yes = opener(1);
    await openExternalLink('https://аpple.com/', yes); // a Cyrillic а
    assert.equal(yes.asked[0]!.detail, 'https://xn--pple-43d.com/');
    assert.deepEqual(yes.opened, ['https://xn--pple-43d.com/']);
  });
});

describe('app:// (the desktop window’s pages)', () => {
  const fromDisk = async (url: string) => new Response(readFileSync(new URL(url)));

  test('serves the built renderer with the same CSP as web mode', async () => {
    const response = await serveRenderer(new Request(`${ORIGIN}/index.html`), fromDisk);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), readFileSync(join(rendererDir, 'index.html'), 'utf8'));
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  test('nothing outside the renderer folder, and no other host', async () => {
    // Written so that the URL parser leaves the dots for the guard: dist/renderer/../../package.json exists.
    for (const path of ['/%2e%2e%2f%2e%2e%2fpackage.json', '/..%2f..%2fpackage.json', '/nothing.js']) {
      const response = await serveRenderer(new Request(`${ORIGIN}${path}`), fromDisk);
      assert.equal(response.status, 404, path);
    }
    assert.equal((await serveRenderer(new Request('app://elsewhere/index.html'), fromDisk)).status, 404);
    assert.equal((await serveRenderer(new Request(`${ORIGIN}/%E0%A4%A`), fromDisk)).status, 400);
  });
});
