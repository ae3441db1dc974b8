/** The documents a search of the list matches (library-page.ts), by rowid: bit `rowid` of `bits` is set. */
export interface Matches {
  readonly bits: Uint32Array;
  readonly size: number;
}

/** The matches of the rowids given, every one of them at most `last`. */
export function matchesOf(rowids: readonly number[], last: number): Matches {
  const bits = new Uint32Array((last >>> 5) + 1);
  for (const rowid of rowids) bits[rowid >>> 5]! |= 1 << (rowid & 31);
  return { bits, size: rowids.length };
}

export function has({ bits }: Matches, rowid: number): boolean {
  return (bits[rowid >>> 5]! & (1 << (rowid & 31))) !== 0;
}

/** What the worker reading the first letters' matches (first-letters-worker.ts) hands back. */
export interface FirstLetters {
  /** The library it read them in: its documents' count and last rowid. */
  readonly total: number;
  readonly last: number;
  /** Each letter's FTS5 query and its matches' bitmap (transferred, not copied). */
  readonly found: readonly (readonly [match: string, bits: Uint32Array, size: number])[];
}
