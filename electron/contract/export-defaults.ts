import type { ExportFilters, ExportReport } from './contract.ts';
import { count } from './counts.ts';

type Selection = Pick<ExportFilters, 'statuses' | 'reviewed'>;

/**
 * Which documents an export takes unless told otherwise, the same in the app's Export dialog and
 * `hamish export`: the done ones, since a half-tagged document in a training set says "nothing
 * more here" of what nobody has tagged yet; for the gold layer alone, those whose review has
 * started, since a document nobody reviewed has an empty gold layer. What "done" means is the
 * export's reading of the library (core/export/source.ts).
 */
export function defaultDocuments(gold: boolean): Selection {
  return gold ? { reviewed: true } : { statuses: ['done'] };
}

/**
 * What an export wrote, for its summary line: "1 document (done), 4 spans", and "2 other
 * documents left out" when the status or review filter left some out. Each door says where the
 * export went and how to take the others.
 */
export function exportSummary(
  report: Pick<ExportReport, 'documents' | 'spans' | 'leftOut'>,
  filters: Selection,
): { readonly written: string; readonly leftOut: string | null } {
  const which = filters.reviewed ? 'review started' : filters.statuses?.map((s) => s.replace('_', ' ')).join(', ');
  return {
    written: `${count(report.documents, 'document')}${which ? ` (${which})` : ''}, ${count(report.spans, 'span')}`,
    leftOut: report.leftOut > 0 ? `${count(report.leftOut, 'other document')} left out` : null,
  };
}
