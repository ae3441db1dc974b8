/**
 * The scope Hamish's own JSONL export carries (`scope`): for each layer that leaves text out of the
 * article, its out-of-scope ranges in code points, `[{"annotator": "layla", "out": [[s, e], ...]}]`.
 */
import { codePointLength } from '../../text/codepoints.ts';
import type { Range } from '../scope/ranges.ts';
import { BadInput } from './bad-input.ts';

export interface ScopeDraft {
  /** undefined: the import's annotator. */
  readonly annotator: string | undefined;
  readonly out: readonly Range[];
}

export function scopeOf(fields: Record<string, unknown>, text: string, line: number): ScopeDraft[] {
  const list = fields.scope;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new BadInput('"scope" is not a list of layers\' out-of-scope ranges', line);
  const length = codePointLength(text);
  return list.map((raw: unknown, i): ScopeDraft => {
    const fail = (why: string) => new BadInput(`scope ${i + 1}: ${why}`, line);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('not an object');
    const { annotator, out } = raw as Record<string, unknown>;
    if (annotator !== undefined && typeof annotator !== 'string') throw fail(`"annotator" is not a name`);
    if (!Array.isArray(out)) throw fail('"out" is not a list of [start, end] ranges');
    return {
      annotator,
      out: out.map((range: unknown, k): Range => {
        const [start, end] = Array.isArray(range) && range.length === 2 ? (range as unknown[]) : [];
        if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (start as number) >= (end as number)) {
          throw fail(`range ${k + 1} (${JSON.stringify(range)}) is not [start, end] with 0 ≤ start < end`);
        }
        if ((end as number) > length) throw fail(`range ${k + 1} (${start}–${end}) runs past the end of the text (${length} code points)`);
        return [start as number, end as number];
      }),
    };
  });
}
