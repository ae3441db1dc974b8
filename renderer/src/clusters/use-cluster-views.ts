import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ClusterKey } from '../../../electron/contract/keymap.ts';
import { api } from '../api.ts';
import { createStore } from '../store.ts';
import type { ArticleControls } from '../editor/controls.ts';
import type { DocumentSession, LayerChoice, ViewSpan } from '../document-session.ts';

/** Which of the cluster views is open over the editor, if any. */
export type ClusterView =
  | { readonly kind: 'link'; readonly claim: ViewSpan }
  | { readonly kind: 'compare'; readonly clusterId: string }
  | { readonly kind: 'corpus' };


/** Whose clusters the views read: the layer the editor shows. */
export function annotatorOf(layer: LayerChoice): { annotator?: string } {
  return layer.kind === 'gold' ? { annotator: 'gold' } : layer.kind === 'colleague' ? { annotator: layer.name } : {};
}

/** Join and leave write the layer shown: the analyst's own, or gold (a colleague's is read-only). */
export function writableLayer(layer: LayerChoice): { layer?: 'gold' } | null {
  return layer.kind === 'gold' ? { layer: 'gold' } : layer.kind === 'own' ? {} : null;
}

/**
 * Lets the cards (and anything else showing a claim's cluster) know that clusters changed: a join
 * or a leave here, or an undo that took one back.
 */
let version = 0;
const versions = createStore(() => version);
export const clusterChanges = {
  subscribe: versions.subscribe,
  getSnapshot: versions.getSnapshot,
  changed(): void {
    version++;
    versions.changed();
  },
};

/**
 * The open cluster view, and opening a document at a claim from one: once the document's article
 * is on screen, the claim is selected and brought into view.
 */
export function useClusterViews(
  session: DocumentSession | null,
  controls: RefObject<ArticleControls | null>,
  open: (documentId: string) => void,
) {
  const [view, setView] = useState<ClusterView | null>(null);
  const wanted = useRef<{ documentId: string; claim: number } | null>(null);

  useEffect(() => {
    const target = wanted.current;
    if (!session || !target || session.document.summary.id !== target.documentId) return;
    wanted.current = null;
    let frame = 0;
    // The article mounts its controls after its first paint: wait for this session's.
    const reveal = (tries: number) => {
      const shown = session.getSnapshot().spans.find((s) => s.span.id === target.claim);
      const article = controls.current;
      if (shown && article && session.getSnapshot().spans.length > 0 && tries < 120) {
        session.select(shown.span.id);
        requestAnimationFrame(() => article.reveal(shown));
        return;
      }
      if (tries >= 120) {
        session.say({ kind: 'refused', text: 'that claim is not in the layer shown: choose its layer to see it' });
        return;
      }
      frame = requestAnimationFrame(() => reveal(tries + 1));
    };
    frame = requestAnimationFrame(() => reveal(0));
    return () => cancelAnimationFrame(frame);
  }, [session, controls]);

  const openAt = useCallback(
    (documentId: string, claim: number) => {
      setView(null);
      wanted.current = { documentId, claim };
      open(documentId);
    },
    [open],
  );

  return { view, setView, openAt };
}

/**
 * What K, G and Shift+G do in the editor, or why they cannot: K and G need a claim selected (a
 * card open keeps its claim selected). The comparison and the corpus close the card first: their
 * keys (Enter, arrows) are not the card's.
 */
export async function clusterKey(
  key: ClusterKey,
  session: DocumentSession,
  closeCard: () => void,
  setView: (view: ClusterView) => void,
): Promise<void> {
  if (key === 'corpus') {
    closeCard();
    setView({ kind: 'corpus' });
    return;
  }
  const selected = session.selected();
  const what = key === 'link' ? 'K finds the same claim in other documents' : 'G compares the claims of its cluster';
  if (!selected || selected.span.label !== 'claim') return session.say({ kind: 'refused', text: `${what}: select a claim first` });
  if (selected.state === 'pending') return session.say({ kind: 'refused', text: 'the claim is still being saved: try again in a moment' });
  if (key === 'link') return setView({ kind: 'link', claim: selected });
  try {
    const clusters = await api.clusters({ documentId: session.document.summary.id, ...annotatorOf(session.layer) });
    const cluster = clusters.find((c) => c.members.some((m) => m.claim === selected.span.id));
    if (!cluster) return session.say({ kind: 'refused', text: 'this claim is in no cluster yet: K finds the same claim elsewhere to join' });
    closeCard();
    setView({ kind: 'compare', clusterId: cluster.id });
  } catch (error) {
    session.say({ kind: 'refused', text: (error as Error).message });
  }
}
