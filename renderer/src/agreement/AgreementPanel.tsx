import { useEffect, useRef, useState } from 'react';
import type { AgreementDisagreement, AgreementLabel, AgreementReport, PairScores } from '../../../electron/contract/contract.ts';
import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import { api } from '../api.ts';
import { withVisibleControls } from '../editor/bidi.ts';
import { useModal } from '../modal.ts';
import './agreement.css';

interface Props {
  readonly onClose: () => void;
}

const MEASURES = [
  { key: 'exact', name: 'Exact F1', of: (s: PairScores) => s.exact.f1 },
  { key: 'partial', name: 'Partial F1', of: (s: PairScores) => s.partial.f1 },
  { key: 'kappa', name: 'κ', of: (s: PairScores) => s.kappa },
  { key: 'alphaU', name: 'αU', of: (s: PairScores) => s.alphaU },
] as const;

const labelName = (label: AgreementLabel) => (label === 'all' ? 'All labels' : LABEL_NAMES[label].en);
const shown = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** Which disagreements a clicked number stands for. */
interface Choice {
  readonly label: AgreementLabel;
  readonly pair: readonly [string, string];
}

function behind(report: AgreementReport, { label, pair: [a, b] }: Choice): AgreementDisagreement[] {
  return report.disagreements.filter(
    (d) =>
      (label === 'all' || d.label === label) &&
      ((d.by.includes(a) && d.missing.includes(b)) || (d.by.includes(b) && d.missing.includes(a))),
  );
}

/** Agreement between annotators on the whole library: a table per label and pair, its chart, and the disagreements behind each number. */
export function AgreementPanel({ onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);

  useModal(dialog);
  useEffect(() => {
    let live = true;
    api.agreement({}).then(
      (result) => live && setReport(result),
      (error: Error) => live && setProblem(error.message),
    );
    return () => {
      live = false;
    };
  }, []);

  const rows = report?.corpus.labels ?? [];
  const listed = report && choice ? behind(report, choice) : [];
  return (
    <dialog ref={dialog} className="agreement-panel" aria-labelledby="agreement-title" onClose={onClose}>
      <h2 id="agreement-title">Agreement</h2>
      {problem ? <p role="alert">{problem}</p> : null}
      {!report && !problem ? <p role="status">Measuring…</p> : null}
      {report ? (
        <>
          <p className="agreement-about">
            {report.annotators.join(', ')} on {report.documents.length} {report.documents.length === 1 ? 'document' : 'documents'}. Click a
            number for the spans behind it.
          </p>
          <table className="agreement-table">
            <thead>
              <tr>
                <th rowSpan={2}>Label</th>
                {report.pairs.map(([a, b]) => (
                  <th key={`${a}/${b}`} colSpan={MEASURES.length} scope="colgroup">
                    {a} / {b}
                  </th>
                ))}
              </tr>
              <tr>
                {report.pairs.flatMap(([a, b]) => MEASURES.map((m) => <th key={`${a}/${b}/${m.key}`}>{m.name}</th>))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{labelName(row.label)}</th>
                  {row.pairs.flatMap((scores) =>
                    MEASURES.map((m) => (
                      <td key={`${scores.annotators.join('/')}/${m.key}`}>
                        <button
                          type="button"
                          aria-label={`${m.name} ${labelName(row.label)} ${scores.annotators.join(' / ')}`}
                          aria-pressed={choice?.label === row.label && choice.pair.join('/') === scores.annotators.join('/')}
                          onClick={() => setChoice({ label: row.label, pair: scores.annotators })}
                        >
                          {shown(m.of(scores))}
                        </button>
                      </td>
                    )),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Chart report={report} />
          {choice ? (
            <section className="agreement-disagreements" aria-label="Disagreements">
              <h3>
                {labelName(choice.label)}, {choice.pair.join(' / ')}: {listed.length} {listed.length === 1 ? 'span' : 'spans'} only one made
              </h3>
              <ul>
                {listed.map((d) => (
                  <li key={`${d.document}/${d.label}/${d.start}/${d.end}`}>
                    <span dir="rtl" className="agreement-text">{withVisibleControls(d.text)}</span>{' '}
                    <small>
                      {LABEL_NAMES[d.label].en} · {d.document} {d.start}–{d.end} · by {d.by.join(', ')}, not by {d.missing.join(', ')}
                    </small>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
      <div className="agreement-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

const BAR = 14;
const GAP = 10;
const HEIGHT = 120;

/** Exact F1 per label (groups) and pair (bars), on a 0–1 scale; an undefined value draws no bar. */
function Chart({ report }: { readonly report: AgreementReport }) {
  const rows = report.corpus.labels;
  const group = report.pairs.length * BAR + GAP;
  const width = rows.length * group + GAP;
  return (
    <figure className="agreement-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT + 34}`} width={width} height={HEIGHT + 34} role="img" aria-label="Exact F1 per label and pair">
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="agreement-axis" />
        {rows.map((row, l) => (
          <g key={row.label} transform={`translate(${GAP + l * group} 0)`}>
            {row.pairs.map((scores, p) => {
              const value = scores.exact.f1;
              const height = value === null ? 0 : Math.max(0, value) * HEIGHT;
              return (
                <rect key={p} x={p * BAR} y={HEIGHT - height} width={BAR - 2} height={height} className={`agreement-bar agreement-pair-${p % 6}`}>
                  <title>{`${labelName(row.label)}, ${scores.annotators.join(' / ')}: ${shown(value)}`}</title>
                </rect>
              );
            })}
            <text x={(group - GAP) / 2} y={HEIGHT + 16} textAnchor="middle">
              {row.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        Exact F1 per label;{' '}
        {report.pairs.map(([a, b], p) => (
          <span key={p} className={`agreement-key agreement-pair-${p % 6}`}>
            {a} / {b}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
