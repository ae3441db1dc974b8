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
  safeStorage,
  screen,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isDesktopJob, JOB_CHANNEL, OPEN_DIALOG, type DesktopCommand, type DesktopJob } from '../contract/channels.ts';
import { backupSettings, openHamish, SYNC_EVERY, type Hamish } from '../core/hamish.ts';
import { ORIGIN, SCHEME, serveRenderer } from './app-protocol.ts';
import { runCommand, runDesktopJob, type DialogHost } from './dialogs.ts';
import { openExternalLink } from './external-links.ts';
import { registerDesktopCommands, registerDesktopJobs, registerIpc } from './ipc.ts';
import { keychainOf } from './keychain.ts';
import { menuTemplate } from './menu.ts';
import { MIN_HEIGHT, MIN_WIDTH, placeWindow, readWindowState, writeWindowState } from './window-state.ts';

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
    // A link with target=_blank (the article's source) asks here; it may open in the browser.
    contents.setWindowOpenHandler(({ url }) => {
      const owner = BrowserWindow.fromWebContents(contents) ?? undefined;
      void openExternalLink(url, {
        ask: (options) => (owner ? dialog.showMessageBox(owner, options) : dialog.showMessageBox(options)),
        open: (link) => shell.openExternal(link),
      });
      return { action: 'deny' };
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (window === undefined && app.isReady()) openWindow();
  });
  app.on('will-quit', () => {
    void hamish?.jobs.stopAll();
    hamish?.close();
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function start(): void {
  try {
    hamish = openHamish({ database: databasePath(), autoBackup: backupSettings(), hub: { secrets: keychainOf(safeStorage), every: SYNC_EVERY } });
  } catch (error) {
    fail(error);
    return;
  }
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(SCHEME, (request) => serveRenderer(request, (url) => net.fetch(url)));
  registerIpc(ipcMain, hamish.handlers, fromOurWindow);
  registerDesktopCommands(ipcMain, fromOurWindow, run);
  registerDesktopJobs(
    ipcMain,
    fromOurWindow,
    (job, choice, onProgress, signal) => runDesktopJob(job, choice, dialogHost(window!), hamish!, onProgress, signal),
    (told) => window?.webContents.send(JOB_CHANNEL, told),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ platform: process.platform, packaged: app.isPackaged, run: (command) => void run(command) })),
  );
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
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const saved = readWindowState(stateFile);
  const bounds = placeWindow(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const opened = new BrowserWindow({
    title: 'Hamish',
    width: 1280,
    height: 860,
    ...bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
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
  if (bounds !== null && saved?.maximized) opened.maximize();
  opened.once('ready-to-show', () => opened.show());
  opened.on('close', () => {
    try {
      writeWindowState(stateFile, { ...opened.getNormalBounds(), maximized: opened.isMaximized() });
    } catch (error) {
      console.warn(`hamish: cannot remember the window's place (${error instanceof Error ? error.message : String(error)})`);
    }
  });
  opened.on('closed', () => {
    window = undefined;
  });
  void opened.loadURL(`${ORIGIN}/index.html`);
}

function dialogHost(owner: BrowserWindow): DialogHost {
  return {
    open: (options) => dialog.showOpenDialog(owner, options),
    save: (options) => dialog.showSaveDialog(owner, options),
    ask: (options) => dialog.showMessageBox(owner, options),
  };
}

/**
 * A File menu item or the window's own button. Import and export open the page's dialogs (which
 * come back to main for the path); back up and restore are main's native dialogs.
 */
async function run(command: DesktopCommand | DesktopJob): Promise<void> {
  const owner = window;
  if (hamish === undefined || owner === undefined) return;
  if (isDesktopJob(command)) return owner.webContents.send(OPEN_DIALOG, command);
  const after = await runCommand(command, dialogHost(owner), hamish);
  if (!owner.isDestroyed() && after === 'restored') owner.webContents.reload();
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

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`hamish: ${message}`);
  dialog.showErrorBox('Hamish cannot start', message);
  app.exit(1);
}
