import { memo, useEffect, useState } from 'react';
import { libraryWait } from '../api.ts';
import type { SaveProgress } from '../save-queue.ts';
import type { Readable } from '../store.ts';
import { useStore } from '../use-store.ts';

/** A save answered sooner than this is not worth asking about; after it, ask this often. */
const ASK_AFTER_MS = 400;

/** While a save is on its way, what it waits for if the library is busy (null: it is not, or unknown). */
function useBusyReason(saving: boolean): string | null {
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => {
    const ask = libraryWait;
    if (!saving || !ask) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const wait = await ask();
        if (!stopped) setReason(wait.waiting ? wait.reason : null);
      } catch {
        // Not answering: the save itself fails and says so.
      }
      if (!stopped) timer = setTimeout(() => void poll(), ASK_AFTER_MS);
    };
    timer = setTimeout(() => void poll(), ASK_AFTER_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      setReason(null);
    };
  }, [saving]);
  return reason;
}

/**
 * Whether the database has every change. A save that waits for the library says what for. A
 * change that could not be saved stays on screen, said here with the reason, until Retry gets it
 * through.
 */
/**
 * Memoised, and to be given a stable `onRetry`, so that the panels' transitions do not render it:
 * a store read at once (useSyncExternalStore) inside a transition that the store has outrun makes
 * React render that whole transition again, blocking.
 */
export const SaveIndicator = memo(function SaveIndicator({
  progress,
  onRetry,
}: {
  /**
   * Read here, at once, not through the panels' transition: "Saved" is said in the frame after
   * SQLite's answer, not after the span list and the rest of the page have caught up.
   */
  progress: Readable<SaveProgress>;
  onRetry: () => void;
}) {
  const { save, saves, unsaved } = useStore(progress);
  const busy = useBusyReason(save.kind === 'saving');
  switch (save.kind) {
    case 'saved':
      return (
        <span className="save-state is-saved" data-save-state="saved" data-saves={saves}>
          Saved
        </span>
      );
    case 'saving':
      return (
        <span className="save-state is-saving" data-save-state="saving" data-busy={busy !== null}>
          {busy ? `Saving… waiting: ${busy}` : 'Saving…'}
        </span>
      );
    case 'failed':
      return (
        <span className="save-state is-failed" data-save-state="failed" role="alert" title={save.message}>
          {unsaved > 0 ? `${unsaved} ${unsaved === 1 ? 'change' : 'changes'} not saved` : 'Not saved'}: {save.message}
          {unsaved > 0 ? (
            <button className="retry" onClick={onRetry}>
              Retry
            </button>
          ) : null}
        </span>
      );
  }
});
