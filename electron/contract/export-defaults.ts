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
 * What an export wrote, for its summary line: the counts ("1 document, 4 spans") and, when the
 * status or review filter chose the documents, which ones and how many others it left out
 * ("done only; 2 other documents left out"). Each door says how to take the others.
 */
export function exportSummary(
  report: Pick<ExportReport, 'documents' | 'spans' | 'leftOut'>,
  filters: Selection,
): { readonly counts: string; readonly selection: string | null } {
  const which = filters.reviewed ? 'reviewed' : filters.statuses?.map((s) => s.replace('_', ' ')).join(', ');
  const parts = [which && `${which} only`, report.leftOut > 0 && `${count(report.leftOut, 'other document')} left out`].filter(Boolean);
  return {
    counts: `${count(report.documents, 'document')}, ${count(report.spans, 'span')}`,
    selection: parts.length > 0 ? parts.join('; ') : null,
  };
}
