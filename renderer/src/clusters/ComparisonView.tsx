import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Cluster, ClusterMember } from '../../../electron/contract/contract.ts';
import { api } from '../api.ts';
import { useModal } from '../modal.ts';
import './clusters.css';

/** The rows of the comparison: what each outlet says of the claim. */
const ROWS: readonly {
  readonly key: string;
  readonly name: string;
  readonly ar: string;
  readonly differs: (cluster: Cluster) => boolean;
  readonly cell: (member: ClusterMember) => ReactNode;
}[] = [
  { key: 'outlet', name: 'Outlet', ar: 'الوسيلة', differs: () => false, cell: (m) => <span dir="auto">{m.document.outlet ?? '—'}</span> },
  {
    key: 'published',
    name: 'Published',
    ar: 'النشر',
    // The day, not the time: two reports of one evening are not a disagreement.
    differs: (c) => new Set(c.members.flatMap((m) => (m.document.published ? [m.document.published.slice(0, 10)] : []))).size > 1,
    cell: (m) => m.document.published ?? '—',
  },
  { key: 'claim', name: 'Claim', ar: 'الادعاء', differs: () => false, cell: (m) => <Arabic>{m.text}</Arabic> },
  { key: 'stance', name: 'Stance', ar: 'الموقف', differs: (c) => c.differs.stance, cell: (m) => m.stance },
  { key: 'sources', name: 'Source', ar: 'المصدر', differs: (c) => c.differs.sources, cell: (m) => <Fillers of={m.sources} /> },
  { key: 'via', name: 'Via', ar: 'عبر', differs: (c) => c.differs.via, cell: (m) => <Fillers of={m.via} ordered /> },
  { key: 'locations', name: 'Location', ar: 'المكان', differs: (c) => c.differs.locations, cell: (m) => <Fillers of={m.locations} /> },
  { key: 'dates', name: 'Date', ar: 'التاريخ', differs: (c) => c.differs.dates, cell: (m) => <Fillers of={m.dates} /> },
];

function Arabic({ children }: { children: ReactNode }) {
  return (
    <span dir="rtl" lang="ar">
      {children}
    </span>
  );
}

function Fillers({ of, ordered = false }: { of: ClusterMember['sources']; ordered?: boolean }) {
  if (of.length === 0) return <span className="comparison-none">—</span>;
  return (
    <>
      {of.map((f, i) => (
        <span key={f.span} className="comparison-filler">
          {ordered ? `${i + 1}. ` : null}
          <Arabic>{f.text}</Arabic>
        </span>
      ))}
    </>
  );
}

interface Props {
  readonly clusterId: string;
  readonly annotator: { annotator?: string };
  readonly onOpen: (documentId: string, claim: number) => void;
  readonly onClose: () => void;
}

/**
 * A cluster's claims side by side, one column per claim (its document's outlet and publication
 * date first). The roles where members disagree are marked twice: a tint and a ≠ with the word
 * "differs", so colour is never the only cue. ←/→ choose a column, Enter or O opens its document
 * at the claim, Esc closes.
 */
export function ComparisonView({ clusterId, annotator, onOpen, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [cluster, setCluster] = useState<Cluster | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState(0);

  useEffect(() => {
    let live = true;
    api.cluster({ clusterId, ...annotator }).then(
      (c) => live && setCluster(c),
      (error: Error) => live && setProblem(error.message),
    );
    return () => {
      live = false;
    };
  }, [clusterId, annotator.annotator]);

  useEffect(() => {
    const keys = (event: KeyboardEvent) => {
      if (!cluster || event.ctrlKey || event.metaKey || event.altKey) return;
      const last = cluster.members.length - 1;
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') setChosen(Math.max(0, Math.min(last, chosen + (event.key === 'ArrowRight' ? 1 : -1))));
      else if (event.key === 'Enter' || event.code === 'KeyO') {
        const member = cluster.members[chosen];
        if (member) onOpen(member.document.id, member.claim);
      } else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', keys, true);
    return () => window.removeEventListener('keydown', keys, true);
  });
  useModal(dialog);

  const differing = cluster ? ROWS.filter((row) => row.differs(cluster)).map((row) => row.name.toLowerCase()) : [];
  return (
    <dialog ref={dialog} className="cluster-dialog comparison" aria-label="Comparison of the cluster's claims" onClose={onClose}>
      <h2>
        The same claim in {cluster ? `${cluster.members.length} places` : '…'}
        {differing.length > 0 ? <span className="comparison-summary"> · they differ on {differing.join(', ')}</span> : null}
      </h2>
      {problem ? <p role="alert">{problem}</p> : null}
      {cluster ? (
        <div className="comparison-scroll">
          <table className="comparison-table">
            <thead>
              <tr>
                <th scope="col" />
                {cluster.members.map((m, i) => (
                  <th key={m.claim} scope="col" className={i === chosen ? 'is-chosen' : undefined} onClick={() => setChosen(i)}>
                    <span dir="auto">{m.document.title}</span>
                    <span className="comparison-doc">{m.document.id}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => {
                const differs = row.differs(cluster);
                return (
                  <tr key={row.key} className={differs ? 'differs' : undefined} data-row={row.key}>
                    <th scope="row">
                      {row.name} <span lang="ar">{row.ar}</span>
                      {differs ? (
                        <span className="differs-mark" title="The members disagree here">
                          {' '}
                          ≠ differs
                        </span>
                      ) : null}
                    </th>
                    {cluster.members.map((m, i) => (
                      <td key={m.claim} className={i === chosen ? 'is-chosen' : undefined} onClick={() => setChosen(i)} onDoubleClick={() => onOpen(m.document.id, m.claim)}>
                        {row.cell(m)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="cluster-status" role="status">
        ←/→ choose a claim · <kbd>Enter</kbd> or <kbd>O</kbd> open its document at the claim · <kbd>Esc</kbd> close
      </p>
    </dialog>
  );
}
