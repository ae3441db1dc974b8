/**
 * The library's names a typed one may have meant: the same but for case and spaces, or a slip of
 * a letter or two ("laila" for "layla"). Closest first.
 */
export function nearNames(typed: string, known: readonly string[]): string[] {
  const folded = fold(typed);
  // A slip is a letter or two, and never most of a short name.
  const most = Math.min(2, Math.floor(folded.length / 3));
  return known
    .map((name) => ({ name, distance: editDistance(folded, fold(name)) }))
    .filter(({ distance }) => distance <= most)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .map(({ name }) => name);
}

const fold = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Levenshtein distance in code points, one row at a time. */
function editDistance(a: string, b: string): number {
  const [from, to] = [[...a], [...b]];
  let row = Array.from({ length: to.length + 1 }, (_, j) => j);
  for (let i = 0; i < from.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < to.length; j++) next.push(Math.min(row[j + 1]! + 1, next[j]! + 1, row[j]! + (from[i] === to[j] ? 0 : 1)));
    row = next;
  }
  return row[to.length]!;
}
