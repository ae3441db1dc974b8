/** `hamish agreement --clusters`: agreement on claim clusters, scored as coreference, as a table or JSON. */
import type { ClusterAgreement } from '../contract/contract.ts';
import { dispatch, parseInput } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import type { Hamish } from '../core/hamish.ts';

export const CLUSTERS_HELP = `
  --clusters            agreement on claim clusters instead, scored as coreference as the
                        CoNLL-2012 reference scorer does: MUC, B³ and CEAF-e (recall, precision,
                        F1) and the CoNLL score (their mean F1). Claims are the mentions, matched
                        by exact range within a document; a claim in no cluster is one of its own;
                        the first of each pair is the key. Not with --label.`;

/** The contract's input, checked before the library is opened. */
export function clusterAgreementInput(input: { annotators?: string[] | undefined; documents?: string[] | undefined; labels?: string[] | undefined }) {
  if (input.labels) throw new HamishError('invalid_input', 'agreement: --clusters measures claims: --label does not go with it');
  const { annotators, documents } = input;
  return parseInput('clusterAgreement', { ...(annotators && { annotators }), ...(documents && { documents }) });
}

export function runClusterAgreement(hamish: Hamish, input: ReturnType<typeof clusterAgreementInput>, json: boolean): number {
  const report = dispatch(hamish.handlers, 'clusterAgreement', input) as ClusterAgreement;
  if (json) console.log(JSON.stringify(report, null, 2));
  else process.stdout.write(table(report));
  return 0;
}

const score = (value: number | null) => (value === null ? '—' : value.toFixed(3));

function table(report: ClusterAgreement): string {
  const documents = `${report.documents} ${report.documents === 1 ? 'document' : 'documents'}`;
  const headings = ['pair', 'claims', 'matched', 'MUC R', 'P', 'F1', 'B³ R', 'P', 'F1', 'CEAF-e R', 'P', 'F1', 'CoNLL'];
  const rows = report.pairs.map((pair) => [
    pair.annotators.join('/'),
    `${pair.mentions.first}/${pair.mentions.second}`,
    String(pair.mentions.matched),
    ...[pair.muc, pair.bcubed, pair.ceafe].flatMap((m) => [score(m.recall), score(m.precision), score(m.f1)]),
    score(pair.conll),
  ]);
  const widths = headings.map((heading, c) => Math.max(heading.length, ...rows.map((cells) => cells[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd() + '\n';
  return `Cluster agreement of ${report.annotators.join(', ')} on ${documents} (key: the first of each pair)\n\n` + line(headings) + rows.map(line).join('');
}
