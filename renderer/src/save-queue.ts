export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly message: string };

/** Where a session's saves stand, as the save indicator shows it. */
export interface SaveProgress {
  readonly save: SaveState;
  /** How many changes the database has acknowledged since the session began. */
  readonly saves: number;
  /** Changes on screen that could not be saved yet (see retry). */
  readonly unsaved: number;
}

export type Outcome = 'saved' | 'refused' | 'kept';

/** A failure that passes by itself (Hamish not answering for a while): `passed` settles when it has. */
export interface Passing {
  readonly passed: Promise<void>;
}

function passingOf(error: unknown): Promise<void> | undefined {
  return typeof error === 'object' && error !== null && 'passed' in error ? (error as Passing).passed : undefined;
}

/**
 * Sends changes to the database one after another, in the order they were made. 'saved': it is
 * stored. 'refused': it failed, and the caller puts the screen back. 'kept' (when the caller keeps
 * changes and the failure may pass: disk, lock, connection): the change stays on screen and
 * `retry` sends it again; after a failure that passes by itself (Passing), the queue does.
 */
export class SaveQueue {
  private inFlight = 0;
  private saves = 0;
  private failure: string | null = null;
  private readonly unsaved: (() => Promise<void>)[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private readonly changed: () => void;
  private readonly mayPass: (error: unknown) => boolean;
  /** Whether the kept changes are to be sent again by themselves, once their failure passes. */
  private resending = false;

  /** `changed` is called whenever the progress changes; `mayPass` tells failures worth keeping. */
  constructor(changed: () => void, mayPass: (error: unknown) => boolean = () => false) {
    this.changed = changed;
    this.mayPass = mayPass;
  }

  progress(): SaveProgress {
    return {
      save: this.failure ? { kind: 'failed', message: this.failure } : this.inFlight > 0 ? { kind: 'saving' } : { kind: 'saved' },
      saves: this.saves,
      unsaved: this.unsaved.length,
    };
  }

  /** Resolves when every change sent so far has had its answer. */
  settled(): Promise<unknown> {
    return this.tail;
  }

  async send(send: () => Promise<void>, keep = true): Promise<Outcome> {
    // With nothing on its way the request leaves now, before the page repaints for the change;
    // else it waits its turn behind those sent before it.
    // (Called inside an async function, so that a send that throws at once is a refusal like any.)
    const turn = this.inFlight === 0 ? (async () => send())() : this.tail.then(send);
    this.inFlight++;
    this.changed();
    this.tail = turn.catch(() => undefined);
    try {
      await turn;
      this.saves++;
      if (this.unsaved.length === 0) this.failure = null;
      return 'saved';
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      if (keep && this.mayPass(error)) {
        this.unsaved.push(send);
        this.resendWhenPassed(error);
        return 'kept';
      }
      return 'refused';
    } finally {
      this.inFlight--;
      this.changed();
    }
  }

  private resendWhenPassed(error: unknown): void {
    const passed = passingOf(error);
    if (!passed || this.resending) return;
    this.resending = true;
    void passed.then(() => {
      this.resending = false;
      return this.retry();
    });
  }

  /** Sends the changes that could not be saved again, in the order they were made. */
  async retry(): Promise<void> {
    const pending = this.unsaved.splice(0);
    for (const [i, send] of pending.entries()) {
      if ((await this.send(send)) !== 'saved') {
        // The rest stay queued behind it, in order.
        this.unsaved.push(...pending.slice(i + 1));
        return;
      }
    }
  }
}
