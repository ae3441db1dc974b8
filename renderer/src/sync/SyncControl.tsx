import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../electron/contract/contract.ts';
import { api } from '../api.ts';
import { useModal } from '../modal.ts';

/** How often the status is asked for: often while a sync runs, else enough for "12 s ago". */
const WHILE_SYNCING_MS = 300;
const OTHERWISE_MS = 5000;

function ago(at: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : new Date(at).toLocaleString();
}

/** The changes the hub has not got yet, said on a line of their own. */
function waitingText({ state, waiting }: SyncStatus): string | null {
  if (!waiting || state === 'off' || state === 'syncing') return null;
  return `${waiting} change${waiting === 1 ? '' : 's'} waiting`;
}

/** The status in a few words (the reason in full is its title). */
function statusText(status: SyncStatus, now: number): string {
  switch (status.state) {
    case 'off':
      return 'no hub';
    case 'never':
      return 'not synced yet';
    case 'syncing':
      return 'syncing…';
    case 'synced':
      return `synced ${ago(status.lastSyncedAt!, now)}`;
    case 'offline':
      return 'offline';
    case 'needs_password':
      return 'the hub wants the password';
    case 'refused':
      return `sync refused: ${status.message ?? ''}`;
  }
}

/**
 * The team hub in the top bar: Sync now, and what the last sync did (the app also syncs every
 * minute). Without a hub, or when the hub refused the password, Sync asks for them first.
 */
export function SyncControl({ onSynced }: { readonly onSynced: () => void }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [now, setNow] = useState(Date.now());
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The last sync seen; undefined: no status seen yet. */
  const last = useRef<string | null | undefined>(undefined);
  const synced = useRef(onSynced);
  synced.current = onSynced;

  const show = useCallback((next: SyncStatus) => {
    setStatus(next);
    setNow(Date.now());
    // A sync that went through since the page opened may have brought documents and colleagues' layers.
    if (last.current !== undefined && next.lastSyncedAt !== null && next.lastSyncedAt !== last.current) synced.current();
    last.current = next.lastSyncedAt;
  }, []);

  const syncing = status?.state === 'syncing';
  useEffect(() => {
    let stopped = false;
    const poll = () =>
      api.syncStatus({}).then(
        (next) => !stopped && show(next),
        () => {},
      );
    void poll();
    const timer = setInterval(() => void poll(), syncing ? WHILE_SYNCING_MS : OTHERWISE_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [syncing, show]);

  const syncNow = () => {
    setProblem(null);
    if (!status || status.state === 'off' || status.state === 'needs_password') {
      setAsking(true);
      return;
    }
    api.syncNow({}).then(show, (error: Error) => setProblem(error.message));
  };

  const said = status ? (problem ?? statusText(status, now)) : null;
  const waiting = status ? waitingText(status) : null;
  // One button: what the last sync did is on it, so the bar keeps room for everything else.
  return (
    <span className="sync">
      <button
        className={`topbar-button sync-button sync-${status?.state ?? 'unknown'}`}
        onClick={syncNow}
        disabled={syncing}
        aria-label={['Sync', said, waiting].filter(Boolean).join(': ')}
        title={[status?.hub ?? 'Sync with the team’s hub', status?.message].filter(Boolean).join('\n')}
      >
        <span className="sync-state" role={status?.state === 'refused' || status?.state === 'needs_password' ? 'alert' : 'status'}>
          ⟳ {said ?? 'Sync'}
        </span>
        {waiting ? <span className="sync-waiting">{waiting}</span> : null}
      </button>
      {asking && status ? (
        <HubDialog
          status={status}
          onDone={(next) => {
            setAsking(false);
            if (next) {
              show(next);
              api.syncNow({}).then(show, (error: Error) => setProblem(error.message));
            }
          }}
        />
      ) : null}
    </span>
  );
}

/** Asks for the hub's URL and password. Where the password goes is said: kept sealed, or for this session. */
function HubDialog({ status, onDone }: { readonly status: SyncStatus; readonly onDone: (status: SyncStatus | null) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState(status.hub ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useModal(dialog);

  const submit = () => {
    api.setHub({ url, ...(password ? { password } : {}) }).then(
      (next) => onDone(next),
      (error: Error) => setProblem(error.message),
    );
  };

  return (
    <dialog ref={dialog} className="export-dialog hub-dialog" aria-label="The team’s hub" onClose={() => onDone(null)}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2>The team’s hub</h2>
        {status.state === 'needs_password' && status.message ? <p className="refusal">{status.message}</p> : null}
        <label className="export-row">
          Hub <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="postgres://you@host/hamish" required autoFocus={!url} />
        </label>
        <label className="export-row">
          Password <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus={!!url} />
        </label>
        <p className="export-note">
          {window.hamish
            ? 'The password is kept sealed by this computer’s keychain (where it has one; else for this session only).'
            : 'In the browser the password is kept for this session only, in Hamish’s memory; it is asked for again next time.'}
        </p>
        {problem ? <p className="refusal" role="alert">{problem}</p> : null}
        <div className="export-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit">Sync</button>
        </div>
      </form>
    </dialog>
  );
}
