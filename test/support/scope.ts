/**
 * Proposed scope against the hand-made expected scope of the seed articles
 * (test/fixtures/assist/scope.json): precision and recall over the code points that are not white
 * space, so that where a stretch's blank lines end does not count. Used by test/core/scope.test.ts
 * and by the assistance benchmark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './hamish.ts';

export type Range = readonly [number, number];

/** Each seed document's expected out-of-scope ranges, in code points. */
export function expectedScope(): Map<string, Range[]> {
  const file = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'assist', 'scope.json'), 'utf8')) as {
    documents: Record<string, { start: number; end: number }[]>;
  };
  return new Map(Object.entries(file.documents).map(([id, ranges]) => [id, ranges.map(({ start, end }) => [start, end] as const)]));
}

export interface ScopeScore {
  /** Code points (not white space) proposed, expected, and both. */
  readonly proposed: number;
  readonly expected: number;
  readonly both: number;
  readonly precision: number;
  readonly recall: number;
}

/** Counts, over many documents, what was proposed and what was expected out of scope. */
export class ScopeTally {
  private proposed = 0;
  private expected = 0;
  private both = 0;

  add(text: string, proposed: readonly Range[], expected: readonly Range[]): void {
    const chars = [...text];
    const marks = (ranges: readonly Range[]) => {
      const marked = new Uint8Array(chars.length);
      for (const [start, end] of ranges) marked.fill(1, start, end);
      return marked;
    };
    const p = marks(proposed);
    const e = marks(expected);
    chars.forEach((char, k) => {
      if (/\s/u.test(char)) return;
      this.proposed += p[k]!;
      this.expected += e[k]!;
      this.both += p[k]! & e[k]!;
    });
  }

  score(): ScopeScore {
    const { proposed, expected, both } = this;
    return { proposed, expected, both, precision: proposed === 0 ? 1 : both / proposed, recall: expected === 0 ? 1 : both / expected };
  }
}
