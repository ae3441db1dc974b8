import { useEffect, useState } from 'react';
import { useStore } from '../use-store.ts';
import type { Cluster } from '../../../electron/contract/contract.ts';
import { api } from '../api.ts';
import type { DocumentSession } from '../document-session.ts';
import { outletsOf } from './cluster-text.ts';
import { annotatorOf, clusterChanges } from './use-cluster-views.ts';

/**
 * The claim's cluster on its card: how many claims, from which outlets, and the keys that link
 * (K) and compare (G). Read again when clusters change: a join or a leave, or an undo or redo of
 * a card change (joining is one).
 */
export function ClusterBadge({ session, claim }: { session: DocumentSession; claim: number }) {
  const changes = useStore(clusterChanges);
  const [cluster, setCluster] = useState<Cluster | null | undefined>(undefined);
  useEffect(() => session.onStep((step) => void (step.cards?.length && clusterChanges.changed())), [session]);
  useEffect(() => {
    let live = true;
    api.clusters({ documentId: session.document.summary.id, ...annotatorOf(session.layer) }).then(
      (clusters) => live && setCluster(clusters.find((c) => c.members.some((m) => m.claim === claim)) ?? null),
      () => live && setCluster(undefined),
    );
    return () => {
      live = false;
    };
  }, [session, claim, changes]);
  if (cluster === undefined) return null;
  return (
    <p className="cluster-badge" data-cluster={cluster?.id ?? ''}>
      {cluster ? (
        <>
          Same claim in {cluster.members.length} places: <span dir="auto">{outletsOf(cluster).join(', ')}</span> · <kbd>G</kbd> compare · <kbd>K</kbd> link
        </>
      ) : (
        <>
          In no cluster · <kbd>K</kbd> the same claim elsewhere
        </>
      )}
    </p>
  );
}
