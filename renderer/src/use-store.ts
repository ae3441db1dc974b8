import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import type { Readable } from './store.ts';

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
