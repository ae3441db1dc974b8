import type { LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { bindingIn, type KeyContext } from '../../../electron/contract/keymap.ts';
import { command } from './commands.ts';

/** Keys typed into a field are the field's. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The one key dispatcher of an article: a key press is looked up in the key map in each context
 * that applies, most particular first (`contexts`, read at the press), and the first binding
 * whose command a feature takes is dispatched through the article's Lexical editor. A binding
 * whose handler declines (nothing registered, or the feature passes) lets the next context try.
 * Modal dialogs take their keys before this (window capture), so the article behind hears none.
 */
export function useKeymap(editor: LexicalEditor | null, contexts: () => readonly KeyContext[]): void {
  useEffect(() => {
    if (!editor) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (typing(event)) return;
      for (const context of contexts()) {
        const binding = bindingIn(context, event);
        if (binding && editor.dispatchCommand(command(binding.command), binding.payload as never)) {
          event.preventDefault();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [editor, contexts]);
}
