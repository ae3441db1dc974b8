import { useEffect } from 'react';
import { LIBRARY_CHANGED, type DesktopCommand } from '../../electron/main/channels.ts';

declare global {
  interface Window {
    /** Set by the Electron preload: main's native dialogs. Absent in web mode. */
    readonly hamishDesktop?: { run(command: DesktopCommand): Promise<void> };
  }
}

/** In the desktop app, Import… and Export… open main's native dialogs instead of the page's. */
export const desktop = window.hamishDesktop ?? null;

/** Calls `refresh` when main changed the library under the window (an import from the menu). */
export function useLibraryChanged(refresh: () => void): void {
  useEffect(() => {
    window.addEventListener(LIBRARY_CHANGED, refresh);
    return () => window.removeEventListener(LIBRARY_CHANGED, refresh);
  }, [refresh]);
}
