import { useEffect, useState } from 'react';
import type { ClusterAgreement, ClusterPairScores } from '../../../electron/contract/contract.ts';
import { api } from '../api.ts';

const shown = (value: number | null) => (value === null ? '—' : value.toFixed(2));

const METRICS = [
  { key: 'muc', name: 'MUC', about: 'links: how many of the links between claims that make up one annotator’s clusters the other’s keep' },
  { key: 'bcubed', name: 'B³', about: 'per claim: how much of its cluster the two annotators share, averaged over the claims' },
  { key: 'ceafe', name: 'CEAF-e', about: 'clusters matched one to one, the best matching; how alike the matched clusters are' },
] as const;

/**
 * Agreement on claim clusters, scored as coreference is (the CoNLL-2012 reference scorer): F1 of
 * MUC, B³ and CEAF-e per pair and their mean, the CoNLL score. Shown once someone clustered claims.
 */
export function ClusterScores({ documents }: { readonly documents: readonly string[] | null }) {
  const [report, setReport] = useState<ClusterAgreement | { problem: string } | null>(null);
  useEffect(() => {
    let live = true;
    setReport(null);
    api.clusterAgreement(documents ? { documents: [...documents] } : {}).then(
      (result) => live && setReport(result),
      (error: Error) => live && setReport({ problem: error.message }),
    );
    return () => {
      live = false;
    };
  }, [documents]);
  if (report === null) return null;
  if ('problem' in report) return <p role="alert">Claim clusters could not be measured: {report.problem}</p>;
  if (report.clusters === 0) return null;
  const title = (p: ClusterPairScores, key: (typeof METRICS)[number]['key']) =>
    `recall ${shown(p[key].recall)}, precision ${shown(p[key].precision)} (${p.annotators[0]} as the key); ${p.mentions.matched} claims of the same range, of ${p.mentions.first} and ${p.mentions.second}`;
  return (
    <section className="agreement-cards" aria-label="Claim clusters">
      <h3>Claim clusters</h3>
      <table className="agreement-table">
        <thead>
          <tr>
            <th>Clusters, F1</th>
            {report.pairs.map((p) => (
              <th key={p.annotators.join('/')}>
                {p.annotators[0]} / {p.annotators[1]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {METRICS.map((m) => (
            <tr key={m.key} data-row={m.key}>
              <th scope="row">
                <abbr title={m.about}>{m.name}</abbr>
              </th>
              {report.pairs.map((p) => (
                <td key={p.annotators.join('/')} title={title(p, m.key)}>
                  {shown(p[m.key].f1)}
                </td>
              ))}
            </tr>
          ))}
          <tr data-row="conll">
            <th scope="row">
              <abbr title="the mean of the three F1, as the CoNLL-2012 shared task ranks systems">CoNLL</abbr>
            </th>
            {report.pairs.map((p) => (
              <td key={p.annotators.join('/')}>{shown(p.conll)}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="agreement-about">
        Claims are matched by their range within a document; a claim in no cluster counts as a cluster of its own. Scored
        as the CoNLL-2012 reference scorer scores coreference.
      </p>
    </section>
  );
}
