/** What React's useSyncExternalStore (and the painters over the text) subscribe to. */
export interface Readable<T> {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => T;
}

export interface Store<T> extends Readable<T> {
  /** Its owner changed something: the snapshot is read again when next asked for, and listeners hear now. */
  readonly changed: () => void;
}

/**
 * The renderer's one external store: `read` makes the snapshot, which stays the same object until
 * `changed` (as useSyncExternalStore requires), however often it is asked for. Plain TypeScript, as
 * the sessions that hold one are; the React hooks that read it are in use-store.ts (React imported
 * here, in a module the lazy cluster dialogs share with the first screen, made the bundler split the
 * first screen into two scripts).
 */
export function createStore<T>(read: () => T): Store<T> {
  const listeners = new Set<() => void>();
  let snapshot: { readonly value: T } | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => (snapshot ??= { value: read() }).value,
    changed() {
      snapshot = null;
      for (const listener of listeners) listener();
    },
  };
}

