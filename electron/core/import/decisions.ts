/**
 * The review decisions Hamish's own export carries with the gold layer. Each is checked against
 * its document as the spans are; an accepted one names the gold span it made by that span's id in
 * the same record.
 */
import { LABELS, type Label } from '../../contract/labels.ts';
import { CodePointIndex } from '../../text/codepoints.ts';
import type { Verdict } from '../review/decisions.ts';
import { BadInput } from './bad-input.ts';
import { labelOf, storedOffsets } from './spans.ts';

export interface DecisionDraft {
  /** The version decided on: code points into the stored (normalised) text. */
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  readonly verdict: Verdict;
  /** The `id` of the record's gold span it made (accepted, and the span is in the file). */
  readonly goldSpan: number | null;
  readonly reviewer: string;
  readonly at: string;
}

export function decisionsOf(fields: Record<string, unknown>, text: string, line: number): DecisionDraft[] {
  const list = fields.decisions;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new BadInput('"decisions" is not a list of review decisions', line);
  const length = new CodePointIndex(text).length;
  const toStored = storedOffsets(text);
  return list.map((raw: unknown, i): DecisionDraft => {
    const fail = (why: string) => new BadInput(`decision ${i + 1}: ${why}`, line);
    if (typeof raw !== 'object' || raw === null) throw fail('not an object');
    const d = raw as Record<string, unknown>;
    if (d.verdict !== 'accept' && d.verdict !== 'reject') throw fail(`verdict ${JSON.stringify(d.verdict)} is neither "accept" nor "reject"`);
    const { start, end } = d;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) > length || (start as number) >= (end as number)) {
      throw fail(`${JSON.stringify(start)}–${JSON.stringify(end)} is not a range of the text (${length} code points)`);
    }
    const label = labelOf(d.label);
    if (!label) throw fail(`unknown label ${JSON.stringify(d.label)} (the labels are ${LABELS.join(', ')})`);
    if (d.gold_span !== null && !(Number.isInteger(d.gold_span) && (d.gold_span as number) > 0)) {
      throw fail(`gold_span ${JSON.stringify(d.gold_span)} is neither a span id nor null`);
    }
    if (typeof d.reviewer !== 'string' || d.reviewer.trim() === '') throw fail('no reviewer');
    if (typeof d.at !== 'string' || Number.isNaN(Date.parse(d.at))) throw fail(`"at" ${JSON.stringify(d.at)} is not a time`);
    return {
      verdict: d.verdict,
      start: toStored(start as number),
      end: toStored(end as number),
      label,
      goldSpan: d.gold_span as number | null,
      reviewer: d.reviewer,
      at: d.at,
    };
  });
}
