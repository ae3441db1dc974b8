/**
 * The desktop shell's parts that run without Electron's binary: the `npm start` launcher, the
 * bundled preload together with the main process's IPC handlers, and the packaging config.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, test, type TestContext } from 'node:test';
import { WINDOW_OPERATIONS } from '../../electron/contract/contract.ts';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { HamishError } from '../../electron/contract/errors.ts';
import { openHamish } from '../../electron/core/hamish.ts';
import { packageRoot, seedsDir } from '../../electron/core/paths.ts';
import { JOB_CHANNEL, OPEN_DIALOG, RUN_COMMAND, type DesktopCommand } from '../../electron/contract/channels.ts';
import { runDesktopJob, type DialogHost } from '../../electron/main/dialogs.ts';
import { registerDesktopCommands, registerDesktopJobs, registerIpc } from '../../electron/main/ipc.ts';
import { tempDir } from '../support/hamish.ts';

const START = fileURLToPath(new URL('../../electron/start.js', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../../electron/main/preload.cjs', import.meta.url));
const RUNNING = /^Hamish is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/;

interface Launch {
  /** Every stdout line, as it arrives. */
  readonly lines: string[];
  stderr(): string;
  /** Resolves with the first line matching `pattern`; rejects if the launcher exits first. */
  lineMatching(pattern: RegExp): Promise<RegExpExecArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs `node dist/electron/start.js ...args`, as `npm start -- ...args` does after building; a
 * launcher still running when the test ends (a failed test) is killed.
 */
function launch(t: TestContext, args: string[], env: Record<string, string>): Launch {
  const child = spawn(process.execPath, [START, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lines: string[] = [];
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiting.splice(0)) {
      const match = waiter.pattern.exec(line);
      if (match) waiter.resolve(match);
      else waiting.push(waiter);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    lines,
    stderr: () => stderr,
    exited,
    kill: (signal) => child.kill(signal),
    lineMatching: (pattern) =>
      new Promise((resolve, reject) => {
        waiting.push({ pattern, resolve });
        void exited.then(({ code }) =>
          reject(new Error(`the launcher exited (${code}) first; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`)),
        );
      }),
  };
}

async function untilExists(file: string, signal: AbortSignal): Promise<void> {
  while (!existsSync(file)) await sleep(20, undefined, { signal });
}

describe('npm start', () => {
  test(
    "without Electron's binary: one line saying so, then web mode as `hamish serve --open`",
    { skip: process.platform !== 'linux' && 'stands in for xdg-open; elsewhere a real browser would open', timeout: 30_000 },
    async (t) => {
      const dir = tempDir();
      const noElectron = join(dir, 'no-electron');
      const bin = join(dir, 'bin');
      mkdirSync(noElectron);
      mkdirSync(bin);
      const opened = join(dir, 'opened');
      // The only program on PATH: a browser that notes the address it was asked to open (shell
      // builtins only, there being nothing else on PATH), then marks that it is done.
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > "${opened}"\n: > "${opened}.done"\n`);
      chmodSync(join(bin, 'xdg-open'), 0o755);
      const db = join(dir, 'h.sqlite');

      const app = launch(t, ['--db', db], { PATH: bin, ELECTRON_OVERRIDE_DIST_PATH: noElectron });
      const [, url] = await app.lineMatching(RUNNING);
      assert.ok(url);
      assert.equal(app.lines.length, 2, `one line before the address, got:\n${app.lines.join('\n')}`);
      assert.match(app.lines[0]!, /^Electron's binary is not installed here .*; starting Hamish in web mode instead\.$/);
      assert.ok(existsSync(db), '--db reached web mode');

      const withToken = await fetch(url, { redirect: 'manual' });
      assert.equal(withToken.status, 303);
      const cookie = withToken.headers.get('set-cookie')?.split(';')[0];
      assert.match(cookie ?? '', /^hamish_token=/);
      const origin = new URL(url).origin;
      assert.equal((await fetch(`${origin}/`, { redirect: 'manual' })).status, 401);
      const page = await fetch(`${origin}/`, { headers: { cookie: cookie! } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>Hamish<\/title>/);

      await untilExists(`${opened}.done`, t.signal);
      assert.equal(readFileSync(opened, 'utf8').trim(), url, 'the browser was asked to open the printed address');

      app.kill('SIGTERM');
      assert.deepEqual(await app.exited, { code: 0, signal: null });
      assert.equal(app.lines.filter((line) => RUNNING.test(line)).length, 1);
      assert.equal(app.stderr(), '');
    },
  );

  test('without Electron or a browser: web mode still starts, and Ctrl+C stops it', { timeout: 30_000 }, async (t) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const app = launch(t, ['--db', join(dir, 'h.sqlite'), '--port', '0'], {
      PATH: join(dir, 'empty'),
      ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'empty'),
    });
    await app.lineMatching(RUNNING);
    app.kill('SIGINT');
    assert.deepEqual(await app.exited, { code: 0, signal: null });
    assert.equal(app.stderr(), '');
  });

  test('a refused argument is one line on stderr, not a stack trace', { timeout: 30_000 }, async (t) => {
    const dir = tempDir();
    const app = launch(t, ['--db', join(dir, 'h.sqlite'), '--port', 'abc'], { ELECTRON_OVERRIDE_DIST_PATH: dir });
    const { code } = await app.exited;
    assert.equal(code, 2);
    assert.deepEqual(app.stderr().trim().split('\n'), ['hamish: serve: --port must be 0–65535, not "abc"']);
  });

  test(
    'with a binary where the electron package keeps it: runs `electron .` with the arguments, and its exit code',
    { skip: process.platform === 'win32' && 'the stand-in binary is a shell script', timeout: 30_000 },
    async (t) => {
      const dist = tempDir();
      // Stands in for the downloaded binary (path.txt names "electron" on Linux; absent, the same).
      writeFileSync(join(dist, 'electron'), '#!/bin/sh\nfor a in "$@"; do echo "arg: $a"; done\nexit 7\n');
      chmodSync(join(dist, 'electron'), 0o755);
      const app = launch(t, ['--db', '/some where/h.sqlite'], { ELECTRON_OVERRIDE_DIST_PATH: dist });
      assert.deepEqual(await app.exited, { code: 7, signal: null });
      assert.deepEqual(app.lines, [`arg: ${packageRoot}`, 'arg: --db', 'arg: /some where/h.sqlite']);
      assert.equal(app.stderr(), '');
    },
  );
});

interface FakeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/**
 * Loads the built preload as Electron's sandbox does (a CommonJS script whose require knows only
 * 'electron'), wired to the main process's real IPC handlers over a real database; main's native
 * dialogs are answered by `saveAs` (the path an export goes to) and open nothing.
 */
function loadPreload(trusted: boolean, saveAs?: string) {
  const hamish = openHamish({ database: join(tempDir(), 'h.sqlite'), annotator: 'preload-test' });
  const handlers = new Map<string, (event: FakeEvent, ...input: unknown[]) => unknown>();
  const ipcMain = { handle: (channel: string, listener: unknown) => void handlers.set(channel, listener as never) };
  const fromMain = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  registerIpc(ipcMain, hamish.handlers, () => trusted);
  const commands: DesktopCommand[] = [];
  registerDesktopCommands(ipcMain, () => trusted, async (command) => void commands.push(command));
  const host: DialogHost = {
    open: async () => ({ canceled: true, filePaths: [] }),
    save: async () => (saveAs === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: saveAs }),
    ask: async () => ({ response: 0 }),
  };
  // As main.ts does: progress goes to the window (here, straight to the preload's listener).
  registerDesktopJobs(
    ipcMain,
    () => trusted,
    (job, choice, onProgress, signal) => runDesktopJob(job, choice, host, hamish, onProgress, signal),
    (told) => fromMain.get(JOB_CHANNEL)?.({}, told),
  );
  const exposed: { key: string; api: Record<string, (...input: unknown[]) => Promise<unknown>> }[] = [];
  const window = new EventTarget();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: never) => void exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: async (channel: string, ...input: unknown[]) => {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return handler({ senderFrame: { url: 'app://hamish/index.html' } }, ...input);
      },
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => void fromMain.set(channel, listener),
    },
  };
  const module = { exports: {} };
  const source = readFileSync(PRELOAD, 'utf8');
  runInNewContext(source, {
    globalThis: window,
    Event,
    CustomEvent,
    module,
    exports: module.exports,
    require: (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require "${name}"`);
    },
  });
  return { hamish, handlers, exposed, source, commands, fromMain, window };
}

describe('the preload and the IPC handlers', () => {
  test('window.hamish is one function per operation offered to windows, and nothing else', () => {
    const { hamish, handlers, exposed, source } = loadPreload(true);
    try {
      assert.deepEqual(
        exposed.map(({ key }) => key),
        ['hamish', 'hamishDesktop'],
      );
      const api = exposed[0]!.api;
      assert.deepEqual(Object.keys(api).sort(), [...WINDOW_OPERATIONS].sort());
      for (const operation of WINDOW_OPERATIONS) assert.equal(typeof api[operation], 'function', operation);
      for (const operation of ['importFiles', 'exportDataset', 'backupLibrary', 'listBackups', 'restoreLibrary']) {
        assert.equal(api[operation], undefined, `${operation} names files: the window does not get it`);
      }
      assert.deepEqual(Object.keys(exposed[1]!.api), ['run', 'job', 'cancel']);
      assert.deepEqual(
        [...handlers.keys()].sort(),
        [...WINDOW_OPERATIONS.map((operation) => `hamish:${operation}`), RUN_COMMAND, JOB_CHANNEL].sort(),
      );
      assert.doesNotMatch(source, /node_modules\//, 'the preload bundles no package (zod stays in the main process)');
    } finally {
      hamish.close();
    }
  });

  test('calls reach the core and return its values; refusals arrive with the core’s own code and message', async () => {
    const { hamish, exposed } = loadPreload(true);
    try {
      const api = exposed[0]!.api;
      const value = async (operation: string, input: unknown) => {
        const reply = (await api[operation]!(input)) as { value: unknown } | { error: unknown };
        assert.ok('value' in reply, JSON.stringify(reply));
        return reply.value;
      };
      assert.deepEqual(await value('session', {}), { annotator: 'preload-test', confirmed: true });
      const documents = (await value('listDocuments', {})) as { id: string }[];
      assert.equal(documents.length, readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).length);

      const span = (await value('createSpan', { documentId: documents[0]!.id, start: 0, end: 3, label: 'claim' })) as { id: number };
      const opened = (await value('openDocument', { id: documents[0]!.id })) as { spans: { id: number }[] };
      assert.deepEqual(
        opened.spans.map(({ id }) => id),
        [span.id],
      );

      for (const [operation, input] of [
        ['openDocument', { id: 'no-such-document' }],
        ['createSpan', { documentId: documents[0]!.id, start: 5, end: 2, label: 'claim' }],
        ['deleteSpan', { id: 'one' }],
      ] as const) {
        const expected = refusal(() => dispatch(hamish.handlers, operation, input));
        assert.deepEqual(await api[operation]!(input), { error: { code: expected.code, message: expected.message } }, operation);
      }
    } finally {
      hamish.close();
    }
  });

  test('calls from a frame that is not our window never reach the core', async () => {
    const { hamish, exposed } = loadPreload(false);
    try {
      const [document] = dispatch(hamish.handlers, 'listDocuments', {}) as { id: string }[];
      await assert.rejects(
        exposed[0]!.api.createSpan!({ documentId: document!.id, start: 0, end: 3, label: 'claim' }),
        /refused createSpan/,
      );
      await assert.rejects(exposed[1]!.api.job!(1, 'export', { format: 'jsonl' }, () => {}), /refused hamish-desktop:job/);
      const opened = dispatch(hamish.handlers, 'openDocument', { id: document!.id }) as { spans: unknown[] };
      assert.deepEqual(opened.spans, []);
    } finally {
      hamish.close();
    }
  });
});

describe('the preload and the desktop’s commands and jobs', () => {
  test('hamishDesktop.run asks main for one of its two native dialogs, and for nothing else', async () => {
    const { hamish, exposed, commands, handlers } = loadPreload(true);
    try {
      const run = exposed[1]!.api.run!;
      await run('restore');
      await run('backup');
      assert.deepEqual(commands, ['restore', 'backup']);
      for (const bad of ['import', 'delete', 'Backup', '', null, { command: 'backup' }]) {
        await assert.rejects(run(bad), /no such command/);
        // Main refuses it too, when something other than the preload sends it.
        await assert.rejects(
          Promise.resolve().then(() => handlers.get(RUN_COMMAND)!({ senderFrame: { url: 'app://hamish/index.html' } }, bad)),
          /no such command/,
        );
      }
      assert.deepEqual(commands, ['restore', 'backup']);
    } finally {
      hamish.close();
    }
  });

  test('from a frame that is not our window, no dialog is shown', async () => {
    const { hamish, exposed, commands } = loadPreload(false);
    try {
      await assert.rejects(exposed[1]!.api.run!('backup'), /refused hamish-desktop:run/);
      assert.deepEqual(commands, []);
    } finally {
      hamish.close();
    }
  });

  test('an export from the page: main’s path, the job’s progress forwarded to the page, the report as its end', async () => {
    const out = join(tempDir(), 'out.jsonl');
    const { hamish, exposed, handlers } = loadPreload(true, out);
    try {
      const job = exposed[1]!.api.job!;
      const seen: unknown[] = [];
      const reply = (await job(7, 'export', { format: 'jsonl', filters: {} }, (progress: unknown) => seen.push(progress))) as { value: { out: string; documents: number } };
      const documents = (dispatch(hamish.handlers, 'listDocuments', {}) as unknown[]).length;
      assert.equal(reply.value.out, out);
      assert.equal(reply.value.documents, documents);
      assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, documents);
      assert.deepEqual(seen.at(-1), { done: documents, total: documents });
      // A second job may take the same id once the first has ended; a bad job is refused.
      assert.ok('value' in ((await job(7, 'export', { format: 'conll', filters: {} }, () => {})) as object));
      await assert.rejects(job(8, 'delete', {}, () => {}), /no such job/);
      // On the one channel main takes only starts and cancels; what it tells names the job.
      const frame = { senderFrame: { url: 'app://hamish/index.html' } };
      await assert.rejects(Promise.resolve().then(() => handlers.get(JOB_CHANNEL)!(frame, { kind: 'progress', id: 8, progress: {} })), /a start or a cancel/);
      assert.deepEqual(await handlers.get(JOB_CHANNEL)!(frame, { kind: 'cancel', id: 12345 }), undefined);
      const told = await handlers.get(JOB_CHANNEL)!(frame, { kind: 'start', id: 10, job: 'export', choice: { format: 'jsonl', filters: {} } });
      assert.deepEqual(Object.keys(told as object), ['kind', 'id', 'end']);
      assert.equal((told as { kind: string; id: number }).kind, 'end');
      assert.equal((told as { id: number }).id, 10);
      // A refusal keeps its code through IPC.
      assert.deepEqual(await job(9, 'export', { format: 'nonsense' }, () => {}), {
        error: { code: 'invalid_input', message: 'exportDataset: format must be one of jsonl, prodigy, doccano, conll, labelstudio, brat, claims-csv, claims-json' },
      });
    } finally {
      hamish.close();
    }
  });

  test('cancel from the page stops the job in its worker: nothing is written', async () => {
    const out = join(tempDir(), 'out.jsonl');
    const { hamish, exposed } = loadPreload(true, out);
    try {
      const many = join(tempDir(), 'many.jsonl');
      writeFileSync(many, Array.from({ length: 5000 }, (_, i) => JSON.stringify({ text: `خبر رقم ${i} عن بغداد.` })).join('\n'));
      await hamish.jobs.run('importFiles', { paths: [many] });
      const { job, cancel } = exposed[1]!.api;
      // Cancelled as its first progress arrives, while the worker is writing.
      const reply = await job!(3, 'export', { format: 'jsonl', filters: {} }, () => void cancel!(3));
      assert.deepEqual(reply, { error: { code: 'cancelled', message: 'export: stopped; nothing was written' } });
      assert.ok(!existsSync(out));
      assert.deepEqual(readdirSync(join(out, '..')), []);
    } finally {
      hamish.close();
    }
  });

  test('main asking for the page’s Import or Export dialog reaches the page as a DOM event naming it, and nothing else does', () => {
    const { hamish, fromMain, window } = loadPreload(true);
    try {
      assert.deepEqual([...fromMain.keys()].sort(), [JOB_CHANNEL, OPEN_DIALOG].sort());
      const seen: unknown[] = [];
      window.addEventListener(OPEN_DIALOG, (event) => seen.push((event as CustomEvent).detail));
      fromMain.get(OPEN_DIALOG)!({}, 'export');
      fromMain.get(OPEN_DIALOG)!({}, 'import');
      fromMain.get(OPEN_DIALOG)!({}, 'format-disk');
      assert.deepEqual(seen, ['export', 'import']);
    } finally {
      hamish.close();
    }
  });
});

function refusal(call: () => unknown): HamishError {
  try {
    call();
  } catch (error) {
    if (error instanceof HamishError) return error;
    throw error;
  }
  assert.fail('expected the core to refuse');
}

// electron-builder's own code, as `npm run dist` runs it (it is not a dependency of ours directly).
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const appBuilder = createRequire(builderRequire.resolve('app-builder-lib/package.json'));

interface BuilderConfig {
  readonly [key: string]: unknown;
  readonly electronFuses?: Record<string, boolean>;
}
type FileFilter = (file: string, stat: ReturnType<typeof statSync>) => boolean;

/**
 * electron-builder logs to this process's stdout, which node:test reads as its own channel from
 * the test file's process: its lines there, written a piece at a time, can break the runner's
 * reading ("Unable to deserialize cloned data"). Its logger writes to the stream it holds: stderr.
 */
const { log: builderLog } = appBuilder('builder-util/out/log.js') as { log: { stream: NodeJS.WritableStream } };
builderLog.stream = process.stderr;

async function builderConfig(): Promise<BuilderConfig> {
  const { getConfig } = appBuilder('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: null, configFromOptions: null): Promise<BuilderConfig>;
  };
  return getConfig(packageRoot, null, null);
}

async function validate(config: BuilderConfig): Promise<void> {
  const { validateConfiguration } = appBuilder('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  await validateConfiguration(config, { isEnabled: false, add: () => {} });
}

/** electron-builder's matcher for one file-pattern option, over the project folder. */
function matcher(config: BuilderConfig, option: 'files' | 'asarUnpack'): (relative: string) => boolean {
  const { getFileMatchers } = appBuilder('app-builder-lib/out/fileMatcher.js') as {
    getFileMatchers(
      config: BuilderConfig,
      name: string,
      destination: string,
      options: { macroExpander: (s: string) => string; customBuildOptions: object; globalOutDir: string; defaultSrc: string },
    ): { createFilter(): FileFilter }[] | null;
  };
  const matchers = getFileMatchers(config, option, '/app', {
    macroExpander: (s) => s,
    customBuildOptions: {},
    globalOutDir: join(packageRoot, 'release'),
    defaultSrc: packageRoot,
  });
  assert.ok(matchers, `${option} is set`);
  const filter = matchers[0]!.createFilter();
  return (relative) => filter(join(packageRoot, relative), statSync(join(packageRoot, relative)));
}

describe('packaging (electron-builder)', () => {
  test('the config passes electron-builder’s own validation, which refuses a misspelt option', async () => {
    const config = await builderConfig();
    await validate(config);
    await assert.rejects(validate({ ...config, electronFuzes: { runAsNode: false } }), /electronFuzes/);
    assert.equal(config.productName, 'Hamish');
    assert.deepEqual(config.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  test('the app files are packed, the tests and source maps are not, and SQLite’s binaries are unpacked', async () => {
    const config = await builderConfig();
    const packed = matcher(config, 'files');
    const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { main: string };
    for (const file of [
      'package.json',
      manifest.main,
      'dist/electron/main/preload.cjs',
      'dist/electron/core/hamish.js',
      'dist/renderer/index.html',
      join('seeds', readdirSync(seedsDir)[0]!),
    ]) {
      assert.ok(packed(file), `${file} is packed`);
    }
    for (const file of ['dist/test/start/start.test.js', `${manifest.main}.map`, 'electron/main/main.ts', 'build/icon.svg']) {
      assert.ok(!packed(file), `${file} is not packed`);
    }

    const unpacked = matcher(config, 'asarUnpack');
    const prebuilds = join('node_modules', 'better-sqlite3', 'prebuilds');
    const binaries = readdirSync(join(packageRoot, prebuilds)).filter((name) => name.endsWith('.node'));
    assert.ok(binaries.length > 0);
    for (const name of binaries) assert.ok(unpacked(join(prebuilds, name)), `${name} is unpacked`);
    assert.ok(!unpacked('node_modules/better-sqlite3/lib/index.js'));
  });

  test('the icon is a 512×512 PNG, drawn from build/icon.svg', () => {
    const png = readFileSync(join(packageRoot, 'build', 'icon.png'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [512, 512]);
    assert.match(readFileSync(join(packageRoot, 'build', 'icon.svg'), 'utf8'), /^<svg [^>]*viewBox="0 0 512 512"/);
  });
});
