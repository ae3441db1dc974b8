import { useEffect, useRef, useState } from 'react';
import type { AgreementDisagreement, AgreementLabel, AgreementSummary, PairScores } from '../../../electron/contract/contract.ts';
import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import { api } from '../api.ts';
import { withVisibleControls } from '../editor/bidi.ts';
import { count } from '../counts.ts';
import { useModal } from '../modal.ts';
import { CardScores } from './CardScores.tsx';
import { ClusterScores } from './ClusterScores.tsx';
import './agreement.css';

interface Props {
  readonly onClose: () => void;
}

/** The measures shown, each explained where it is shown: in its column's heading and under the table. */
const MEASURES = [
  {
    key: 'exact',
    name: 'Exact F1',
    about: 'spans with the same start, end and label, as a share of both annotators’ spans (2 × matched ÷ both counts)',
    of: (s: PairScores) => s.exact.f1,
  },
  {
    key: 'partial',
    name: 'Partial F1',
    about: 'the same, but a span matches one of the same label whose range overlaps it (each span matched once)',
    of: (s: PairScores) => s.partial.f1,
  },
  {
    key: 'kappa',
    name: 'κ',
    full: 'Cohen’s kappa',
    about: 'word by word, how often both put a word in the label or both left it out, corrected for what chance alone would give: 1 is full agreement, 0 no better than chance, below 0 worse',
    of: (s: PairScores) => s.kappa,
  },
  {
    key: 'alphaU',
    name: 'αU',
    full: 'Krippendorff’s unitizing alpha',
    about: 'how far the stretches of text the two marked with the label coincide, character by character, edges and gaps included, corrected for chance: 1 is the same stretches, 0 chance',
    of: (s: PairScores) => s.alphaU,
  },
] as const;

const labelName = (label: AgreementLabel) => (label === 'all' ? 'All labels' : LABEL_NAMES[label].en);
const shown = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** Which disagreements a clicked number stands for. */
interface Choice {
  readonly label: AgreementLabel;
  readonly pair: readonly [string, string];
}

/** How many disagreements are asked for at a time: a big library has hundreds of thousands. */
const PAGE = 100;

/** How many disagreements are behind a number, read off the summary's counts. */
function countBehind(summary: AgreementSummary, { label, pair }: Choice): number {
  const p = summary.pairs.findIndex(([a, b]) => a === pair[0] && b === pair[1]);
  return summary.disagreements.find((d) => d.label === label)?.pairs[p] ?? 0;
}

/** The disagreements listed for the chosen number: the pages fetched so far, or why they are not. */
type Listed =
  | { readonly state: 'loading'; readonly shown: readonly AgreementDisagreement[] }
  | { readonly state: 'shown'; readonly shown: readonly AgreementDisagreement[] }
  | { readonly state: 'failed'; readonly shown: readonly AgreementDisagreement[]; readonly problem: string };

/** Agreement between annotators on the whole library: a table per label and pair, its chart, and the disagreements behind each number. */
export function AgreementPanel({ onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [report, setReport] = useState<AgreementSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [listed, setListed] = useState<Listed>({ state: 'shown', shown: [] });
  /** The documents measured: those everyone tagged, once asked for; null: every document with spans. */
  const [scope, setScope] = useState<readonly string[] | null>(null);

  useModal(dialog);
  useEffect(() => {
    let live = true;
    setReport(null);
    setChoice(null);
    api.agreementSummary(scope ? { documents: [...scope] } : {}).then(
      (result) => live && setReport(result),
      (error: Error) => live && setProblem(error.message),
    );
    return () => {
      live = false;
    };
  }, [scope]);

  /** Fetches the page of the chosen number's disagreements after those `shown`. */
  const fetchPage = (chosen: Choice, shown: readonly AgreementDisagreement[], isLive: () => boolean) => {
    setListed({ state: 'loading', shown });
    api
      .agreementDisagreements({ ...(scope ? { documents: [...scope] } : {}), label: chosen.label, pair: [...chosen.pair], offset: shown.length, limit: PAGE })
      .then(
        (page) => isLive() && setListed({ state: 'shown', shown: [...shown, ...page.disagreements] }),
        (error: Error) => isLive() && setListed({ state: 'failed', shown, problem: error.message }),
      );
  };
  /** The choice shown, for a page that arrives after another number was clicked to be dropped. */
  const current = useRef<Choice | null>(null);
  current.current = choice;
  const choose = (chosen: Choice) => {
    setChoice(chosen);
    fetchPage(chosen, [], () => current.current === chosen);
  };

  const rows = report?.corpus.labels ?? [];
  const total = report && choice ? countBehind(report, choice) : 0;
  return (
    <dialog ref={dialog} className="agreement-panel" aria-labelledby="agreement-title" onClose={onClose}>
      <h2 id="agreement-title">Agreement</h2>
      {problem ? <p role="alert">{problem}</p> : null}
      {!report && !problem ? <p role="status">Measuring…</p> : null}
      {report ? (
        <>
          <p className="agreement-about">
            {report.annotators.join(', ')} on {count(report.documents, 'document')}. Click a number for the spans behind
            it.
          </p>
          <Coverage report={report} scoped={scope !== null} onScope={setScope} />
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
                {report.pairs.flatMap(([a, b]) =>
                  MEASURES.map((m) => (
                    <th key={`${a}/${b}/${m.key}`}>
                      <abbr title={`${'full' in m ? `${m.full}: ` : ''}${m.about}`}>{m.name}</abbr>
                    </th>
                  )),
                )}
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
                          onClick={() => choose({ label: row.label, pair: scores.annotators })}
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
          <dl className="agreement-measures" aria-label="What the numbers mean">
            {MEASURES.map((m) => (
              <div key={m.key}>
                <dt>
                  {m.name}
                  {'full' in m ? ` (${m.full})` : ''}
                </dt>
                <dd>{m.about}.</dd>
              </div>
            ))}
            <div>
              <dt>—</dt>
              <dd>undefined here: nothing to compare, or chance alone agrees on every word.</dd>
            </div>
          </dl>
          <Chart report={report} />
          <CardScores report={report} />
          <ClusterScores documents={scope} />
          {choice ? (
            <section className="agreement-disagreements" aria-label="Disagreements">
              <h3>
                {labelName(choice.label)}, {choice.pair.join(' / ')}: {total} {total === 1 ? 'span' : 'spans'} only one made
              </h3>
              <ul>
                {listed.shown.map((d) => (
                  <li key={`${d.document}/${d.label}/${d.start}/${d.end}`}>
                    <span dir="rtl" className="agreement-text">{withVisibleControls(d.text)}</span>{' '}
                    <small>
                      {LABEL_NAMES[d.label].en} · {d.document} {d.start}–{d.end} · by {d.by.join(', ')}, not by {d.missing.join(', ')}
                    </small>
                  </li>
                ))}
              </ul>
              <p className="agreement-more" role="status">
                {listed.state === 'loading' ? 'Loading…' : null}
                {listed.state === 'failed' ? `Could not list them: ${listed.problem}` : null}
                {listed.state !== 'loading' && listed.shown.length < total ? (
                  <>
                    {`${listed.shown.length} of ${total} shown. `}
                    <button type="button" onClick={() => fetchPage(choice, listed.shown, () => current.current === choice)}>
                      Show {Math.min(PAGE, total - listed.shown.length)} more
                    </button>
                  </>
                ) : null}
              </p>
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

/**
 * Says when an annotator tagged only some of the documents measured: there everything the others
 * marked counts as disagreement. Offers to measure only the documents everyone tagged.
 */
function Coverage({ report, scoped, onScope }: { report: AgreementSummary; scoped: boolean; onScope: (scope: readonly string[] | null) => void }) {
  if (scoped) {
    return (
      <p className="agreement-coverage" role="note">
        Only the {count(report.documents, 'document')} every annotator tagged.{' '}
        <button type="button" onClick={() => onScope(null)}>
          Measure every document
        </button>
      </p>
    );
  }
  const some = report.annotators.flatMap((name, r) => (report.tagged[r]! < report.documents ? [{ name, tagged: report.tagged[r]! }] : []));
  if (some.length === 0) return null;
  return (
    <p className="agreement-coverage" role="note">
      {some.map(({ name, tagged }) => `${name} tagged ${tagged} of the ${count(report.documents, 'document')}. `).join('')}
      The scores count every document whole: where someone tagged nothing, or only part of a text, what the others
      marked there counts as disagreement.{' '}
      {report.common.length > 0 ? (
        <button type="button" onClick={() => onScope(report.common)}>
          Measure only the {count(report.common.length, 'document')} everyone tagged
        </button>
      ) : (
        'No document was tagged by everyone.'
      )}
    </p>
  );
}

const BAR = 14;
const GAP = 10;
const HEIGHT = 120;
/** A group of bars is at least this wide, so that its label (“Location”, “All labels”) fits under it. */
const LABEL_WIDTH = 76;

/** Exact F1 per label (groups) and pair (bars), on a 0–1 scale; an undefined value draws no bar. */
function Chart({ report }: { readonly report: AgreementSummary }) {
  const rows = report.corpus.labels;
  const bars = report.pairs.length * BAR;
  const inner = Math.max(bars, LABEL_WIDTH);
  const group = inner + GAP;
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
                <rect key={p} x={(inner - bars) / 2 + p * BAR} y={HEIGHT - height} width={BAR - 2} height={height} className={`agreement-bar agreement-pair-${p % 6}`}>
                  <title>{`${labelName(row.label)}, ${scores.annotators.join(' / ')}: ${shown(value)}`}</title>
                </rect>
              );
            })}
            <text x={inner / 2} y={HEIGHT + 16} textAnchor="middle">
              {labelName(row.label)}
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
