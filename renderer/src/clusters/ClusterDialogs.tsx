import type { DocumentSession } from '../document-session.ts';
import { ComparisonView } from './ComparisonView.tsx';
import { CorpusView } from './CorpusView.tsx';
import { LinkPanel } from './LinkPanel.tsx';
import { annotatorOf, type ClusterView } from './use-cluster-views.ts';

interface Props {
  readonly view: ClusterView;
  readonly session: DocumentSession;
  readonly onView: (view: ClusterView | null) => void;
  readonly onOpenAt: (documentId: string, claim: number) => void;
}

/** The open cluster view: linking a claim (K), comparing a cluster (G), the corpus (Shift+G). */
export function ClusterDialogs({ view, session, onView, onOpenAt }: Props) {
  const close = () => onView(null);
  const compare = (clusterId: string) => onView({ kind: 'compare', clusterId });
  const annotator = annotatorOf(session.layer);
  switch (view.kind) {
    case 'link':
      return <LinkPanel session={session} claim={view.claim} onCompare={compare} onClose={close} />;
    case 'compare':
      return <ComparisonView key={view.clusterId} clusterId={view.clusterId} annotator={annotator} onOpen={onOpenAt} onClose={close} />;
    case 'corpus':
      return <CorpusView annotator={annotator} onCompare={compare} onClose={close} />;
  }
}
