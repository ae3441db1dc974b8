/**
 * The native menus. File opens the page's Import and Export dialogs and main's Back Up and Restore; Tag lists the keys the article binds
 * (renderer/src/keys.ts) so they can be found, without taking them: the page handles its own keys
 * (registerAccelerator: false), the menu only shows them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { LABEL_NAMES, LABELS } from '../contract/labels.ts';
import type { DesktopCommand, DesktopJob } from '../contract/channels.ts';

interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly packaged: boolean;
  /** Import and export open the page's own dialogs; back up and restore main's native ones. */
  readonly run: (command: DesktopCommand | DesktopJob) => void;
}

/** The keys of renderer/src/keys.ts, as Electron writes accelerators. */
const ARTICLE_KEYS: readonly { readonly label: string; readonly accelerator: string }[] = [
  ...LABELS.map((label, i) => ({ label: `Tag the selection: ${LABEL_NAMES[label].en}`, accelerator: String(i + 1) })),
  { label: 'Delete the selected span', accelerator: 'Delete' },
  { label: 'Next span', accelerator: 'Tab' },
  { label: 'Previous span', accelerator: 'Shift+Tab' },
  { label: 'Move the end edge', accelerator: 'CmdOrCtrl+Left' },
  { label: 'Move the start edge', accelerator: 'CmdOrCtrl+Shift+Left' },
  { label: 'Strip the proclitic', accelerator: 'S' },
  { label: 'Note on the selected span', accelerator: 'N' },
  { label: 'Undo', accelerator: 'CmdOrCtrl+Z' },
  { label: 'Redo', accelerator: 'CmdOrCtrl+Y' },
  { label: 'Next document', accelerator: 'Alt+Down' },
  { label: 'Previous document', accelerator: 'Alt+Up' },
  { label: 'Mark done and go to the next', accelerator: 'CmdOrCtrl+Enter' },
];

export function menuTemplate({ platform, packaged, run }: MenuOptions): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => run('import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => run('export') },
        { type: 'separator' },
        { label: 'Back Up…', accelerator: 'CmdOrCtrl+Shift+S', click: () => run('backup') },
        { label: 'Restore…', click: () => run('restore') },
        { type: 'separator' },
        platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // The article is read-only: no undo, cut or paste here (Ctrl+Z undoes a span, in the page).
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'selectAll' }] },
    {
      label: 'Tag',
      submenu: ARTICLE_KEYS.map(({ label, accelerator }) => ({ label, accelerator, registerAccelerator: false })),
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(packaged ? [] : [{ role: 'toggleDevTools' } as const]),
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
