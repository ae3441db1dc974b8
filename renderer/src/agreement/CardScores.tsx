import type { AgreementSummary } from '../../../electron/contract/contract.ts';
import { ROLE_NAMES } from '../../../electron/contract/claims.ts';

const shown = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/**
 * Agreement on the claim cards: exact F1 of role links per role and pair, the stance's kappa over
 * the claims both marked, and the via chains' order. Shown once someone linked a role.
 */
export function CardScores({ report }: { readonly report: AgreementSummary }) {
  const { roles, stance, viaOrder } = report.cards;
  if (!roles.at(-1)!.pairs.some((p) => p.first + p.second > 0)) return null;
  const several = report.pairs.length > 1;
  return (
    <section className="agreement-cards" aria-label="Claim cards">
      <h3>Claim cards</h3>
      <table className="agreement-table">
        <thead>
          <tr>
            <th>Role links, exact F1</th>
            {report.pairs.map(([a, b]) => (
              <th key={`${a}/${b}`}>
                {a} / {b}
              </th>
            ))}
            {several ? <th>Mean</th> : null}
          </tr>
        </thead>
        <tbody>
          {roles.map((row) => (
            <tr key={row.role} data-role={row.role}>
              <th scope="row">{row.role === 'all' ? 'All roles' : ROLE_NAMES[row.role].en}</th>
              {row.pairs.map((p) => (
                <td key={p.annotators.join('/')} title={`${p.matched} links alike of ${p.first} and ${p.second}`}>
                  {shown(p.f1)}
                </td>
              ))}
              {several ? <td>{shown(row.meanF1)}</td> : null}
            </tr>
          ))}
          <tr data-row="stance">
            <th scope="row">
              <abbr title="Cohen’s kappa of the stance (asserted, denied, hedged) over the claims both marked; a claim without a card is asserted">Stance κ</abbr>
            </th>
            {stance.pairs.map((p) => (
              <td key={p.annotators.join('/')} title={`same stance on ${shown(p.observed)} of ${p.claims} claims`}>
                {shown(p.kappa)}
              </td>
            ))}
            {several ? <td title={`Fleiss’ kappa over the ${stance.claims} claims everyone marked: ${shown(stance.fleissKappa)}`}>{shown(stance.meanKappa)}</td> : null}
          </tr>
          <tr data-row="via-order">
            <th scope="row">
              <abbr title="Of the claims where both link the same two or more via spans, how many in the same order">Via in the same order</abbr>
            </th>
            {viaOrder.map((p) => (
              <td key={p.annotators.join('/')}>{p.chains === 0 ? '—' : `${p.same} of ${p.chains}`}</td>
            ))}
            {several ? <td /> : null}
          </tr>
        </tbody>
      </table>
      <p className="agreement-about">
        A link matches when both link a claim of the same range to a span of the same range in the same role; the via
        chain counts as links whatever their order, which its own row compares.
      </p>
    </section>
  );
}
