import { useEffect, type RefObject } from 'react';
import { LABELS, type Label } from '../../electron/contract/labels.ts';
import type { ArticleControls } from './editor/ArticleView.tsx';
import type { DocumentSession } from './session.ts';

/** Digit keys by physical position (KeyboardEvent.code), so they work on an Arabic layout too. */
function labelOfKey(code: string): Label | null {
  const match = /^(?:Digit|Numpad)([1-4])$/.exec(code);
  return match ? LABELS[Number(match[1]) - 1]! : null;
}

interface Bindings {
  readonly session: DocumentSession | null;
  readonly controls: RefObject<ArticleControls | null>;
  readonly step: (by: 1 | -1) => void;
  readonly markDone: () => void;
}

export function useKeyBindings({ session, controls, step, markDone }: Bindings): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      const label = labelOfKey(event.code);
      if (label && plain) {
        if (controls.current?.tagSelection(label)) event.preventDefault();
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && plain) {
        const selected = session?.selected();
        if (selected) {
          event.preventDefault();
          void session!.delete(selected.span.id);
        }
      } else if (event.key === 'Escape') {
        session?.select(null);
        document.getSelection()?.removeAllRanges();
      } else if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        step(event.key === 'ArrowDown' ? 1 : -1);
      } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        markDone();
        step(1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session, controls, step, markDone]);
}
