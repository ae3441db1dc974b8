/**
 * The window's only way into the core: window.hamish, one function per contract operation and
 * nothing else. Bundled to preload.cjs (a sandboxed preload can require only 'electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { HamishApi } from '../contract/contract.ts';
import { OPERATIONS, type Operation } from '../contract/operations.ts';
import { channelOf, type Reply } from './channels.ts';

async function call(operation: Operation, input: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channelOf(operation), input)) as Reply;
  if ('error' in reply) throw new Error(reply.error.message);
  return reply.value;
}

const api = Object.fromEntries(
  OPERATIONS.map((operation) => [operation, (input: unknown) => call(operation, input)]),
) as unknown as HamishApi;

contextBridge.exposeInMainWorld('hamish', api);
