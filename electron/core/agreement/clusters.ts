/**
 * Agreement on claim clusters, scored as coreference: each annotator's claims in the chosen
 * documents are the mentions (matched by exact range within a document), their clusters the
 * entities, and a claim in no cluster (or the only one of its cluster among these documents) an
 * entity of its own. Each pair of annotators is scored with the first as key (coreference.ts).
 */
import type { ClusterAgreement } from '../../contract/contract.ts';
import type { Db } from '../database.ts';
import { coreference, type Entity } from './coreference.ts';
import { scopeOf, type AgreementRequest } from './load.ts';

export function clusterAgreement(db: Db, request: Omit<AgreementRequest, 'labels'>): ClusterAgreement {
  return db.transaction(() => {
    const scope = scopeOf(db, { ...request, labels: ['claim'] });
    const claims = db.prepare<[string, string], { annotator: string; document: string; start: number; end: number; cluster: string | null }>(`
      SELECT n.name AS annotator, a.document_id AS document, a.start, a."end", c.cluster
      FROM annotations a JOIN annotators n ON n.id = a.annotator_id LEFT JOIN cards c ON c.claim_id = a.id
      WHERE a.label = 'claim' AND a.document_id IN (SELECT value FROM json_each(?)) AND n.name IN (SELECT value FROM json_each(?))
      ORDER BY a.document_id, a.start, a."end"`);
    const byAnnotator = new Map<string, Map<string, string[]>>(scope.annotators.map((name) => [name, new Map()]));
    for (const claim of claims.all(JSON.stringify(scope.documents), JSON.stringify(scope.annotators))) {
      const mention = `${claim.document}\u0000${claim.start}\u0000${claim.end}`;
      // A claim in no cluster is alone: its own key, which no cluster id (of letters, digits, _ and -) can be.
      const entity = claim.cluster ?? `\u0000${mention}`;
      const entities = byAnnotator.get(claim.annotator)!;
      entities.set(entity, [...(entities.get(entity) ?? []), mention]);
    }
    const entitiesOf = (name: string): Entity[] => [...byAnnotator.get(name)!.values()];
    const pairs = scope.annotators.flatMap((first, i) =>
      scope.annotators.slice(i + 1).map((second) => {
        const key = entitiesOf(first);
        const response = entitiesOf(second);
        const mine = new Set(key.flat());
        const theirs = response.flat();
        const mentions = { first: mine.size, second: theirs.length, matched: theirs.filter((m) => mine.has(m)).length };
        if (mentions.first + mentions.second === 0) {
          const none = { recall: null, precision: null, f1: null };
          return { annotators: [first, second] as [string, string], mentions, muc: none, bcubed: none, ceafe: none, conll: null };
        }
        return { annotators: [first, second] as [string, string], mentions, ...coreference(key, response) };
      }),
    );
    const clustered = [...byAnnotator.values()].reduce((sum, entities) => sum + [...entities.values()].filter((e) => e.length > 1).length, 0);
    return { annotators: [...scope.annotators], documents: scope.documents.length, clusters: clustered, pairs };
  })();
}
