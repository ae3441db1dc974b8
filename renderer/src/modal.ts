import { useEffect, type RefObject } from 'react';

/**
 * Opens `dialog` as a modal while the component is mounted. Meanwhile the editor behind it hears
 * no keys (1–4, arrows, Delete, Escape), wherever the focus is; default actions (typing, Tab,
 * Space) stay. Escape closes the dialog unless it must be answered (`closable` false).
 */
export function useModal(dialog: RefObject<HTMLDialogElement | null>, closable = true): void {
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    const keys = (event: KeyboardEvent) => {
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        if (closable) element.close();
      }
    };
    window.addEventListener('keydown', keys, true);
    return () => window.removeEventListener('keydown', keys, true);
  }, [dialog, closable]);
}
