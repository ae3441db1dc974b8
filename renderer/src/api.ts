import type { Input, Output, WindowApi, WindowOperation } from '../../electron/contract/contract.ts';
import { WINDOW_OPERATIONS } from '../../electron/contract/contract.ts';
import { LIBRARY_WAIT_PATH, type LibraryWait } from '../../electron/contract/library-wait.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    readonly hamish?: WindowApi;
  }
}

/** A call the core answered with an error: `code` says whether trying again may help ('io'). */
export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Whether a failed save may go through if tried again: the disk, a lock or the connection, as
 * opposed to a refusal of the change itself. Errors without a code (the desktop bridge passes only
 * the message) count as passing, so the change stays on screen.
 */
export function mayPass(error: unknown): boolean {
  return !(error instanceof ApiError) || error.code === 'io';
}

/** Web mode: the contract over HTTP on the page's own origin (the token travels as a cookie). */
function httpApi(): WindowApi {
  async function call<O extends WindowOperation>(operation: O, input: Input<O>): Promise<Output<O>> {
    let body: { value: Output<O> } | { error: { code: string; message: string } };
    try {
      const response = await fetch(`api/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new ApiError('io', `Hamish is not answering (${error instanceof Error ? error.message : String(error)})`);
    }
    if ('error' in body) throw new ApiError(body.error.code, body.error.message);
    return body.value;
  }
  return Object.fromEntries(
    WINDOW_OPERATIONS.map((operation) => [operation, (input: never) => call(operation, input)]),
  ) as unknown as WindowApi;
}

export const api: WindowApi = window.hamish ?? httpApi();

/**
 * What a slow save waits for, as web mode's server says (another program holding the library's
 * write lock, or an import). The desktop app's saves do not wait like this: undefined there.
 */
export const libraryWait: (() => Promise<LibraryWait>) | undefined = window.hamish
  ? undefined
  : async () => (await fetch(LIBRARY_WAIT_PATH)).json() as Promise<LibraryWait>;
