/**
 * The claim cards Hamish's own export carries (`claims`), checked against the record's own spans:
 * each names its claim and the spans filling its roles by their `id` in the same record.
 */
import { ROLE_LABEL, ROLES, withArticle, STANCES, type Role, type Stance } from '../../contract/claims.ts';
import { ClusterIdSchema } from '../../contract/contract.ts';
import { BadInput } from './bad-input.ts';
import type { SpanDraft } from './spans.ts';

export interface ClaimDraft {
  /** The card's id in the exporting library: kept if this library never issued it. */
  readonly id: number | undefined;
  /** The record's span ids (`spans[].id`). */
  readonly claim: number;
  readonly stance: Stance;
  /** In card order; each role's spans in their order (via: by `order`). */
  readonly roles: readonly { readonly role: Role; readonly span: number }[];
  /** Its cluster's id (issue 14), as the exporting library made it. */
  readonly cluster: string | null;
}

export function claimsOf(fields: Record<string, unknown>, spans: readonly SpanDraft[], line: number): ClaimDraft[] {
  const list = fields.claims;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new BadInput('"claims" is not a list of claim cards', line);
  const byId = new Map<number, SpanDraft>();
  for (const span of spans) if (span.stored?.id !== undefined) byId.set(span.stored.id, span);
  const claimed = new Set<number>();
  return list.map((raw: unknown, i): ClaimDraft => {
    const fail = (why: string) => new BadInput(`claim ${i + 1}: ${why}`, line);
    if (typeof raw !== 'object' || raw === null) throw fail('not an object');
    const c = raw as Record<string, unknown>;
    const claim = spanAt(c.span, byId, (why) => fail(`span ${why}`));
    if (claim.label !== 'claim') throw fail(`span ${String(c.span)} is ${withArticle(claim.label)}, not a claim`);
    if (claimed.has(c.span as number)) throw fail(`span ${String(c.span)} has a card already`);
    claimed.add(c.span as number);
    if (c.annotator !== undefined && c.annotator !== claim.annotator) {
      throw fail(`annotator ${JSON.stringify(c.annotator)} is not its claim span's (${JSON.stringify(claim.annotator)})`);
    }
    const stance = c.stance ?? 'asserted';
    if (!STANCES.includes(stance as Stance)) throw fail(`stance ${JSON.stringify(stance)} is not one of ${STANCES.join(', ')}`);
    if (c.id !== undefined && !(Number.isInteger(c.id) && (c.id as number) > 0)) throw fail(`id ${JSON.stringify(c.id)} is not a card id`);
    if (c.cluster !== undefined && !ClusterIdSchema.safeParse(c.cluster).success) {
      throw fail(`cluster ${JSON.stringify(c.cluster)} is not a cluster id (1 to 64 letters, digits, _ or -)`);
    }
    const rawRoles = c.roles ?? [];
    if (!Array.isArray(rawRoles)) throw fail('"roles" is not a list');
    const roles = rawRoles.map((item: unknown, j) => {
      const failRole = (why: string) => fail(`role ${j + 1}: ${why}`);
      if (typeof item !== 'object' || item === null) throw failRole('not an object');
      const r = item as Record<string, unknown>;
      if (!ROLES.includes(r.role as Role)) throw failRole(`role ${JSON.stringify(r.role)} is not one of ${ROLES.join(', ')}`);
      const role = r.role as Role;
      const span = spanAt(r.span, byId, (why) => failRole(`span ${why}`));
      if (span.label !== ROLE_LABEL[role]) {
        throw failRole(`the ${role} role takes ${ROLE_LABEL[role]} spans; span ${String(r.span)} is ${withArticle(span.label)}`);
      }
      if (span.annotator !== claim.annotator) throw failRole(`span ${String(r.span)} is in another layer than its claim`);
      if (r.order !== undefined && !(Number.isInteger(r.order) && (r.order as number) > 0)) {
        throw failRole(`order ${JSON.stringify(r.order)} is not a place in the chain (1, 2, …)`);
      }
      return { role, span: r.span as number, order: (r.order as number | undefined) ?? j + 1 };
    });
    roles.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.order - b.order);
    return {
      id: c.id as number | undefined,
      claim: c.span as number,
      stance: stance as Stance,
      roles: roles.map(({ role, span }) => ({ role, span })),
      cluster: (c.cluster as string | undefined) ?? null,
    };
  });
}

function spanAt(id: unknown, byId: ReadonlyMap<number, SpanDraft>, fail: (why: string) => BadInput): SpanDraft {
  if (!Number.isInteger(id)) throw fail(`${JSON.stringify(id)} is not a span id`);
  const span = byId.get(id as number);
  if (!span) throw fail(`${String(id)} is not among this line's spans`);
  return span;
}
