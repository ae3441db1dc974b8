/**
 * The native menus. File opens the page's Import and Export dialogs and main's Back Up and Restore; Tag lists the keys the article binds
 * (the key map, contract/keymap.ts) so they can be found, without taking them: the page handles its own keys
 * (registerAccelerator: false), the menu only shows them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { menuKeys } from '../contract/keymap.ts';
import type { DesktopCommand, DesktopJob } from '../contract/channels.ts';

interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly packaged: boolean;
  /** Import and export open the page's own dialogs; back up and restore main's native ones. */
  readonly run: (command: DesktopCommand | DesktopJob) => void;
}


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
      submenu: menuKeys().map(({ label, accelerator }) => ({ label, accelerator, registerAccelerator: false })),
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
