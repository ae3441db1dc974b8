/**
 * Claim clusters (issue 14): "the same claim" across documents, in one annotator's layer. A
 * claim's cluster is on its card (migration "claim clusters"), so joining and leaving are card
 * changes: saved at once, a step of the claim's document's history, hidden with a deleted claim
 * and back with undo. Claims of a layer that carry the same id are a cluster; one alone is none
 * (what is left when the others leave, or are deleted, or their joining is undone).
 */
import { randomBytes } from 'node:crypto';
import type { ClaimDocument, Cluster, ClusterMate, ClusterMatrix, ClusterMember } from '../../contract/contract.ts';
import type { Role, Stance } from '../../contract/claims.ts';
import { HamishError } from '../../contract/errors.ts';
import { terms } from '../../text/normalise.ts';
import { FITS, ROLE_ORDER } from '../claims/cards.ts';
import type { Db } from '../database.ts';
import type { MateRange } from '../review/decisions.ts';

interface MemberRow {
  readonly claim: number;
  readonly cluster: string;
  readonly stance: Stance;
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface DocumentRow {
  readonly id: string;
  readonly title: string;
  readonly source: string | null;
  readonly meta: string;
}

const ROLE_FIELD: Readonly<Record<Role, 'sources' | 'via' | 'locations' | 'dates'>> = {
  source: 'sources',
  via: 'via',
  location: 'locations',
  date: 'dates',
};
const FIELDS = ['sources', 'via', 'locations', 'dates'] as const;

/** A `source` that only says which file the document came from (name.txt, name.jsonl:3) is no outlet. */
const FILE_REFERENCE = /\.(?:txt|jsonl?|csv|tsv|ann|conll|sqlite)(?::\d+)?$/i;

/** Outlet and publication date as an analyst compares outlets: `meta.outlet`, else the record's `source`; `meta.published`. */
export function documentFacts(row: DocumentRow): ClaimDocument {
  const meta = JSON.parse(row.meta) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const source = text(row.source);
  return {
    id: row.id,
    title: row.title,
    outlet: text(meta.outlet) ?? (source !== null && !FILE_REFERENCE.test(source) ? source : null),
    published: text(meta.published),
  };
}

export class Clusters {
  private readonly statements;

  constructor(db: Db) {
    // Code point substrings: SQLite's substr counts characters, as the offsets do.
    const clustered = `
      FROM cards c JOIN annotations c_span ON c_span.id = c.claim_id
      WHERE c.cluster IS NOT NULL AND c_span.label = 'claim' AND c_span.annotator_id = @layer
        AND (@cluster IS NULL OR c.cluster = @cluster)`;
    this.statements = {
      layerId: db.prepare<[string], number>('SELECT id FROM annotators WHERE name = ?').pluck(),
      claim: db.prepare<[number], { id: number; annotator_id: number; label: string; cluster: string | null }>(`
        SELECT a.id, a.annotator_id, a.label, c.cluster FROM annotations a LEFT JOIN cards c ON c.claim_id = a.id WHERE a.id = ?`),
      others: db
        .prepare<[{ layer: number; cluster: string; claim: number }], number>(`
          SELECT count(*) FROM cards c JOIN annotations c_span ON c_span.id = c.claim_id
          WHERE c.cluster = @cluster AND c.claim_id <> @claim AND c_span.label = 'claim' AND c_span.annotator_id = @layer`)
        .pluck(),
      taken: db.prepare<[string], 1>('SELECT 1 FROM cards WHERE cluster = ? LIMIT 1').pluck(),
      members: db.prepare<[{ layer: number; cluster: string | null }], MemberRow>(`
        SELECT c.claim_id AS claim, c.cluster, c.stance, c_span.document_id AS document, c_span.start, c_span."end",
          substr(d.text, c_span.start + 1, c_span."end" - c_span.start) AS text
        ${clustered.replace('WHERE', 'JOIN documents d ON d.id = c_span.document_id WHERE')}`),
      roles: db.prepare<[{ layer: number; cluster: string | null }], { claim: number; role: Role; span: number; text: string }>(`
        SELECT c.claim_id AS claim, r.role, s.id AS span, substr(d.text, s.start + 1, s."end" - s.start) AS text
        FROM cards c JOIN annotations c_span ON c_span.id = c.claim_id
        JOIN card_roles r ON r.card_id = c.id JOIN annotations s ON s.id = r.span_id JOIN documents d ON d.id = s.document_id
        WHERE c.cluster IS NOT NULL AND c_span.label = 'claim' AND c_span.annotator_id = @layer
          AND (@cluster IS NULL OR c.cluster = @cluster) AND ${FITS}
        ORDER BY c.claim_id, ${ROLE_ORDER}, r.position, r.span_id`),
      document: db.prepare<[string], DocumentRow>('SELECT id, title, source, meta FROM documents WHERE id = ?'),
      // Every layer's claims of the document with the other claims of their clusters (review).
      mates: db.prepare<[{ document: string; gold: string }], { claim: number; documentId: string; start: number; end: number; text: string; inGold: 0 | 1 } & DocumentRow>(`
        SELECT c_span.id AS claim, o_span.document_id AS documentId, o_span.start, o_span."end",
          substr(d.text, o_span.start + 1, o_span."end" - o_span.start) AS text,
          d.id, d.title, d.source, d.meta,
          EXISTS (
            SELECT 1 FROM annotations g JOIN annotators gn ON gn.id = g.annotator_id
            WHERE gn.name = @gold AND g.document_id = o_span.document_id AND g.label = 'claim'
              AND g.start = o_span.start AND g."end" = o_span."end"
          ) AS inGold
        FROM annotations c_span JOIN cards c ON c.claim_id = c_span.id
        JOIN cards o ON o.cluster = c.cluster AND o.id <> c.id
        JOIN annotations o_span ON o_span.id = o.claim_id AND o_span.annotator_id = c_span.annotator_id AND o_span.label = 'claim'
        JOIN documents d ON d.id = o_span.document_id
        WHERE c_span.document_id = @document AND c_span.label = 'claim' AND c.cluster IS NOT NULL
        ORDER BY o_span.document_id, o_span.start, o_span."end"`),
      claimAt: db.prepare<[{ layer: number } & MateRange], { id: number; cluster: string | null }>(`
        SELECT a.id, c.cluster FROM annotations a LEFT JOIN cards c ON c.claim_id = a.id
        WHERE a.document_id = @documentId AND a.annotator_id = @layer AND a.label = 'claim' AND a.start = @start AND a."end" = @end
        ORDER BY a.id LIMIT 1`),
    };
  }

  /**
   * For each claim of the document (every layer's), the other claims of its cluster in its layer,
   * sorted by document and place: what review compares. `gold` names the gold layer, for `inGold`.
   */
  matesIn(documentId: string, gold: string): Map<number, ClusterMate[]> {
    const byClaim = new Map<number, ClusterMate[]>();
    for (const row of this.statements.mates.all({ document: documentId, gold })) {
      const { outlet, title } = documentFacts(row);
      const mate = { documentId: row.documentId, start: row.start, end: row.end, text: row.text, title, outlet, inGold: row.inGold === 1 };
      byClaim.set(row.claim, [...(byClaim.get(row.claim) ?? []), mate]);
    }
    return byClaim;
  }

  /** The claim of `layer` at a range of a document, with its cluster as stored (alone or not), or null. */
  claimAt(layer: number, at: MateRange): { id: number; cluster: string | null } | null {
    return this.statements.claimAt.get({ layer, documentId: at.documentId, start: at.start, end: at.end }) ?? null;
  }

  /** The id of the layer named, or null when the name has no layer (nothing of theirs to read). */
  layerOf(name: string): number | null {
    return this.statements.layerId.get(name) ?? null;
  }

  /**
   * What joining `claimId` with `otherId` in `layer` does: the cluster they end up in, and the
   * claims whose cluster must change (none: they are in it already).
   */
  joinPlan(claimId: number, otherId: number, layer: number): { cluster: string; moves: number[] } {
    if (claimId === otherId) throw new HamishError('invalid_input', `withSpanId: claim ${claimId} cannot join itself`);
    const mine = this.shownOf(claimId, layer, 'spanId');
    const theirs = this.shownOf(otherId, layer, 'withSpanId');
    if (mine !== null && theirs !== null && mine !== theirs) {
      throw new HamishError(
        'invalid_input',
        `spanId: claim ${claimId} is in cluster ${mine} and claim ${otherId} in cluster ${theirs}; take one out of its cluster first (clusters are never merged at a stroke)`,
      );
    }
    const cluster = theirs ?? mine ?? this.newId();
    const moves = [mine === cluster ? [] : [claimId], theirs === cluster ? [] : [otherId]].flat();
    return { cluster, moves };
  }

  /** The cluster the claim is shown in (checked: a claim of `layer`), or null. */
  shownOf(claimId: number, layer: number, field: string): string | null {
    const claim = this.statements.claim.get(claimId);
    if (!claim) throw new HamishError('not_found', `${field}: no span ${claimId}`);
    if (claim.label !== 'claim') throw new HamishError('invalid_input', `${field}: span ${claimId} is not a claim`);
    if (claim.annotator_id !== layer) throw new HamishError('invalid_input', `${field}: claim ${claimId} belongs to another annotator`);
    if (claim.cluster === null) return null;
    return this.statements.others.get({ layer, cluster: claim.cluster, claim: claimId })! > 0 ? claim.cluster : null;
  }

  /** The layer's clusters (or only `clusterId`), each with its members' cards; in reading order of their first members. */
  read(layer: number, annotator: string, clusterId: string | null = null): Cluster[] {
    const query = { layer, cluster: clusterId };
    const roles = new Map<number, { role: Role; span: number; text: string }[]>();
    for (const row of this.statements.roles.all(query)) {
      const list = roles.get(row.claim) ?? [];
      list.push(row);
      roles.set(row.claim, list);
    }
    const facts = new Map<string, ClaimDocument>();
    const factsOf = (id: string) => {
      let found = facts.get(id);
      if (!found) facts.set(id, (found = documentFacts(this.statements.document.get(id)!)));
      return found;
    };
    const byCluster = new Map<string, ClusterMember[]>();
    for (const row of this.statements.members.all(query)) {
      const member: ClusterMember = {
        claim: row.claim,
        document: factsOf(row.document),
        start: row.start,
        end: row.end,
        text: row.text,
        stance: row.stance,
        sources: [],
        via: [],
        locations: [],
        dates: [],
      };
      for (const { role, span, text } of roles.get(row.claim) ?? []) member[ROLE_FIELD[role]].push({ span, text });
      const list = byCluster.get(row.cluster) ?? [];
      list.push(member);
      byCluster.set(row.cluster, list);
    }
    return [...byCluster]
      .filter(([, members]) => members.length > 1)
      .map(([id, members]) => ({ id, annotator, members: members.sort(byPublication), differs: differences(members) }))
      .sort((a, b) => byPublication(a.members[0]!, b.members[0]!));
  }

  /** Clusters × documents, for the corpus view. */
  matrix(layer: number, annotator: string): ClusterMatrix {
    const clusters = this.read(layer, annotator);
    const documents = new Map<string, ClusterMember>();
    for (const member of clusters.flatMap((cluster) => cluster.members)) {
      const seen = documents.get(member.document.id);
      if (!seen || byPublication(member, seen) < 0) documents.set(member.document.id, member);
    }
    const columns = [...documents.values()].sort(byPublication).map((member) => member.document);
    return {
      annotator,
      documents: columns,
      rows: clusters.map((cluster) => ({
        cluster: cluster.id,
        title: cluster.members[0]!.text,
        cells: columns.map((column) =>
          cluster.members.filter((m) => m.document.id === column.id).map(({ claim, stance }) => ({ claim, stance })),
        ),
      })),
    };
  }

  /** A new cluster id: eight characters, none this library has used. */
  private newId(): string {
    for (;;) {
      const id = randomBytes(6).toString('base64url');
      if (!this.statements.taken.get(id)) return id;
    }
  }
}

/** By publication date (unknown last), then document, then place in it. */
function byPublication(a: ClusterMember, b: ClusterMember): number {
  const pa = a.document.published;
  const pb = b.document.published;
  if (pa !== pb) return pa === null ? 1 : pb === null ? -1 : pa < pb ? -1 : 1;
  return a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : a.start - b.start;
}

/** Whether members differ in stance, and in each role among the members that fill it (by folded words). */
function differences(members: readonly ClusterMember[]): Cluster['differs'] {
  const distinct = (keys: readonly string[]) => new Set(keys).size > 1;
  const keyOf = (filled: readonly { text: string }[]) =>
    filled
      .map(({ text }) => [...new Set(terms(text))].sort().join(' '))
      .sort()
      .join('|');
  const role = (field: (typeof FIELDS)[number]) => distinct(members.filter((m) => m[field].length > 0).map((m) => keyOf(m[field])));
  return {
    stance: distinct(members.map((m) => m.stance)),
    sources: role('sources'),
    via: role('via'),
    locations: role('locations'),
    dates: role('dates'),
  };
}
