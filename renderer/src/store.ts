import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';

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
 * `changed` (as useSyncExternalStore requires), however often it is asked for.
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

export function useStore<T>(store: Readable<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * A store followed in a transition, for what may render late (the panels beside the article):
 * useSyncExternalStore renders every change at once, which a key press would wait for.
 */
export function useStoreInTransition<T>(store: Readable<T> | null): T | null {
  const [snapshot, setSnapshot] = useState<T | null>(null);
  useEffect(() => {
    setSnapshot(store?.getSnapshot() ?? null);
    if (!store) return;
    return store.subscribe(() => startTransition(() => setSnapshot(store.getSnapshot())));
  }, [store]);
  return snapshot;
}
