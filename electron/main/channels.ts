import type { ErrorCode } from '../contract/errors.ts';
import type { Operation } from '../contract/operations.ts';

/** The IPC channel of one contract operation; the preload and the main process both name it here. */
export function channelOf(operation: Operation): `hamish:${Operation}` {
  return `hamish:${operation}`;
}

/**
 * What the main process answers. Failures travel as data: Electron rewrites the message of an
 * Error thrown from ipcMain.handle, so the analyst would not see the core's own words.
 */
export type Reply = { readonly value: unknown } | { readonly error: { readonly code: ErrorCode | 'internal'; readonly message: string } };

/** What the desktop's own menus and dialogs do, which the window may also ask for (its buttons). */
export const DESKTOP_COMMANDS = ['import', 'export', 'backup', 'restore'] as const;
export type DesktopCommand = (typeof DESKTOP_COMMANDS)[number];

export function isDesktopCommand(value: unknown): value is DesktopCommand {
  return (DESKTOP_COMMANDS as readonly unknown[]).includes(value);
}

/** The window asks main to run a DesktopCommand; main shows the dialog, never the page. */
export const RUN_COMMAND = 'hamish-desktop:run';
/**
 * Main tells the window the library changed under it (an import from the menu). The preload
 * passes it on as a DOM event of the same name, carrying nothing.
 */
export const LIBRARY_CHANGED = 'hamish:library-changed';
