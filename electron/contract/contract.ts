/**
 * The one API of Hamish. Every door into the core (Electron IPC, the local web server, the CLI)
 * speaks these operations, and every input is parsed here before the core sees it.
 *
 * Offsets are half-open and counted in Unicode code points, the unit of the exports (Python and
 * spaCy slice strings by code points). The renderer converts to and from UTF-16 at its edge.
 */
import { z } from 'zod';
import { layerName, personName, type NameCheck } from './annotators.ts';
import { encodingOf, ENCODINGS } from './encodings.ts';
import { CLUSTER_ID, ROLES, STANCES } from './claims.ts';
import { LABELS } from './labels.ts';
import type { Operation, WindowOperation } from './operations.ts';

import { KNOWN_WORDS } from './known-words.ts';
export { KNOWN_WORDS } from './known-words.ts';
export { OPERATIONS, WINDOW_OPERATIONS, isOperation, isWindowOperation, type Operation, type WindowOperation } from './operations.ts';

const DocumentId = z.string().min(1).max(200);
const SpanId = z.number().int().positive();
const Offset = z.number().int().nonnegative();
const Timestamp = z.string();
/** A name `check` takes (as it keeps it: trimmed, NFC), else refused with why. */
function nameSchema(check: (raw: string) => NameCheck) {
  return z.string().transform((raw, context) => {
    const checked = check(raw);
    if (checked.ok) return checked.name;
    context.addIssue({ code: 'custom', message: checked.problem, input: raw });
    return z.NEVER;
  });
}
/** Whose a layer is: a person, or the reviewed layer `gold`. */
const AnnotatorName = nameSchema(layerName);
/** A person's name: not `gold`, which is the reviewed layer's. */
const PersonName = nameSchema(personName);


export const LabelSchema = z.enum(LABELS);

export const DocumentStatus = z.enum(['new', 'in_progress', 'done']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/**
 * How far the review of a document's layers has got: no decision yet, some, or every agreement
 * unit of everyone's layers decided (accepted into gold or rejected).
 */
export const ReviewStatus = z.enum(['not_started', 'in_review', 'adjudicated']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

const DocumentSummary = z.object({
  id: DocumentId,
  title: z.string(),
  status: DocumentStatus,
  spanCount: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  review: ReviewStatus,
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/** The most documents one page of the library's list holds. */
export const LIBRARY_PAGE_MAX = 500;

/** A window of the library's list as the app shows it: in id order, those matching a search. */
const LibraryPage = z.object({
  /** The row of the (searched) list the first document is at. */
  offset: z.number().int().nonnegative(),
  documents: z.array(DocumentSummary),
  /** How many documents match the search: the whole library without one. */
  matching: z.number().int().nonnegative(),
  /** How many documents the library holds. */
  total: z.number().int().nonnegative(),
});
export type LibraryPage = z.infer<typeof LibraryPage>;

const Span = z.object({
  id: SpanId,
  documentId: DocumentId,
  start: Offset,
  end: Offset,
  label: LabelSchema,
  annotator: z.string(),
  note: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Span = z.infer<typeof Span>;

// --- claim cards (issue 13) ---
export const StanceSchema = z.enum(STANCES);
export const RoleSchema = z.enum(ROLES);

/**
 * A claim span's card, in the claim's layer. `roles` in card order (source, via, location, date),
 * each role's spans in their order (`order`, from 1: for via, the chain as it reached the page).
 */
const Card = z.object({
  id: z.number().int().positive(),
  claim: SpanId,
  annotator: z.string(),
  stance: StanceSchema,
  roles: z.array(z.object({ role: RoleSchema, span: SpanId, order: z.number().int().positive() })),
  /** The claim's cluster (issue 14), when it is in one with another claim of its layer. */
  cluster: z.string().optional(),
});
export type Card = z.infer<typeof Card>;
// --- end claim cards ---

// --- article scope (issue 15) ---
const ScopeRange = z.tuple([Offset, Offset]);
/**
 * A layer's scope of a document: the ranges it leaves out of the article (sorted, merged), and the
 * stretches Hamish proposes to leave out, each with why, waiting for the analyst's yes (accept:
 * setScope with inScope false; reject: rejectScope). Out-of-scope text takes no spans.
 */
const DocumentScope = z.object({
  layer: z.string(),
  out: z.array(ScopeRange),
  proposals: z.array(z.object({ start: Offset, end: Offset, why: z.string() })),
});
export type DocumentScope = z.infer<typeof DocumentScope>;
/** A stretch of scope, in the session annotator's own layer or (layer: gold) in gold. */
const ScopeStretch = z.object({ documentId: DocumentId, start: Offset, end: Offset, layer: z.literal('gold').optional() });
const ordered = { message: 'a range must end after it starts' };
// --- end article scope ---

const OpenedDocument = z.object({
  summary: DocumentSummary,
  text: z.string(),
  meta: z.record(z.string(), z.unknown()),
  spans: z.array(Span),
  /** The cards of the claims among `spans`. */
  cards: z.array(Card),
  /** Code point at the top of the view when the analyst last left this document. */
  viewOffset: Offset,
  /** The scope of the first layer asked for (by default, or with "all": the session annotator's own). */
  scope: DocumentScope,
});
export type OpenedDocument = z.infer<typeof OpenedDocument>;

/** One article that came in, or was already there. `line`: its record's, in a file of many. */
const ImportedDocument = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  id: DocumentId,
  /** Spans the file brought that were not in the library yet. */
  spans: z.number().int().nonnegative(),
  /** The file's encoding, when it was not UTF-8. */
  encoding: z.enum(ENCODINGS).optional(),
});

const ImportReport = z.object({
  imported: z.array(ImportedDocument),
  duplicates: z.array(ImportedDocument),
  /**
   * Documents of a Hamish export or library whose id is in this library with another text: left
   * out (their spans would point at other words), while the rest of their file goes in.
   */
  conflicts: z.array(z.object({ file: z.string(), line: z.number().int().positive().optional(), id: DocumentId, reason: z.string() })),
  /** Files that went in not at all, and why; `line` is where in the file the problem is. */
  failed: z.array(z.object({ file: z.string(), line: z.number().int().positive().optional(), reason: z.string() })),
  /** Stopped before the end: the last file in `failed` was the one being read. */
  cancelled: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

const Note = z.string().max(10_000).nullable();

/**
 * What undo or redo did (null: nothing to do): each span it touched as it now is (null: it no
 * longer exists), in the order it changed them, and the review decisions it took back or put back.
 */
const HistoryStep = z
  .object({
    spans: z.array(z.object({ spanId: SpanId, span: Span.nullable() })),
    decisions: z.array(z.number().int().positive()),
    /** The claim cards it touched, as they now are (null: the card is gone); absent when none. */
    cards: z.array(z.object({ cardId: z.number().int().positive(), card: Card.nullable() })).optional(),
    /** The layer's scope as it now is, when the step changed it. */
    scope: DocumentScope.optional(),
    /**
     * The suggestions whose rejection it took back (rejected: false, offered again) or put back
     * (true), in code points; absent when none.
     */
    rejections: z.array(z.object({ start: Offset, end: Offset, label: LabelSchema, rejected: z.boolean() })).optional(),
  })
  .nullable();
export type HistoryStep = z.infer<typeof HistoryStep>;

/**
 * Which layer a change is made in: by default the session annotator's own; `gold`, the reviewed
 * layer, which anyone may change (the history records who did). Colleagues' layers are read-only.
 */
const Layer = z.literal('gold').optional();

/** The layers to read: annotators' names (`gold` too), or all of them. */
const Layers = z.union([z.literal('all'), z.array(AnnotatorName).min(1).max(1000)], {
  // A list that fails says why (a name refused, say), not only that it is not "all".
  error: (issue) =>
    issue.code === 'invalid_union' && Array.isArray(issue.input)
      ? issue.errors[1]!.map((inner) => inner.message).join('; ')
      : 'expected "all" or a list of annotator names',
});

/** Annotators whose layers a review compares: two or more people, each once. */
const ReviewAnnotators = z
  .array(PersonName)
  .min(2, { message: 'a review compares two or more annotators' })
  .max(100)
  .refine((names) => new Set(names).size === names.length, { message: 'name each annotator once' });

const Range = z
  .object({ start: Offset, end: Offset, label: LabelSchema })
  .refine((s) => s.start < s.end, { message: 'a span must end after it starts' });

export const UnitKind = z.enum(['agreed', 'label', 'range', 'partial']);
export type UnitKind = z.infer<typeof UnitKind>;

/** A decision in effect on a version: accepted into gold (as `goldSpanId`), or rejected. */
/**
 * The decision another reviewer had taken on the version before this one overrode it (two leads
 * deciding the same version: the hub orders them, the later wins); kept and shown, not lost.
 */
const Overridden = z.object({ verdict: z.enum(['accept', 'reject']), reviewer: z.string(), at: Timestamp }).nullable();
const VersionDecision = z.discriminatedUnion('verdict', [
  /** goldSpanId absent: a scope version, which gold's scope holds rather than a span. */
  z.object({ id: z.number().int(), verdict: z.literal('accept'), goldSpanId: SpanId.optional(), reviewer: z.string(), at: Timestamp, overrode: Overridden }),
  z.object({ id: z.number().int(), verdict: z.literal('reject'), reviewer: z.string(), at: Timestamp, overrode: Overridden }),
]);

/**
 * The library and the team's hub. state: `off` no hub set; `never` not synced yet in this session;
 * `syncing`; `synced` the last sync went through (at lastSyncedAt); `offline` the hub could not be
 * reached (the changes wait); `needs_password` the hub refused the login; `refused` it refused the
 * sync (message says why). waiting: this library's changes the hub has not got yet (null until a
 * first sync has said who the library is on that hub). password: where its password is kept.
 */
export const SyncStatus = z.object({
  hub: z.string().nullable(),
  state: z.enum(['off', 'never', 'syncing', 'synced', 'offline', 'needs_password', 'refused']),
  lastSyncedAt: Timestamp.nullable(),
  waiting: z.number().int().nullable(),
  message: z.string().nullable(),
  password: z.enum(['keychain', 'session', 'none']),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
/** A claim of a cluster, as review compares clusters: where it is, and the document's outlet. */
const ClusterMate = z.object({
  documentId: DocumentId,
  start: Offset,
  end: Offset,
  text: z.string(),
  title: z.string(),
  outlet: z.string().nullable(),
  inGold: z.boolean(),
});
export type ClusterMate = z.infer<typeof ClusterMate>;

/** One range and label that annotators gave, and who gave it. */
const ReviewVersion = z.object({
  start: Offset,
  end: Offset,
  /** Absent in a scope unit: the range is one its annotators left out of the article. */
  label: LabelSchema.optional(),
  text: z.string(),
  /** In the order the annotators were chosen. */
  annotators: z.array(z.string()),
  decision: VersionDecision.nullable(),
  /** In a stance unit: the stance its annotators gave (its range is the claim's). */
  stance: StanceSchema.optional(),
  /** In a via unit: the span's place in the chain, as the first of its annotators has it. */
  order: z.number().int().positive().optional(),
  /**
   * In a cluster unit (its range is the claim's): the other claims of the claim's cluster in its
   * annotators' layers, in reading order of the library; empty: in no cluster. `inGold`: gold has
   * a claim of that range in that document (the others join when accepted in their own).
   */
  mates: z.array(ClusterMate).optional(),
});

/** What of a claim's card a card unit is about: one of its roles, its stance, or its cluster. */
export const CardAspect = z.enum([...ROLES, 'stance', 'cluster']);
export type CardAspect = z.infer<typeof CardAspect>;

/**
 * Spans of the chosen annotators that line up. `agreed`: everyone gave this range and label (a
 * unit of its own); otherwise overlapping versions of one group (claims, or the entities: actor,
 * location, date): `label` one range with different labels, `range` different ranges, `partial` a
 * version only some gave. `state`: accepted (a version is in gold), rejected (every version is), or
 * open.
 */
const ReviewUnit = z.object({
  /** Stable: the same spans give the same id (see units.ts). */
  id: z.string(),
  /** scope: the ranges annotators left out of the article, lined up as spans are (no label). */
  group: z.enum(['claims', 'entities', 'scope']),
  kind: UnitKind,
  start: Offset,
  end: Offset,
  versions: z.array(ReviewVersion),
  /** The chosen annotators who marked nothing here. */
  missing: z.array(z.string()),
  state: z.enum(['open', 'accepted', 'rejected']),
  /**
   * A card unit: of a claim every annotator marked (same range), one role's links (agreed: a span
   * every card links; partial: only some cards link it; range: the cards link different spans),
   * or its stance where annotators differ (label). Absent: a unit of spans.
   */
  card: z.object({ claim: z.object({ start: Offset, end: Offset, text: z.string() }), aspect: CardAspect }).optional(),
});
export type ReviewUnit = z.infer<typeof ReviewUnit>;

const ReviewedDocument = z.object({
  documentId: DocumentId,
  annotators: z.array(z.string()),
  /** In reading order: by start, the longer first, claims before the entities they hold. */
  units: z.array(ReviewUnit),
  /** The document's gold layer as it is now. */
  gold: z.array(Span),
  /** What gold leaves out of the article now. */
  goldOut: z.array(ScopeRange),
  /** Its review status as the library shows it (over everyone's layers, not only those compared). */
  review: ReviewStatus,
});
export type ReviewedDocument = z.infer<typeof ReviewedDocument>;

/** A decision as recorded: by whom, when, and (accepted) the gold span it made or kept. */
const DecisionBase = z.object({
  id: z.number().int().positive(),
  documentId: DocumentId,
  version: z.object({ start: Offset, end: Offset, label: LabelSchema }),
  reviewer: z.string(),
  at: Timestamp,
  /** A card decision: of which claim's card, and what of it (a role's span is `version`). */
  card: z
    .object({
      claim: z.object({ start: Offset, end: Offset }),
      aspect: CardAspect,
      stance: StanceSchema.optional(),
      mates: z.array(z.object({ documentId: DocumentId, start: Offset, end: Offset })).optional(),
    })
    .optional(),
});
/** A review decision about a range some annotator left out of the article: no label, no gold span. */
const ScopeDecision = DecisionBase.omit({ version: true, card: true }).extend({
  scope: z.literal(true),
  version: z.object({ start: Offset, end: Offset }),
  verdict: z.enum(['accept', 'reject']),
});
const Decision = z.union([
  DecisionBase.extend({ verdict: z.literal('accept'), goldSpan: Span }),
  DecisionBase.extend({ verdict: z.literal('reject') }),
  ScopeDecision,
]);
export type Decision = z.infer<typeof Decision>;

/** claims-csv, claims-json: the claims table, one row per claim with its card. */
export const ExportFormat = z.enum(['jsonl', 'prodigy', 'doccano', 'labelstudio', 'brat', 'conll', 'claims-csv', 'claims-json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** What to export. Each filter keeps what matches any of its values; one left out keeps all. */
const ExportFilters = z
  .object({
    /** Each annotator's spans are a layer of their own; by default everyone's (gold's too). */
    annotators: z.array(AnnotatorName).min(1).optional(),
    /** Only the gold layer: the spans review decisions accepted, and gold edits. */
    gold: z.boolean().optional(),
    statuses: z.array(DocumentStatus).min(1).optional(),
    /** Only documents whose review has started (a review decision is in effect). */
    reviewed: z.boolean().optional(),
    labels: z.array(LabelSchema).min(1).optional(),
    documents: z.array(DocumentId).min(1).optional(),
  })
  .refine((f) => !(f.gold && f.annotators), { message: 'choose the gold layer or annotators, not both' });
export type ExportFilters = z.infer<typeof ExportFilters>;

/** A span the format cannot hold (CoNLL: it crosses or nests in another of its column), and why. */
const Unrepresentable = z.object({
  document: DocumentId,
  span: SpanId,
  label: LabelSchema,
  annotator: z.string(),
  start: Offset,
  end: Offset,
  text: z.string(),
  reason: z.string(),
});
export type Unrepresentable = z.infer<typeof Unrepresentable>;

const ExportReport = z.object({
  out: z.string(),
  documents: z.number().int(),
  /** Spans selected; those the format could not hold are listed in `unrepresentable`. */
  spans: z.number().int(),
  unrepresentable: z.array(Unrepresentable),
  /** CoNLL: spans written wider than they are, out to whole tokens. */
  widened: z.number().int(),
  /** Documents the status and review filters left out (that the other filters took). */
  leftOut: z.number().int(),
});
export type ExportReport = z.infer<typeof ExportReport>;

const Backup = z.object({
  file: z.string(),
  kind: z.enum(['automatic', 'before-restore']),
  createdAt: Timestamp,
  bytes: z.number().int(),
});
export type Backup = z.infer<typeof Backup>;

/** A measure that is undefined for the data (nothing to compare, or chance agrees on all) is null. */
const Score = z.number().nullable();

/** One-to-one span matches between two annotators: precision counts against the first's spans. */
const SpanScores = z.object({
  matched: z.number().int(),
  first: z.number().int(),
  second: z.number().int(),
  precision: Score,
  recall: Score,
  f1: Score,
});

const PairScores = z.object({
  annotators: z.tuple([z.string(), z.string()]),
  /** Same start, end and label. */
  exact: SpanScores,
  /** Same label, overlapping ranges, each span in at most one pair. */
  partial: SpanScores,
  /** Cohen's kappa on tokens in or out of the label. */
  kappa: Score,
  /** Krippendorff's alpha (nominal) on the same tokens. */
  alpha: Score,
  /** Krippendorff's unitizing alpha over the text in code points. */
  alphaU: Score,
});
export type PairScores = z.infer<typeof PairScores>;

const OverallScores = z.object({
  /** The mean over pairs of annotators of each pair measure, over the pairs where it is defined. */
  mean: z.object({ exactF1: Score, partialF1: Score, kappa: Score, alpha: Score, alphaU: Score }),
  /** Multi-rater measures over every annotator at once (with two, Fleiss' kappa is Scott's pi). */
  fleissKappa: Score,
  alpha: Score,
  alphaU: Score,
});
export type OverallScores = z.infer<typeof OverallScores>;

export const AgreementLabel = z.union([LabelSchema, z.literal('all')]);
export type AgreementLabel = z.infer<typeof AgreementLabel>;

/** Scores per label (and 'all' of them): each pair of annotators, in the report's pair order, and overall. */
const AgreementSection = z.object({
  labels: z.array(z.object({ label: AgreementLabel, pairs: z.array(PairScores), overall: OverallScores })),
});
export type AgreementSection = z.infer<typeof AgreementSection>;

/** A span some of the annotators made and the others did not (same start, end and label). */
const AgreementDisagreement = z.object({
  document: DocumentId,
  label: LabelSchema,
  start: Offset,
  end: Offset,
  text: z.string(),
  by: z.array(z.string()),
  missing: z.array(z.string()),
});
export type AgreementDisagreement = z.infer<typeof AgreementDisagreement>;

/**
 * Agreement on claim cards, for the corpus. A link is a claim's range, a role and the range of the
 * span filling it (its label is the role's): two annotators' links match when all three are the
 * same. The via chain counts as a set of links; its order is `viaOrder`. The stance is compared
 * over the claims both marked (a claim without a card is asserted).
 */
const CardAgreement = z.object({
  roles: z.array(
    z.object({
      role: z.union([RoleSchema, z.literal('all')]),
      pairs: z.array(SpanScores.extend({ annotators: z.tuple([z.string(), z.string()]) })),
      meanF1: Score,
    }),
  ),
  /** Of the claims where both link the same two or more via spans, how many in the same order. */
  viaOrder: z.array(z.object({ annotators: z.tuple([z.string(), z.string()]), chains: z.number().int(), same: z.number().int(), agreement: Score })),
  stance: z.object({
    pairs: z.array(z.object({ annotators: z.tuple([z.string(), z.string()]), claims: z.number().int(), observed: Score, kappa: Score })),
    meanKappa: Score,
    /** Over the claims every annotator marked (with two, Scott's pi). */
    fleissKappa: Score,
    claims: z.number().int(),
  }),
});
export type CardAgreement = z.infer<typeof CardAgreement>;

const AgreementReport = z.object({
  annotators: z.array(z.string()),
  labels: z.array(LabelSchema),
  /** The pairs of annotators, in the order every section lists them. */
  pairs: z.array(z.tuple([z.string(), z.string()])),
  /** All chosen documents pooled: spans and tokens counted together, one text continuum for αU. */
  corpus: AgreementSection,
  documents: z.array(AgreementSection.extend({ id: DocumentId })),
  disagreements: z.array(AgreementDisagreement),
  cards: CardAgreement,
});
export type AgreementReport = z.infer<typeof AgreementReport>;

/** What the Agreement panel opens with: the report without its per-document scores and disagreements. */
const AgreementSummary = AgreementReport.pick({ annotators: true, labels: true, pairs: true, corpus: true, cards: true }).extend({
  /** How many documents were measured. */
  documents: z.number().int(),
  /** Per annotator, in the report's order: in how many of them they have a span. */
  tagged: z.array(z.number().int()),
  /** The documents where every annotator has a span. */
  common: z.array(DocumentId),
  /** Per label and then 'all': per pair, how many spans one of the two made and the other did not. */
  disagreements: z.array(z.object({ label: AgreementLabel, pairs: z.array(z.number().int()) })),
});
export type AgreementSummary = z.infer<typeof AgreementSummary>;

const AgreementDisagreements = z.object({ total: z.number().int(), disagreements: z.array(AgreementDisagreement) });
export type AgreementDisagreements = z.infer<typeof AgreementDisagreements>;

/** Which agreement: the annotators, documents and labels, each by default all there are. */
const AgreementScope = z.object({
  annotators: z.array(AnnotatorName).min(2, { message: 'agreement needs two or more annotators' }).optional(),
  documents: z.array(DocumentId).min(1).optional(),
  labels: z.array(LabelSchema).min(1).optional(),
});
// --- claim clusters (issue 14) ---
/** A cluster's id: short, made when the cluster is, kept by export and import. */
export const ClusterIdSchema = z.string().regex(CLUSTER_ID, { message: 'a cluster id is 1 to 64 letters, digits, _ or -' });

/** What an analyst compares outlets by: the document, its outlet and publication date (null: not known). */
const ClaimDocument = z.object({ id: DocumentId, title: z.string(), outlet: z.string().nullable(), published: z.string().nullable() });
export type ClaimDocument = z.infer<typeof ClaimDocument>;

/**
 * Why a candidate ranks where it does: the words it shares with the claim (as the candidate
 * spells them), and the card roles both fill with the same words (location, date, source).
 */
const CandidateReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('terms'), words: z.array(z.string()) }),
  z.object({ kind: z.literal('location'), text: z.string() }),
  z.object({ kind: z.literal('date'), text: z.string() }),
  z.object({ kind: z.literal('source'), text: z.string() }),
]);
export type CandidateReason = z.infer<typeof CandidateReason>;

const ClusterCandidate = z.object({
  claim: SpanId,
  document: ClaimDocument,
  /** In the claim's own document: listed after those of other documents. */
  sameDocument: z.boolean(),
  start: Offset,
  end: Offset,
  text: z.string(),
  /** Higher is closer; only comparable among the candidates of one claim. */
  score: z.number(),
  reasons: z.array(CandidateReason),
  cluster: ClusterIdSchema.nullable(),
});
export type ClusterCandidate = z.infer<typeof ClusterCandidate>;

const FilledRole = z.array(z.object({ span: SpanId, text: z.string() }));

/** A claim of a cluster with its card, as the comparison view shows it. */
const ClusterMember = z.object({
  claim: SpanId,
  document: ClaimDocument,
  start: Offset,
  end: Offset,
  text: z.string(),
  stance: StanceSchema,
  sources: FilledRole,
  /** The chain, agency first. */
  via: FilledRole,
  locations: FilledRole,
  dates: FilledRole,
});
export type ClusterMember = z.infer<typeof ClusterMember>;

const Cluster = z.object({
  id: ClusterIdSchema,
  annotator: z.string(),
  /** By publication date (unknown last), then document and place in it. */
  members: z.array(ClusterMember),
  /**
   * Per card field, whether members differ: a different stance, or among the members that fill a
   * role, different words once folded (another source, place or day).
   */
  differs: z.object({ stance: z.boolean(), sources: z.boolean(), via: z.boolean(), locations: z.boolean(), dates: z.boolean() }),
});
export type Cluster = z.infer<typeof Cluster>;

/** Clusters × documents: which outlet carries which claim, with its stance. */
const ClusterMatrix = z.object({
  annotator: z.string(),
  /** The columns: documents with a member of a cluster, by publication date (unknown last). */
  documents: z.array(ClaimDocument),
  rows: z.array(
    z.object({
      cluster: ClusterIdSchema,
      /** The earliest member's claim text. */
      title: z.string(),
      /** One cell per column of `documents`: the cluster's claims in it (empty: it does not carry it). */
      cells: z.array(z.array(z.object({ claim: SpanId, stance: StanceSchema }))),
    }),
  ),
});
export type ClusterMatrix = z.infer<typeof ClusterMatrix>;

/** Recall, precision and F1 of one coreference metric (null: undefined, nothing to count). */
const CorefScore = z.object({ recall: Score, precision: Score, f1: Score });

/**
 * Cluster agreement of two annotators, scored as coreference (the CoNLL-2012 reference scorer):
 * mentions are claims, matched by exact range within a document; a claim in no cluster is an
 * entity of its own. The first annotator is the key, the second the response.
 */
const ClusterPairScores = z.object({
  annotators: z.tuple([z.string(), z.string()]),
  /** Claims of each, and those of the same range in both. */
  mentions: z.object({ first: z.number().int(), second: z.number().int(), matched: z.number().int() }),
  muc: CorefScore,
  bcubed: CorefScore,
  ceafe: CorefScore,
  /** The CoNLL score: the mean of the three F1 (null when one is). */
  conll: Score,
});
export type ClusterPairScores = z.infer<typeof ClusterPairScores>;

const ClusterAgreement = z.object({
  annotators: z.array(z.string()),
  documents: z.number().int(),
  /** Clusters of two or more claims in these documents, every annotator's together. */
  clusters: z.number().int(),
  pairs: z.array(ClusterPairScores),
});
export type ClusterAgreement = z.infer<typeof ClusterAgreement>;
// --- end claim clusters ---

const CurrentAnnotator = z.object({ annotator: z.string(), confirmed: z.boolean() });
export type CurrentAnnotator = z.infer<typeof CurrentAnnotator>;

// --- suggestions (issue 15) ---
/** A range proposed for a label: what accepting or rejecting a suggestion names. */
const Proposed = z
  .object({ start: Offset, end: Offset, label: LabelSchema })
  .refine((s) => s.start < s.end, { message: 'a suggestion must end after it starts' });
/** reporting: claims and their actors read from reported speech; phrases: actor and place descriptions read from their head word. */
const SuggestionSource = z.enum(['propagation', 'gazetteer', 'learned', 'dates', 'reporting', 'phrases']);
/** A proposed span: never stored, exported or counted until accepted. `seen`: learned from spans of this text, per label. */
const Suggestion = z.object({
  start: Offset,
  end: Offset,
  label: LabelSchema,
  text: z.string(),
  source: SuggestionSource,
  seen: z.partialRecord(LabelSchema, z.number().int().positive()).optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;
const Suggestions = z.object({ suggestions: z.array(Suggestion) });
const GazetteerProblem = z.object({ file: z.string(), line: z.number().int().positive(), reason: z.string() });
export type GazetteerProblem = z.infer<typeof GazetteerProblem>;
// --- end suggestions ---

function operation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const contract = {
  /**
   * Who is annotating. `confirmed` is false when the name is only the login name, not given by
   * option or $HAMISH_ANNOTATOR nor chosen in this library: the app then asks for it first.
   */
  session: operation(z.object({}), CurrentAnnotator),
  /** Switches who is annotating, and remembers the name in the library for the next start. */
  setAnnotator: operation(z.object({ name: PersonName }), CurrentAnnotator),
  /** The people of this library, by name: everyone with spans, and whoever is annotating now. */
  listAnnotators: operation(z.object({}), z.array(z.string())),
  /** Every document, in id order (the CLI's and scripts' list; the app pages with libraryPage). */
  listDocuments: operation(z.object({}), z.array(DocumentSummary)),
  /**
   * A page of the library's list: the documents whose title or text has every word of `query`
   * (folded: أ/ا, ى/ي, ة/ه and diacritics do not matter; each word the start of one, after a
   * proclitic or not), or all of them for a blank query. `from` an offset into that list, or the
   * page that holds a document (it starts a little before it; at the top when it does not match).
   */
  libraryPage: operation(
    z.object({
      query: z.string().max(200),
      from: z.union([z.object({ offset: z.number().int().nonnegative() }), z.object({ around: DocumentId })]),
      limit: z.number().int().min(1).max(LIBRARY_PAGE_MAX),
    }),
    LibraryPage,
  ),
  /** The document with the spans of `layers` (by default the session annotator's own layer only). */
  openDocument: operation(z.object({ id: DocumentId, layers: Layers.optional() }), OpenedDocument),
  createSpan: operation(
    z
      .object({ documentId: DocumentId, start: Offset, end: Offset, label: LabelSchema, layer: Layer })
      .refine((s) => s.start < s.end, { message: 'a span must end after it starts' }),
    Span,
  ),
  deleteSpan: operation(z.object({ id: SpanId, layer: Layer }), z.object({ id: SpanId })),
  /** Relabel, move an edge, or set the note (null removes it) of a span of your own layer (or gold). */
  updateSpan: operation(
    z
      .object({
        id: SpanId,
        layer: Layer,
        label: LabelSchema.optional(),
        start: Offset.optional(),
        end: Offset.optional(),
        note: Note.optional(),
      })
      .refine((c) => ['label', 'start', 'end', 'note'].some((key) => key in c), { message: 'say what to change' }),
    Span,
  ),
  // --- claim cards: each change is one step of the claim's layer's history, like a span's ---
  /** Sets the stance of a claim's card (made on first change). */
  setStance: operation(z.object({ claim: SpanId, stance: StanceSchema, layer: Layer }), Card),
  /**
   * Fills a role of a claim's card with a span of its layer and document and of the role's label
   * (source and via: actors). `order` (via): its place in the chain, from 1; default last.
   */
  linkRole: operation(
    z.object({ claim: SpanId, role: RoleSchema, span: SpanId, order: z.number().int().positive().optional(), layer: Layer }),
    Card,
  ),
  unlinkRole: operation(z.object({ claim: SpanId, role: RoleSchema, span: SpanId, layer: Layer }), Card),
  /** Puts the via chain in this order: every span of it, each once. */
  reorderVia: operation(
    z.object({
      claim: SpanId,
      spans: z
        .array(SpanId)
        .min(1)
        .refine((ids) => new Set(ids).size === ids.length, { message: 'name each span once' }),
      layer: Layer,
    }),
    Card,
  ),
  // --- end claim cards ---
  // --- claim clusters (issue 14): membership is on the claim's card, each change a step of its document's history ---
  /**
   * Claims of the claim's layer ranked by how much they share with it (Arabic-aware terms, IDF
   * weighted, and the same location, date or source on their cards): other documents' first,
   * then its own document's. Only candidates that share something are listed.
   */
  clusterCandidates: operation(z.object({ spanId: SpanId, limit: z.number().int().min(1).max(200).default(20) }), z.array(ClusterCandidate)),
  /**
   * Puts the claim in the other claim's cluster (or the other in the claim's, or both in a new
   * one when neither is in a cluster). Refused when both are already in different clusters:
   * leave one first. Both claims must be of the layer changed.
   */
  joinCluster: operation(z.object({ spanId: SpanId, withSpanId: SpanId, layer: Layer }), Cluster),
  /** Takes the claim out of its cluster; what remains of it (null: one claim alone is no cluster). */
  leaveCluster: operation(z.object({ spanId: SpanId, layer: Layer }), z.object({ left: ClusterIdSchema, cluster: Cluster.nullable() })),
  /** A layer's clusters (default the session annotator's), or those with a claim in `documentId`. */
  clusters: operation(z.object({ documentId: DocumentId.optional(), annotator: AnnotatorName.optional() }), z.array(Cluster)),
  cluster: operation(z.object({ clusterId: ClusterIdSchema, annotator: AnnotatorName.optional() }), Cluster),
  clusterMatrix: operation(z.object({ annotator: AnnotatorName.optional() }), ClusterMatrix),
  /** Cluster agreement per pair of annotators (MUC, B³, CEAF-e, CoNLL), over the chosen documents. */
  clusterAgreement: operation(AgreementScope.omit({ labels: true }), ClusterAgreement),
  // --- end claim clusters ---
  // --- article scope: each change is one step of the layer's history ---
  /**
   * Marks [start, end) out of scope (inScope false: merged with what is out already; refused when
   * it holds spans of the layer, naming them) or brings it back into scope (splitting a range).
   */
  setScope: operation(
    ScopeStretch.extend({ inScope: z.boolean() }).refine((s) => s.start < s.end, ordered),
    DocumentScope,
  ),
  /** Turns down a proposed stretch: it is not proposed again in this layer. */
  rejectScope: operation(ScopeStretch.refine((s) => s.start < s.end, ordered), DocumentScope),
  // --- end article scope ---
  /** Which of these words occur as whole words somewhere in the corpus (KNOWN_WORDS: how many, how long). */
  knownWords: operation(
    z.object({ words: z.array(z.string().max(KNOWN_WORDS.longest)).max(KNOWN_WORDS.perCall) }),
    z.array(z.string()),
  ),
  /**
   * Takes back the latest change to the layer in the document (or puts back the one taken back
   * last). In the gold layer that is the latest review decision or gold edit, whoever made it;
   * "accept all agreed" is one step.
   */
  undo: operation(z.object({ documentId: DocumentId, layer: Layer }), HistoryStep),
  redo: operation(z.object({ documentId: DocumentId, layer: Layer }), HistoryStep),
  setDocumentStatus: operation(
    z.object({ id: DocumentId, status: DocumentStatus.exclude(['new']) }),
    DocumentSummary,
  ),
  saveViewOffset: operation(z.object({ id: DocumentId, offset: Offset }), z.object({})),
  /**
   * The document's outlet and publication date (YYYY-MM-DD), kept in its metadata (`outlet`,
   * `published`) and in no layer's history; null or blank clears one, an absent one stays.
   * Returns the document's metadata as stored now.
   */
  setDocumentMeta: operation(
    z.object({
      documentId: DocumentId,
      outlet: z.string().max(200).nullable().optional(),
      published: z.string().max(100).nullable().optional(),
    }),
    z.object({ meta: z.record(z.string(), z.unknown()) }),
  ),
  importFiles: operation(
    z.object({
      paths: z.array(z.string().min(1)).min(1),
      /** Any label of the encoding (cp1256, arabic, utf8…); default: detected per file. */
      encoding: z
        .string()
        .refine((label) => encodingOf(label) !== undefined, { message: `the encodings are ${ENCODINGS.join(', ')}` })
        .transform((label) => encodingOf(label)!)
        .optional(),
      /** The CSV column holding the article (default: text). */
      textColumn: z.string().min(1).optional(),
      /** Whose the spans in a file are when the file does not say (default: the session's). */
      annotator: AnnotatorName.optional(),
    }),
    ImportReport,
  ),
  /** Writes the dataset to `out` (a file; a folder for brat and labelstudio), whole or not at all. */
  exportDataset: operation(
    z.object({
      format: ExportFormat,
      out: z.string().min(1),
      filters: ExportFilters.default({}),
      /** CoNLL: proclitics stay on their word ('whole') or are tokens of their own ('clitic'). */
      tokens: z.enum(['whole', 'clitic']).default('whole'),
      /** Also for single-file exports: the first line of a JSONL file, else FILE.manifest.json. */
      manifest: z.boolean().default(false),
      /** Label Studio: this annotator's layer goes out as predictions (pre-annotations). */
      predictions: z.string().min(1).optional(),
    }),
    ExportReport,
  ),
  /** The agreement units of the chosen annotators' layers in a document, and its gold layer. */
  reviewDocument: operation(z.object({ documentId: DocumentId, annotators: ReviewAnnotators }), ReviewedDocument),
  /**
   * Accepts a version (a range and label some annotator gave) into the gold layer, as it is or as
   * `edit`ed; accepting it again replaces its gold span. Rejecting records that it is not gold (and
   * takes out the gold span its acceptance made). The session annotator is the reviewer.
   */
  decide: operation(
    z
      .object({ documentId: DocumentId, version: Range, verdict: z.enum(['accept', 'reject']), edit: Range.optional() })
      .refine((d) => d.verdict === 'accept' || d.edit === undefined, { message: 'only an acceptance takes an edit' }),
    Decision,
  ),
  /**
   * Decides a card unit: accepting a role's span links the gold span of that range and label to
   * the role of the gold claim of `claim`'s range, bringing the claim and the span into gold
   * (as accepted versions) when gold lacks them; rejecting takes the link out of gold if it is
   * there. Accepting a stance sets the gold card's. Accepting a cluster (`mates`: the other claims'
   * ranges) puts the gold claim in the gold cluster of those mates, joined by each mate when its
   * own document's unit is accepted; rejecting it, or accepting no mates, takes the gold claim out
   * of its cluster. The session annotator is the reviewer.
   */
  decideCard: operation(
    z
      .object({
        documentId: DocumentId,
        claim: z.object({ start: Offset, end: Offset }).refine((c) => c.start < c.end, { message: 'a claim must end after it starts' }),
        aspect: CardAspect,
        version: z.union([
          z.object({ stance: StanceSchema }),
          z.object({ mates: z.array(z.object({ documentId: DocumentId, start: Offset, end: Offset })).max(10000) }),
          z.object({ start: Offset, end: Offset }),
        ]),
        verdict: z.enum(['accept', 'reject']),
      })
      .refine((d) => (d.aspect === 'stance') === 'stance' in d.version && (d.aspect === 'cluster') === 'mates' in d.version, {
        message: 'a stance unit takes a stance as its version; a cluster unit, its mates; a role, the range of its span',
        path: ['version'],
      }),
    Decision,
  ),
  /**
   * Decides a scope unit's version (a range some annotator left out of the article): accepting it
   * leaves it out of gold's scope too (in place of another version of the unit accepted before);
   * rejecting records that gold keeps it, bringing it back in if its acceptance had left it out.
   * Refused where gold has spans in the range. The session annotator is the reviewer.
   */
  decideScope: operation(
    z.object({
      documentId: DocumentId,
      version: z.object({ start: Offset, end: Offset }).refine((r) => r.start < r.end, ordered),
      verdict: z.enum(['accept', 'reject']),
    }),
    Decision,
  ),
  /** Accepts every open agreed unit of the document, as one step of undo. */
  acceptAgreed: operation(z.object({ documentId: DocumentId, annotators: ReviewAnnotators }), z.array(Decision)),
  /**
   * The nearest open disagreement (an open unit that is not agreed) after `fromOffset` in
   * `fromDocument` (before it, for 'previous'), then in the following (preceding) documents of the
   * library's order. Null: there is none.
   */
  nextDisagreement: operation(
    z.object({
      fromDocument: DocumentId,
      fromOffset: Offset,
      direction: z.enum(['next', 'previous']),
      annotators: ReviewAnnotators,
    }),
    z.object({ documentId: DocumentId, unit: ReviewUnit }).nullable(),
  ),
  /** A consistent copy of the library at `out`, taken while it is in use. */
  backupLibrary: operation(z.object({ out: z.string().min(1) }), z.object({ file: z.string(), bytes: z.number().int() })),
  /** The library's automatic backups and the copies kept before restores, newest first. */
  listBackups: operation(z.object({}), z.array(Backup)),
  /** Replaces the library's contents with a backup's, keeping a copy of them first (`previous`). */
  restoreLibrary: operation(
    z.object({ file: z.string().min(1) }),
    z.object({ restored: z.string(), previous: z.string(), documents: z.number().int(), spans: z.number().int() }),
  ),
  /**
   * How far annotators agree, per pair and overall, per label, per document and for the corpus.
   * Annotators: by default everyone with spans in the documents; documents: by default those
   * where any of the annotators has a span.
   */
  agreement: operation(AgreementScope, AgreementReport),
  /** The agreement report as the panel first shows it: corpus scores and counts (see AgreementSummary). */
  agreementSummary: operation(AgreementScope, AgreementSummary),
  /**
   * The disagreements behind one of the panel's numbers, a page at a time: the spans of `label`
   * (or of all labels) that one of `pair` made and the other did not, in reading order.
   */
  agreementDisagreements: operation(
    AgreementScope.extend({
      label: AgreementLabel,
      pair: z.tuple([AnnotatorName, AnnotatorName]),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    AgreementDisagreements,
  ),
  // --- suggestions (issue 15) ---
  /**
   * The suggestions for a document in the layer: dates, gazetteer names, and what was tagged
   * before (by the layer, or `learnFrom: 'library'` by anyone) where it recurs.
   */
  suggest: operation(
    z.object({ documentId: DocumentId, layer: Layer, learnFrom: z.enum(['layer', 'library']).default('layer') }),
    Suggestions,
  ),
  /**
   * The other occurrences of a span's text in its document, as suggestions of its label; with
   * `library`, how many there are in each other document too.
   */
  propagate: operation(
    z.object({ span: SpanId, library: z.boolean().default(false) }),
    Suggestions.extend({ elsewhere: z.array(z.object({ documentId: DocumentId, count: z.number().int().positive() })) }),
  ),
  /** Makes the suggestions spans of the layer, as one step of its history. */
  acceptSuggestions: operation(
    z.object({ documentId: DocumentId, layer: Layer, suggestions: z.array(Proposed).min(1).max(10_000) }),
    z.object({ spans: z.array(Span) }),
  ),
  /** Turns the suggestions down in the layer: they are not offered there again. */
  rejectSuggestions: operation(
    z.object({ documentId: DocumentId, layer: Layer, suggestions: z.array(Proposed).min(1).max(10_000) }),
    z.object({ rejected: z.number().int() }),
  ),
  /**
   * Adds a gazetteer (CSV or TSV of name,label,variants; `file` names it in the problems) to the
   * library's. Rows that cannot be read are left out and listed at their line.
   */
  importGazetteer: operation(
    z.object({ file: z.string().min(1).max(1000), text: z.string().max(20_000_000) }),
    z.object({ entries: z.number().int(), forms: z.number().int(), problems: z.array(GazetteerProblem) }),
  ),
  // --- end suggestions ---
  /** Where this library stands with the team's hub (see SyncStatus). */
  syncStatus: operation(z.object({}), SyncStatus),
  /** Starts a sync now (one at a time; the app also syncs every minute); answers at once, syncing. */
  syncNow: operation(z.object({}), SyncStatus),
  /**
   * The hub to sync with (a postgres:// URL, kept in the library's settings without its password),
   * or none (null). The password, given here or in the URL, is sealed by the desktop's keychain, or
   * held in memory for this session only (web mode); without one, $PGPASSWORD or the password file.
   */
  setHub: operation(z.object({ url: z.string().trim().min(1).nullable(), password: z.string().min(1).optional() }), SyncStatus),
} as const satisfies Record<Operation, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Input<O extends Operation> = z.input<Contract[O]['input']>;
export type Output<O extends Operation> = z.output<Contract[O]['output']>;

/** What every door offers: each operation as an async function. */
export type HamishApi = { readonly [O in Operation]: (input: Input<O>) => Promise<Output<O>> };

/** What a window (the renderer, in Electron or a browser) is offered. */
export type WindowApi = Pick<HamishApi, WindowOperation>;
