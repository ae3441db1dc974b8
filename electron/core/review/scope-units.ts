/**
 * Scope units: how the ranges several annotators left out of the article line up. Pure: no
 * database. As for spans (units.ts): a range every chosen annotator left out, exactly, is a unit of
 * its own, agreed; the other ranges are grouped where they overlap, `range` when they differ,
 * `partial` when one range is left out by only some. Each annotator's ranges are merged already
 * (scope/ranges.ts), so an annotator has at most one version in a unit.
 */
import type { UnitKind } from '../../contract/contract.ts';
import type { Range } from '../scope/ranges.ts';

export interface ScopeVersion {
  readonly start: number;
  readonly end: number;
  /** Who left it out, in the order the annotators were chosen. */
  readonly annotators: readonly string[];
}

export interface ScopeUnit {
  /** "12-40:out" for an agreed range, "12-60:scope" for the extent of a contested group. */
  readonly id: string;
  readonly group: 'scope';
  readonly kind: UnitKind;
  readonly start: number;
  readonly end: number;
  /** By start, the longer first. */
  readonly versions: readonly ScopeVersion[];
  /** The chosen annotators who left nothing out here. */
  readonly missing: readonly string[];
}

/** Where a scope version's decision is kept: apart from spans' and cards'. */
export const scopeKey = ({ start, end }: { start: number; end: number }): string => `scope:${start}-${end}`;

/** The scope units of the chosen annotators' out-of-scope ranges (others' are left out), in text order. */
export function scopeUnitsOf(layers: readonly { annotator: string; out: readonly Range[] }[], annotators: readonly string[]): ScopeUnit[] {
  const rank = new Map(annotators.map((name, i) => [name, i]));
  const versions = new Map<string, { start: number; end: number; annotators: string[] }>();
  for (const { annotator, out } of layers) {
    if (!rank.has(annotator)) continue;
    for (const [start, end] of out) {
      const key = `${start}-${end}`;
      const version = versions.get(key) ?? { start, end, annotators: [] };
      version.annotators.push(annotator);
      versions.set(key, version);
    }
  }
  const all = [...versions.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const version of all) version.annotators.sort((a, b) => rank.get(a)! - rank.get(b)!);
  const units: ScopeUnit[] = [];
  let run: ScopeVersion[] = [];
  let runEnd = -1;
  const close = () => {
    if (run.length === 0) return;
    const start = run[0]!.start;
    const left = new Set(run.flatMap((version) => version.annotators));
    const kind: UnitKind = run.length > 1 ? 'range' : 'partial';
    units.push({ id: `${start}-${runEnd}:scope`, group: 'scope', kind, start, end: runEnd, versions: run, missing: annotators.filter((name) => !left.has(name)) });
    run = [];
  };
  for (const version of all) {
    if (version.annotators.length === annotators.length) {
      units.push({ id: `${version.start}-${version.end}:out`, group: 'scope', kind: 'agreed', start: version.start, end: version.end, versions: [version], missing: [] });
      continue;
    }
    // Sorted by start, a version overlaps the run before it iff it starts before the run's end.
    if (run.length > 0 && version.start >= runEnd) close();
    runEnd = run.length === 0 ? version.end : Math.max(runEnd, version.end);
    run.push(version);
  }
  close();
  return units.sort((a, b) => a.start - b.start || b.end - a.end);
}
