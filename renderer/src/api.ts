// Types only from the contract: its schemas (and zod) stay out of the page's bundle.
import type { Reply, WindowBridge } from '../../electron/contract/channels.ts';
import type { Input, Output, WindowApi, WindowOperation } from '../../electron/contract/contract.ts';
import { WINDOW_OPERATIONS } from '../../electron/contract/operations.ts';
import { LIBRARY_WAIT_PATH, type LibraryWait } from '../../electron/contract/library-wait.ts';
import type { Passing } from './save-queue.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    readonly hamish?: WindowBridge;
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
 * opposed to a refusal of the change itself. Both doors give the core's code; an error without
 * one (a bug) counts as passing, so the change stays on screen.
 */
export function mayPass(error: unknown): boolean {
  return !(error instanceof ApiError) || error.code === 'io';
}

/** How often a page that lost web mode's server asks whether it is back. */
const RECONNECT_MS = 1000;

let reconnecting: Promise<void> | null = null;

/** Settles once web mode's server answers again (any answer): one wait shared by every caller. */
function answeringAgain(): Promise<void> {
  reconnecting ??= (async () => {
    for (;;) {
      await new Promise((resume) => setTimeout(resume, RECONNECT_MS));
      try {
        await fetch('api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        reconnecting = null;
        return;
      } catch {
        // Still down (stopped, or restarting on the same library): ask again.
      }
    }
  })();
  return reconnecting;
}

/**
 * Web mode's server did not answer at all: stopped, or being restarted. It keeps its port and
 * token (server/address.ts), so the failure passes once it answers again.
 */
class NotAnswering extends ApiError implements Passing {
  readonly passed = answeringAgain();
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
      if (response.status === 401) {
        throw new ApiError('io', 'Hamish was started with a new token: open the address it printed (changes not saved here are lost then)');
      }
      body = (await response.json()) as typeof body;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new NotAnswering('io', `Hamish is not answering (${reason}); the change is sent again once it answers`);
    }
    if ('error' in body) throw new ApiError(body.error.code, body.error.message);
    return body.value;
  }
  return Object.fromEntries(
    WINDOW_OPERATIONS.map((operation) => [operation, (input: never) => call(operation, input)]),
  ) as unknown as WindowApi;
}

/** The desktop: the contract over the preload's IPC, its refusals thrown with their codes as web mode's are. */
function desktopApi(bridge: WindowBridge): WindowApi {
  async function call<O extends WindowOperation>(operation: O, input: Input<O>): Promise<Output<O>> {
    const reply = await (bridge[operation] as unknown as (input: Input<O>) => Promise<Reply<Output<O>>>)(input);
    if ('error' in reply) throw new ApiError(reply.error.code, reply.error.message);
    return reply.value;
  }
  return Object.fromEntries(
    WINDOW_OPERATIONS.map((operation) => [operation, (input: never) => call(operation, input)]),
  ) as unknown as WindowApi;
}

export const api: WindowApi = window.hamish ? desktopApi(window.hamish) : httpApi();

/**
 * What a slow save waits for, as web mode's server says (another program holding the library's
 * write lock, or an import). The desktop app's saves do not wait like this: undefined there.
 */
export const libraryWait: (() => Promise<LibraryWait>) | undefined = window.hamish
  ? undefined
  : async () => (await fetch(LIBRARY_WAIT_PATH)).json() as Promise<LibraryWait>;
