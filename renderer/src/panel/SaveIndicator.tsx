import type { SaveProgress } from '../save-queue.ts';

/**
 * Whether the database has every change. A change that could not be saved stays on screen, said
 * here with the reason, until Retry gets it through.
 */
export function SaveIndicator({
  snapshot,
  onRetry,
}: {
  snapshot: SaveProgress;
  onRetry: () => void;
}) {
  const { save, saves, unsaved } = snapshot;
  switch (save.kind) {
    case 'saved':
      return (
        <span className="save-state is-saved" data-save-state="saved" data-saves={saves}>
          Saved
        </span>
      );
    case 'saving':
      return (
        <span className="save-state is-saving" data-save-state="saving">
          Saving…
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
}
