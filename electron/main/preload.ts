/**
 * The window's only way into the core: window.hamish, one function per operation the contract
 * offers windows (none that names files) and nothing else; and window.hamishDesktop.run, which asks main to show one of its four native
 * dialogs. Bundled to preload.cjs (a sandboxed preload can require only 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { WindowApi } from '../contract/contract.ts';
import { WINDOW_OPERATIONS, type WindowOperation } from '../contract/operations.ts';
import { channelOf, isDesktopCommand, LIBRARY_CHANGED, RUN_COMMAND, type DesktopCommand, type Reply } from './channels.ts';

async function call(operation: WindowOperation, input: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channelOf(operation), input)) as Reply;
  if ('error' in reply) throw new Error(reply.error.message);
  return reply.value;
}

const api = Object.fromEntries(
  WINDOW_OPERATIONS.map((operation) => [operation, (input: unknown) => call(operation, input)]),
) as unknown as WindowApi;

contextBridge.exposeInMainWorld('hamish', api);

contextBridge.exposeInMainWorld('hamishDesktop', {
  run: async (command: DesktopCommand): Promise<void> => {
    if (!isDesktopCommand(command)) throw new Error(`no such command ${JSON.stringify(command)}`);
    await ipcRenderer.invoke(RUN_COMMAND, command);
  },
});

// Nothing from main reaches the page but this one signal, as a plain DOM event.
// (globalThis is the window here; the preload is compiled without the DOM types.)
ipcRenderer.on(LIBRARY_CHANGED, () => (globalThis as unknown as EventTarget).dispatchEvent(new Event(LIBRARY_CHANGED)));
