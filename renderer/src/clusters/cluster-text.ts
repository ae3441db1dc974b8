import type { Cluster } from '../../../electron/contract/contract.ts';

/** The outlets a cluster's claims come from, once each, in the cluster's order (a document's id when it names none). */
export function outletsOf(cluster: Cluster): string[] {
  return [...new Set(cluster.members.map((m) => m.document.outlet ?? m.document.id))];
}
