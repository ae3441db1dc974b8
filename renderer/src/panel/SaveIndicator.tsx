import type { SaveState } from '../session.ts';

export function SaveIndicator({ state, saves }: { state: SaveState; saves: number }) {
  switch (state.kind) {
    case 'saved':
      return (
        <span className="save-state is-saved" data-save-state="saved" data-saves={saves}>
          Saved
        </span>
      );
    case 'saving':
      return <span className="save-state is-saving" data-save-state="saving">Saving…</span>;
    case 'failed':
      return (
        <span className="save-state is-failed" data-save-state="failed" role="alert" title={state.message}>
          Not saved: {state.message}
        </span>
      );
  }
}
