import { useEffect, useMemo, useRef, useState } from 'react';
import type { CandidateReason, Cluster, ClusterCandidate } from '../../../electron/contract/contract.ts';
import { fold } from '../../../electron/text/normalise.ts';
import { api } from '../api.ts';
import { useModal } from '../modal.ts';
import type { DocumentSession, ViewSpan } from '../document-session.ts';
import { annotatorOf, clusterChanges, writableLayer } from './use-cluster-views.ts';
import { outletsOf } from './cluster-text.ts';
import './clusters.css';

/** How many candidates are asked for: the top of the ranking is what an analyst reads. */
const SHOWN = 10;

/** Why a candidate is listed; the Arabic words in a run of their own, so they read right to left. */
function Reason({ reason }: { reason: CandidateReason }) {
  return (
    <span className="candidate-reason">
      {reason.kind === 'terms' ? 'shares ' : `same ${reason.kind} `}
      <span dir="rtl" lang="ar">
        {reason.kind === 'terms' ? reason.words.join('، ') : reason.text}
      </span>
    </span>
  );
}

interface Props {
  readonly session: DocumentSession;
  readonly claim: ViewSpan;
  readonly onCompare: (clusterId: string) => void;
  readonly onClose: () => void;
}

/**
 * "The same claim elsewhere" (K): the claims of the layer ranked by what they share with this one,
 * with their document, outlet and why. The analyst decides: ↑/↓ choose, Enter joins the chosen
 * claim's cluster (a new one when neither is in one), Delete takes this claim out of its cluster,
 * G compares its cluster, Esc closes. Typing narrows the list (Arabic-aware: أ/ا, ة/ه, ى/ي…).
 */
export function LinkPanel({ session, claim, onCompare, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [candidates, setCandidates] = useState<ClusterCandidate[] | null>(null);
  const [own, setOwn] = useState<Cluster | null>(null);
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const spanId = claim.span.id;
  const layer = writableLayer(session.layer);

  useEffect(() => {
    let live = true;
    api.clusterCandidates({ spanId, limit: SHOWN }).then(
      (list) => live && setCandidates(list),
      (error: Error) => live && setMessage(error.message),
    );
    api.clusters({ documentId: session.document.summary.id, ...annotatorOf(session.layer) }).then(
      (clusters) => live && setOwn(clusters.find((c) => c.members.some((m) => m.claim === spanId)) ?? null),
      (error: Error) => live && setMessage(error.message),
    );
    return () => {
      live = false;
    };
  }, [session, spanId]);

  const shown = useMemo(() => {
    const wanted = fold(filter.trim());
    if (!candidates || wanted === '') return candidates ?? [];
    return candidates.filter((c) => fold(`${c.text} ${c.document.title} ${c.document.outlet ?? ''}`).includes(wanted));
  }, [candidates, filter]);
  const at = Math.min(chosen, Math.max(0, shown.length - 1));

  const join = (candidate: ClusterCandidate | undefined) => {
    if (!candidate) return setMessage(candidates?.length === 0 ? 'no claim shares anything with this one: nothing to join' : 'no candidate chosen');
    if (!layer) return setMessage(`${session.layer.kind === 'colleague' ? session.layer.name : 'this'}'s layer is read-only: choose your own layer or gold to link claims`);
    setBusy(true);
    api.joinCluster({ spanId, withSpanId: candidate.claim, ...layer }).then(
      (cluster) => {
        clusterChanges.changed();
        session.say({ kind: 'done', text: `same claim: ${cluster.members.length} claims in the cluster (${outletsOf(cluster).join(', ')})` });
        onClose();
      },
      (error: Error) => {
        setBusy(false);
        setMessage(error.message);
      },
    );
  };
  const leave = () => {
    if (!own) return setMessage('this claim is in no cluster: nothing to leave');
    if (!layer) return setMessage('this layer is read-only: choose your own layer or gold to change clusters');
    setBusy(true);
    api.leaveCluster({ spanId, ...layer }).then(
      (left) => {
        clusterChanges.changed();
        session.say({ kind: 'done', text: `left the cluster${left.cluster ? ` (${left.cluster.members.length} claims stay in it)` : ''}` });
        onClose();
      },
      (error: Error) => {
        setBusy(false);
        setMessage(error.message);
      },
    );
  };

  // Before the modal's own listener (which keeps keys from the editor): the list's keys.
  useEffect(() => {
    const keys = (event: KeyboardEvent) => {
      if (busy) return;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (!plain) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        setChosen(Math.max(0, Math.min(shown.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1))));
      } else if (event.key === 'Enter') join(shown[at]);
      else if (event.key === 'Delete' && filter === '') leave();
      else if (event.code === 'KeyG' && filter === '') {
        if (own) onCompare(own.id);
        else setMessage('this claim is in no cluster yet: join one first (Enter)');
      } else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', keys, true);
    return () => window.removeEventListener('keydown', keys, true);
  });
  useModal(dialog);

  return (
    <dialog ref={dialog} className="cluster-dialog link-panel" aria-label="The same claim elsewhere" onClose={onClose}>
      <h2>The same claim elsewhere</h2>
      <p className="link-claim" dir="rtl" lang="ar">
        {session.text.slice(claim.from, claim.to)}
      </p>
      <p className="link-own">
        {own ? (
          <>
            In a cluster of {own.members.length} claims: {outletsOf(own).join(', ')} · <kbd>G</kbd> compare · <kbd>Delete</kbd> leave it
          </>
        ) : (
          'In no cluster yet: Enter joins the chosen claim (a new cluster when it is in none).'
        )}
      </p>
      <input
        className="link-filter"
        aria-label="Narrow the candidates"
        placeholder="type to narrow the list"
        dir="auto"
        autoFocus
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
          setChosen(0);
        }}
      />
      {candidates === null ? (
        <p role="status">Ranking the claims…</p>
      ) : shown.length === 0 ? (
        <p role="status">{candidates.length === 0 ? 'No claim of this layer shares a word or a card role with this one.' : 'None matches what you typed.'}</p>
      ) : (
        // The focus stays in the field: the card's keys (open behind) never take the list's.
        <ol className="candidates" role="listbox" aria-label="Candidates" onMouseDown={(event) => event.preventDefault()}>
          {shown.map((candidate, i) => (
            <li
              key={candidate.claim}
              role="option"
              aria-selected={i === at}
              className={`candidate${i === at ? ' is-chosen' : ''}`}
              onClick={() => setChosen(i)}
              onDoubleClick={() => join(candidate)}
            >
              <div className="candidate-where">
                <strong dir="auto">{candidate.document.outlet ?? candidate.document.title}</strong>
                {candidate.document.published ? <span> · {candidate.document.published}</span> : null}
                <span className="candidate-doc"> · {candidate.sameDocument ? 'this document' : candidate.document.id}</span>
                {candidate.cluster !== null ? <span className="candidate-cluster"> · in a cluster</span> : null}
              </div>
              <div className="candidate-text" dir="rtl" lang="ar">
                {candidate.text}
              </div>
              <div className="candidate-why">
                {candidate.reasons.map((reason, k) => (
                  <Reason key={k} reason={reason} />
                ))}
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="cluster-status" role="status">
        {message ?? '↑/↓ choose · Enter join · Delete leave its cluster · G compare · Esc close'}
      </p>
    </dialog>
  );
}
