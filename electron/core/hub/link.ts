/**
 * The app's link to the team's hub: which hub (in the library's settings, without the password),
 * its password, a sync on demand and one every minute, and the status the window shows.
 *
 * Hamish stores no credential in plain text. With a keychain (the desktop: Electron's safeStorage)
 * the password is kept sealed by it in the settings; without one (web mode) it is held in this
 * process's memory for the session and asked for again next time; given neither, the connection
 * takes $PGPASSWORD or the password file as the CLI does (connect.ts).
 *
 * A sync runs beside the answering of calls: its talk with PostgreSQL is asynchronous, and its
 * only blocking parts are the library's own short transactions (sync.ts), so a window's saves go
 * on while it runs. Clusters and article scope, when they land, sync in sync.ts: nothing here.
 */
import type { SyncStatus } from '../../contract/contract.ts';
import { HamishError } from '../../contract/errors.ts';
import type { Db } from '../database.ts';
import { Settings } from '../settings.ts';
import { parseHubUrl, type HubUrl } from '../../hub/connect.ts';
import { changesWaiting, syncAs, type SyncedAs } from './sync.ts';

/** How often the app (desktop and web mode) syncs on its own with the team's hub. */
export const SYNC_EVERY = 60_000;

/** Seals and opens a secret with the operating system's keychain. */
export interface SecretStore {
  seal(plain: string): string;
  open(sealed: string): string;
}

export interface HubLinkOptions {
  /** The keychain; none: passwords stay in memory for the session. */
  readonly secrets?: SecretStore | undefined;
  /** Sync on its own this often (ms); none: only when asked (the CLI's one-shot commands). */
  readonly every?: number | undefined;
}

interface Kept {
  readonly url: string;
  readonly synced?: SyncedAs;
}

type Outcome =
  | { readonly kind: 'never' }
  | { readonly kind: 'synced'; readonly at: string }
  | { readonly kind: 'failed'; readonly state: 'offline' | 'needs_password' | 'refused'; readonly message: string; readonly at: string | null };

export class HubLink {
  private readonly db: Db;
  private readonly settings: Settings;
  private readonly annotator: () => string;
  private readonly secrets: SecretStore | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  /** The password given in this session (web mode's only copy). */
  private password: string | undefined;
  private running: Promise<void> | undefined;
  private outcome: Outcome = { kind: 'never' };
  private closed = false;

  constructor(db: Db, annotator: () => string, options: HubLinkOptions = {}) {
    this.db = db;
    this.settings = new Settings(db);
    this.annotator = annotator;
    this.secrets = options.secrets;
    if (options.every !== undefined) {
      this.timer = setInterval(() => this.kept() && this.start(), options.every);
      // The timer alone does not keep the process alive.
      this.timer.unref();
    }
  }

  status(): SyncStatus {
    const kept = this.kept();
    const known = this.password !== undefined || (this.secrets !== undefined && this.settings.get('hub_password') !== undefined);
    const password = !known ? 'none' : this.secrets ? 'keychain' : 'session';
    if (!kept) return { hub: null, state: 'off', lastSyncedAt: null, waiting: null, message: null, password };
    const waiting = kept.synced ? changesWaiting(this.db, kept.synced) : null;
    const base = { hub: kept.url, waiting, password } as const;
    if (this.running) return { ...base, state: 'syncing', lastSyncedAt: this.lastAt(), message: null };
    const outcome = this.outcome;
    if (outcome.kind === 'never') return { ...base, state: 'never', lastSyncedAt: null, message: null };
    if (outcome.kind === 'synced') return { ...base, state: 'synced', lastSyncedAt: outcome.at, message: null };
    return { ...base, state: outcome.state, lastSyncedAt: outcome.at, message: outcome.message };
  }

  /** Sets (or, null, forgets) the hub; a password in the URL is taken out of it and kept as given. */
  setHub(given: string | null, password: string | undefined): SyncStatus {
    if (given === null) {
      this.db.transaction(() => {
        this.settings.delete('hub');
        this.settings.delete('hub_password');
      })();
      this.password = undefined;
      this.outcome = { kind: 'never' };
      return this.status();
    }
    const hub = parseHubUrl(given, 'hub');
    const secret = password ?? (hub.url.password === '' ? undefined : decodeURIComponent(hub.url.password));
    const previous = this.kept();
    this.db.transaction(() => {
      // Another hub starts afresh; the same one keeps what it knew of us.
      const same = previous?.url === hub.shown;
      this.settings.set('hub', JSON.stringify(same ? previous : { url: hub.shown }));
      if (secret !== undefined && this.secrets) this.settings.set('hub_password', this.secrets.seal(secret));
      else if (!same || secret !== undefined) this.settings.delete('hub_password');
    })();
    if (secret !== undefined || previous?.url !== hub.shown) this.password = secret;
    this.outcome = { kind: 'never' };
    return this.status();
  }

  /** Starts a sync unless one runs; answers at once. */
  syncNow(): SyncStatus {
    if (!this.kept()) throw new HamishError('invalid_input', 'syncNow: no hub is set (Sync → the hub’s postgres:// URL)');
    this.start();
    return this.status();
  }

  /** Stops the timer; a sync under way finishes its PostgreSQL part and leaves the library alone. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  /** Until the running sync (if any) is over: for tests and an orderly quit. */
  async idle(): Promise<void> {
    await this.running;
  }

  private start(): void {
    if (this.running || this.closed) return;
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
  }

  private async run(): Promise<void> {
    const kept = this.kept()!;
    const hub = this.urlWithPassword(kept.url);
    try {
      const synced = await syncAs(this.db, hub, this.annotator());
      if (this.closed) return;
      this.settings.set('hub', JSON.stringify({ url: kept.url, synced: { hubId: synced.hubId, member: synced.member } }));
      this.outcome = { kind: 'synced', at: new Date().toISOString() };
    } catch (error) {
      if (this.closed) return;
      this.outcome = { kind: 'failed', ...failureOf(error), at: this.lastAt() };
    }
  }

  private lastAt(): string | null {
    const outcome = this.outcome;
    return outcome.kind === 'never' ? null : outcome.at;
  }

  private kept(): Kept | undefined {
    const value = this.settings.get('hub');
    return value === undefined ? undefined : (JSON.parse(value) as Kept);
  }

  private urlWithPassword(shown: string): HubUrl {
    const hub = parseHubUrl(shown, 'hub');
    const password = this.password ?? this.unsealed();
    if (password !== undefined) hub.url.password = encodeURIComponent(password);
    return hub;
  }

  /** The keychain's copy, once per session; one it cannot open (another machine's) counts as none. */
  private unsealed(): string | undefined {
    const sealed = this.settings.get('hub_password');
    if (sealed === undefined || !this.secrets) return undefined;
    try {
      this.password = this.secrets.open(sealed);
    } catch {
      return undefined;
    }
    return this.password;
  }
}

/** Why a sync did not go through, as the status says it. */
function failureOf(error: unknown): { state: 'offline' | 'needs_password' | 'refused'; message: string } {
  const message = (error as Error).message ?? String(error);
  const code = (error as { code?: string }).code ?? ((error as { cause?: { code?: string } }).cause?.code);
  // 28P01: wrong password; 28000: no such role or not allowed; pg's own words when none was given.
  if (code === '28P01' || code === '28000' || /password/i.test(message)) return { state: 'needs_password', message };
  // PostgreSQL's classes 08 (connection) and 57 (shutdown, restart), and the network's failures:
  // the hub is out of reach, the changes wait. Anything else the hub or Hamish refused, and says why.
  const unreachable = error instanceof HamishError ? error.code === 'io' : code === undefined || /^(08|57)/.test(code) || /^E[A-Z]+$/.test(code);
  return { state: unreachable ? 'offline' : 'refused', message };
}
