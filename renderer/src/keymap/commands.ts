import { mergeRegister } from '@lexical/utils';
import { COMMAND_PRIORITY_EDITOR, createCommand, type LexicalCommand, type LexicalEditor } from 'lexical';
import type { CommandId, CommandPayloads } from '../../../electron/contract/keymap.ts';

type Commands = { readonly [K in CommandId]: LexicalCommand<CommandPayloads[K]> };

const made = new Map<CommandId, LexicalCommand<unknown>>();

/** The Lexical command of a key map command: one per id, made when first asked for. */
export function command<K extends CommandId>(id: K): Commands[K] {
  let found = made.get(id);
  if (!found) {
    found = createCommand(id);
    made.set(id, found);
  }
  return found as Commands[K];
}

/** What a feature does on its commands: true when it did it (or said why not), false to let the key pass. */
export type Handlers = { readonly [K in CommandId]?: (payload: CommandPayloads[K]) => boolean };

/** Registers a feature's handlers on the article's editor; the disposer removes them all. */
export function registerCommands(editor: LexicalEditor, handlers: Handlers): () => void {
  const entries = Object.entries(handlers) as [CommandId, (payload: unknown) => boolean][];
  return mergeRegister(...entries.map(([id, handle]) => editor.registerCommand(command(id) as LexicalCommand<unknown>, handle, COMMAND_PRIORITY_EDITOR)));
}
