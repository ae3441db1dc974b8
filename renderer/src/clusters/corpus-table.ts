import type { ClaimDocument, ClusterMatrix } from '../../../electron/contract/contract.ts';
import { csvField } from '../../../electron/text/csv.ts';

/** A column's heading: the outlet (else the document's id) and its publication day. */
export function columnName(document: ClaimDocument): string {
  return document.outlet ?? document.id;
}

/**
 * The corpus matrix as CSV: a row per cluster (its id and earliest claim), a column per document
 * (headed by outlet, publication date and id, each on a header row of its own), each cell the
 * stances of the cluster's claims in that document (empty: the document does not carry it).
 */
export function matrixCsv(matrix: ClusterMatrix): string {
  const header = (name: string, of: (d: ClaimDocument) => string) => [name, '', ...matrix.documents.map(of)].map(csvField).join(',');
  const lines = [
    header('document', (d) => d.id),
    header('outlet', (d) => d.outlet ?? ''),
    header('published', (d) => d.published ?? ''),
    ['cluster', 'claim', ...matrix.documents.map(() => '')].map(csvField).join(','),
    ...matrix.rows.map((row) => [row.cluster, row.title, ...row.cells.map((cell) => cell.map((c) => c.stance))].map(csvField).join(',')),
  ];
  return lines.join('\r\n') + '\r\n';
}
