/**
 * The desktop shell: one sandboxed window showing the built renderer from app://hamish/, and the
 * contract over IPC. Everything else lives in the core; this file only wires Electron to it.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
} from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { backupSettings } from '../core/backup/backups.ts';
import { openHamish, type Hamish } from '../core/hamish.ts';
import { rendererFile } from '../core/paths.ts';
import { CONTENT_SECURITY_POLICY } from '../server/csp.ts';
import { registerIpc } from './ipc.ts';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://hamish`;
const PRELOAD = join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs');

app.setName('Hamish');
// Before 'ready': app:// behaves like https (its own origin, fetch, secure context).
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let window: BrowserWindow | undefined;
let hamish: Hamish | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (window === undefined && app.isReady()) openWindow();
  });
  app.on('will-quit', () => hamish?.close());
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function start(): void {
  try {
    hamish = openHamish({ database: databasePath(), autoBackup: backupSettings() });
  } catch (error) {
    fail(error);
    return;
  }
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(SCHEME, serveRenderer);
  registerIpc(ipcMain, hamish.handlers, fromOurWindow);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  openWindow();
}

/** `--db PATH` when given (electron . --db PATH, or Hamish --db PATH), else the per-user library. */
function databasePath(): string {
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { db: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  return typeof values.db === 'string' ? values.db : join(app.getPath('userData'), 'hamish.sqlite');
}

function openWindow(): void {
  const opened = new BrowserWindow({
    title: 'Hamish',
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
      // A middle click on a link would otherwise ask for a new window (auxclick).
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  window = opened;
  opened.once('ready-to-show', () => opened.show());
  opened.on('closed', () => {
    window = undefined;
  });
  void opened.loadURL(`${ORIGIN}/index.html`);
}

/** Only the main frame of our own window, showing our own pages, may call the core. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    window !== undefined &&
    event.sender === window.webContents &&
    frame !== null &&
    frame.parent === null &&
    frame.url.startsWith(`${ORIGIN}/`)
  );
}

/** app://hamish/PATH is dist/renderer/PATH, under the same CSP as web mode; nothing outside it. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const file = url.host === 'hamish' ? rendererFile(url.pathname) : null;
  if (file === 'malformed') return new Response('bad request', { status: 400 });
  if (file === null) return new Response('not found', { status: 404 });
  let found: Response;
  try {
    found = await net.fetch(pathToFileURL(file).toString());
  } catch {
    return new Response('not found', { status: 404 });
  }
  const headers = new Headers(found.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(found.body, { status: found.status, headers });
}

function menuTemplate(): MenuItemConstructorOptions[] {
  return [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`hamish: ${message}`);
  dialog.showErrorBox('Hamish cannot start', message);
  app.exit(1);
}
