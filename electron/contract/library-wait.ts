/**
 * GET /waiting, in web mode: whether a change is waiting for SQLite's write lock (another program,
 * or the server's own import, holds it), why, and for how long so far. The save indicator asks
 * while a save takes long, so that it can say what the analyst is waiting for.
 */
export type LibraryWait =
  | { readonly waiting: false }
  | { readonly waiting: true; readonly reason: string; readonly seconds: number };

export const LIBRARY_WAIT_PATH = '/waiting';
