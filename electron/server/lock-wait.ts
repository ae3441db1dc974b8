/**
 * The server's connection does not let SQLite wait for the write lock (its busy timeout is 0):
 * SQLite waits by putting the thread to sleep, and the server's one thread answers every request,
 * so one save waiting for another program froze every read and the page with it. An operation
 * refused because the lock is taken is tried again here after a pause instead, until it goes
 * through or BUSY_TIMEOUT_MS have passed, as long as SQLite would have waited. Trying again is
 * safe: a write takes the lock first (IMMEDIATE), so a refused one has done nothing.
 */
import Database from 'better-sqlite3';
import type { LibraryWait } from '../contract/library-wait.ts';
import { HamishError } from '../contract/errors.ts';
import { BUSY_TIMEOUT_MS, type Hamish } from '../core/hamish.ts';

/** How long between tries: short against the lock's holder finishing, long against busy-looping. */
const PAUSE_MS = 15;

export class LockWaits {
  /** The operations waiting now: when each began. */
  private readonly waiting = new Set<{ readonly started: number }>();
  private readonly why: () => string;

  /** Takes over the core's waiting; `why` says who holds the lock, as far as the server knows. */
  constructor(hamish: Pick<Hamish, 'refuseWhenBusy'>, why: () => string) {
    hamish.refuseWhenBusy();
    this.why = why;
  }

  async run<T>(attempt: () => T): Promise<T> {
    const me = { started: performance.now() };
    try {
      for (;;) {
        try {
          return attempt();
        } catch (error) {
          if (!isBusy(error) || performance.now() - me.started >= BUSY_TIMEOUT_MS) throw error;
        }
        this.waiting.add(me);
        await new Promise((resume) => setTimeout(resume, PAUSE_MS));
      }
    } finally {
      this.waiting.delete(me);
    }
  }

  status(): LibraryWait {
    if (this.waiting.size === 0) return { waiting: false };
    const seconds = (performance.now() - Math.min(...[...this.waiting].map(({ started }) => started))) / 1000;
    return { waiting: true, reason: this.why(), seconds: Math.round(seconds * 10) / 10 };
  }
}

/** SQLite's "the lock is taken", as the core passes it on (an 'io' refusal caused by it). */
function isBusy(error: unknown): boolean {
  const cause = error instanceof HamishError ? error.cause : error;
  return cause instanceof Database.SqliteError && cause.code.startsWith('SQLITE_BUSY');
}
