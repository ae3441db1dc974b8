/**
 * The connection behind an opened core, for tests and benchmarks that look at the library file
 * itself (its pragmas, a row set up by hand). Doors never reach it: they have the operations and
 * jobs of core/hamish.ts, and test/architecture fails a door that imports this.
 */
import type { Db } from './database.ts';
import type { Hamish } from './hamish.ts';

const connections = new WeakMap<Hamish, Db>();

export function connectionOf(hamish: Hamish): Db {
  const db = connections.get(hamish);
  if (!db) throw new Error('connectionOf: not a core opened by openHamish');
  return db;
}

/** Called by openHamish only. */
export function keepConnection(hamish: Hamish, db: Db): Hamish {
  connections.set(hamish, db);
  return hamish;
}
