import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch, type Handlers } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import { WINDOW_OPERATIONS } from '../contract/operations.ts';
import { channelOf, isDesktopCommand, RUN_COMMAND, type DesktopCommand, type Reply } from './channels.ts';

/** Runs one call from the window and puts the outcome, success or refusal, into a Reply. */
export function answer(handlers: Handlers, operation: string, input: unknown): Reply {
  try {
    return { value: dispatch(handlers, operation, input) };
  } catch (error) {
    if (error instanceof HamishError) return { error: { code: error.code, message: error.message } };
    console.error(error);
    return { error: { code: 'internal', message: 'internal error' } };
  }
}

/**
 * One ipcMain.handle per operation the contract offers windows, and no other channel. Calls from anything but our
 * own window's main frame are refused before they reach the core.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  trusted: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const operation of WINDOW_OPERATIONS) {
    ipcMain.handle(channelOf(operation), (event, input: unknown): Reply => {
      if (!trusted(event)) throw new Error(`hamish: refused ${operation} from ${event.senderFrame?.url ?? 'a closed frame'}`);
      return answer(handlers, operation, input);
    });
  }
}

/** The one other channel: the window's Import…/Export… buttons open main's native dialogs. */
export function registerDesktopCommands(
  ipcMain: Pick<IpcMain, 'handle'>,
  trusted: (event: IpcMainInvokeEvent) => boolean,
  run: (command: DesktopCommand) => Promise<void>,
): void {
  ipcMain.handle(RUN_COMMAND, async (event, command: unknown): Promise<void> => {
    if (!trusted(event)) throw new Error(`hamish: refused ${RUN_COMMAND} from ${event.senderFrame?.url ?? 'a closed frame'}`);
    if (!isDesktopCommand(command)) throw new Error(`hamish: no such command ${JSON.stringify(command)}`);
    await run(command);
  });
}
