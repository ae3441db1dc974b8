/**
 * Agreement units: how the spans several annotators gave one document line up. Pure: no database.
 *
 * A version that every chosen annotator gave (same range, same label) is a unit of its own,
 * agreed. The other versions are grouped where they overlap, claims apart from entities (a claim
 * holds entities; they never compete). A group is a disagreement on the label (one range, several
 * labels), on the range (overlapping ranges), or a version only some annotators gave (partial).
 */
import type { UnitKind } from '../../contract/contract.ts';
import { LABELS, type Label } from '../../contract/labels.ts';

export type UnitGroup = 'claims' | 'entities';

export interface LayerSpan {
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  readonly annotator: string;
}

export interface Version {
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  /** Who gave it, in the order the annotators were chosen. */
  readonly annotators: readonly string[];
}

export interface Unit {
  /**
   * The same for the same spans, whatever the order they were stored or asked in: an agreed
   * unit is named by its range and label ("12-18:actor"), any other by its extent and group
   * ("12-30:entities"). Neither kind can repeat within a document.
   */
  readonly id: string;
  readonly group: UnitGroup;
  readonly kind: UnitKind;
  /** The extent of its versions. */
  readonly start: number;
  readonly end: number;
  /** In reading order: by start, the longer first, then by label. */
  readonly versions: readonly Version[];
  /** The chosen annotators who marked nothing here. */
  readonly missing: readonly string[];
}

export function groupOf(label: Label): UnitGroup {
  return label === 'claim' ? 'claims' : 'entities';
}

export const versionKey = ({ start, end, label }: { start: number; end: number; label: Label }): string => `${start}-${end}:${label}`;

function readingOrder(a: Omit<Version, 'annotators'>, b: Omit<Version, 'annotators'>): number {
  return a.start - b.start || b.end - a.end || LABELS.indexOf(a.label) - LABELS.indexOf(b.label);
}

/** The units of `spans` (of the `annotators` chosen; others' are left out), in reading order. */
export function unitsOf(spans: readonly LayerSpan[], annotators: readonly string[]): Unit[] {
  const rank = new Map(annotators.map((name, i) => [name, i]));
  const versions = new Map<string, { start: number; end: number; label: Label; annotators: string[] }>();
  for (const span of spans) {
    if (!rank.has(span.annotator)) continue;
    const key = versionKey(span);
    const version = versions.get(key) ?? { start: span.start, end: span.end, label: span.label, annotators: [] };
    version.annotators.push(span.annotator);
    versions.set(key, version);
  }
  const units: Unit[] = [];
  const contested: Version[] = [];
  for (const version of versions.values()) {
    version.annotators.sort((a, b) => rank.get(a)! - rank.get(b)!);
    if (version.annotators.length === annotators.length) {
      units.push({ id: versionKey(version), group: groupOf(version.label), kind: 'agreed', ...extent([version]), versions: [version], missing: [] });
    } else {
      contested.push(version);
    }
  }
  contested.sort(readingOrder);
  for (const group of ['claims', 'entities'] as const) {
    // Sorted by start, a version overlaps the run before it iff it starts before the run's end.
    let run: Version[] = [];
    let runEnd = -1;
    for (const version of contested.filter((v) => groupOf(v.label) === group)) {
      if (run.length > 0 && version.start >= runEnd) {
        units.push(contestedUnit(run, group, annotators));
        run = [];
      }
      runEnd = run.length === 0 ? version.end : Math.max(runEnd, version.end);
      run.push(version);
    }
    if (run.length > 0) units.push(contestedUnit(run, group, annotators));
  }
  // Claims before the entities they hold; the id orders what is left (an agreed unit and a
  // contested one over the same extent).
  const groupRank = (unit: Unit) => (unit.group === 'claims' ? 0 : 1);
  return units.sort((a, b) => a.start - b.start || b.end - a.end || groupRank(a) - groupRank(b) || (a.id < b.id ? -1 : 1));
}

function extent(versions: readonly Version[]): { start: number; end: number } {
  return { start: Math.min(...versions.map((v) => v.start)), end: Math.max(...versions.map((v) => v.end)) };
}

function contestedUnit(versions: Version[], group: UnitGroup, annotators: readonly string[]): Unit {
  const { start, end } = extent(versions);
  const marked = new Set(versions.flatMap((v) => v.annotators));
  const oneRange = versions.every((v) => v.start === versions[0]!.start && v.end === versions[0]!.end);
  const kind: UnitKind = !oneRange ? 'range' : versions.length > 1 ? 'label' : 'partial';
  return { id: `${start}-${end}:${group}`, group, kind, start, end, versions, missing: annotators.filter((name) => !marked.has(name)) };
}
