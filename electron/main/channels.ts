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
