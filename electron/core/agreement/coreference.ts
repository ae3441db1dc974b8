/**
 * Coreference metrics as the CoNLL-2012 reference scorer (conll/reference-coreference-scorers,
 * scorer.pl v8) computes them, over entities given as sets of mention keys: MUC (Vilain et al.
 * 1995), B³ (Bagga and Baldwin 1998) and CEAF-e (Luo 2005, entity-based φ4). The key is the
 * reference, the response is scored against it. Mentions are matched exactly: a key mention the
 * response lacks (or the other way round) counts as an entity of its own in MUC's partitions and
 * adds nothing to the other metrics' numerators, as in the scorer. Where a denominator is 0 the
 * scorer reports 0, and so does this.
 */

export type Entity = readonly string[];

export interface CorefScore {
  readonly recall: number;
  readonly precision: number;
  readonly f1: number;
}

function score(recallNum: number, recallDen: number, precisionNum: number, precisionDen: number): CorefScore {
  const recall = recallDen === 0 ? 0 : recallNum / recallDen;
  const precision = precisionDen === 0 ? 0 : precisionNum / precisionDen;
  return { recall, precision, f1: recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision) };
}

/** Which entity each mention is in. */
function entityOf(entities: readonly Entity[]): Map<string, number> {
  const of = new Map<string, number>();
  entities.forEach((entity, i) => {
    for (const mention of entity) of.set(mention, i);
  });
  return of;
}

/** MUC's Σ(|S| − |partitions of S by the other side|) and Σ(|S| − 1) over the entities S of one side. */
function mucSide(entities: readonly Entity[], other: ReadonlyMap<string, number>): [number, number] {
  let numerator = 0;
  let denominator = 0;
  for (const entity of entities) {
    const parts = new Set<number>();
    let alone = 0; // mentions the other side lacks: each a partition of its own
    for (const mention of entity) {
      const at = other.get(mention);
      if (at === undefined) alone++;
      else parts.add(at);
    }
    numerator += entity.length - (parts.size + alone);
    denominator += entity.length - 1;
  }
  return [numerator, denominator];
}

export function muc(key: readonly Entity[], response: readonly Entity[]): CorefScore {
  const [rn, rd] = mucSide(key, entityOf(response));
  const [pn, pd] = mucSide(response, entityOf(key));
  return score(rn, rd, pn, pd);
}

/** Per entity of one side, how many of its mentions each entity of the other side holds. */
function overlaps(entities: readonly Entity[], other: ReadonlyMap<string, number>): Map<number, number>[] {
  return entities.map((entity) => {
    const shared = new Map<number, number>();
    for (const mention of entity) {
      const at = other.get(mention);
      if (at !== undefined) shared.set(at, (shared.get(at) ?? 0) + 1);
    }
    return shared;
  });
}

function bcubedSide(entities: readonly Entity[], other: ReadonlyMap<string, number>): [number, number] {
  let numerator = 0;
  let mentions = 0;
  overlaps(entities, other).forEach((shared, i) => {
    const size = entities[i]!.length;
    for (const n of shared.values()) numerator += (n * n) / size;
    mentions += size;
  });
  return [numerator, mentions];
}

export function bcubed(key: readonly Entity[], response: readonly Entity[]): CorefScore {
  const [rn, rd] = bcubedSide(key, entityOf(response));
  const [pn, pd] = bcubedSide(response, entityOf(key));
  return score(rn, rd, pn, pd);
}

/**
 * CEAF-e: the one-to-one alignment of key and response entities that maximises the sum of
 * φ4(K, R) = 2|K∩R| / (|K| + |R|), divided by the number of key entities (recall) and response
 * entities (precision). Only entities that share a mention can gain from being aligned, so the
 * assignment is solved per connected group of them (Kuhn–Munkres), which keeps a corpus of
 * thousands of mostly lone claims cheap.
 */
export function ceafe(key: readonly Entity[], response: readonly Entity[]): CorefScore {
  const shared = overlaps(key, entityOf(response));
  // Union-find over key entities (0..k-1) and response entities (k..k+r-1) that share a mention.
  const parent = Array.from({ length: key.length + response.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  shared.forEach((row, k) => {
    for (const r of row.keys()) parent[find(k)] = find(key.length + r);
  });
  const groups = new Map<number, { keys: number[]; responses: number[] }>();
  shared.forEach((row, k) => {
    if (row.size === 0) return;
    const root = find(k);
    const group = groups.get(root) ?? { keys: [], responses: [] };
    group.keys.push(k);
    groups.set(root, group);
  });
  response.forEach((_, r) => {
    const group = groups.get(find(key.length + r));
    group?.responses.push(r);
  });
  let total = 0;
  for (const { keys, responses } of groups.values()) {
    const similarity = keys.map((k) =>
      responses.map((r) => (2 * (shared[k]!.get(r) ?? 0)) / (key[k]!.length + response[r]!.length)),
    );
    total += maxAssignment(similarity);
  }
  return score(total, key.length, total, response.length);
}

/** The largest sum of a one-to-one choice of cells of a (rectangular) matrix of non-negative weights: Kuhn–Munkres. */
export function maxAssignment(weights: readonly (readonly number[])[]): number {
  const rows = weights.length;
  const columns = rows === 0 ? 0 : weights[0]!.length;
  if (rows === 0 || columns === 0) return 0;
  // Square it with zeros and minimise the cost max − w (the Hungarian method with potentials).
  const n = Math.max(rows, columns);
  const max = Math.max(...weights.flat());
  const cost = (i: number, j: number) => max - (i < rows && j < columns ? weights[i]![j]! : 0);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const match = new Int32Array(n + 1); // match[j]: the row given column j (1-based; 0: none)
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    match[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = match[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[match[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0]!;
      match[j0] = match[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) {
    const i = match[j]! - 1;
    if (i < rows && j - 1 < columns) total += weights[i]![j - 1]!;
  }
  return total;
}

/** MUC, B³ and CEAF-e, and the CoNLL score: the mean of their F1. */
export function coreference(key: readonly Entity[], response: readonly Entity[]) {
  const scores = { muc: muc(key, response), bcubed: bcubed(key, response), ceafe: ceafe(key, response) };
  return { ...scores, conll: (scores.muc.f1 + scores.bcubed.f1 + scores.ceafe.f1) / 3 };
}
