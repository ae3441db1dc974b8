import type { AgreementReport } from '../../../electron/contract/contract.ts';

/** Which of the measured documents each annotator tagged at all, and which everyone did. */
export interface Coverage {
  /** Annotator → the documents where they have a span of the measured labels. */
  readonly tagged: ReadonlyMap<string, readonly string[]>;
  /** The documents every annotator tagged, in the report's order. */
  readonly common: readonly string[];
}

/**
 * Read off the report's own counts: in each document, the "all labels" row counts each pair's
 * spans (exact matching's `first` and `second`), so an annotator with none there tagged nothing.
 */
export function coverageOf(report: AgreementReport): Coverage {
  const tagged = new Map(report.annotators.map((name) => [name, [] as string[]]));
  const common: string[] = [];
  for (const document of report.documents) {
    const all = document.labels.find((row) => row.label === 'all');
    const marked = new Set<string>();
    for (const { annotators: [a, b], exact } of all?.pairs ?? []) {
      if (exact.first > 0) marked.add(a);
      if (exact.second > 0) marked.add(b);
    }
    for (const name of marked) tagged.get(name)?.push(document.id);
    if (marked.size === report.annotators.length) common.push(document.id);
  }
  return { tagged, common };
}
