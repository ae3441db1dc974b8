import type { OpenedDocument, ReviewStatus, ReviewUnit, Span, WindowApi } from '../../../electron/contract/contract.ts';
import { cardDecision } from './card-units.ts';
import type { Label } from '../../../electron/contract/labels.ts';
import { wordsOf } from '../../../electron/text/boundaries.ts';
import { CodePointIndex } from '../../../electron/text/codepoints.ts';
import { movedEdge, type Range16 } from '../editor/edges.ts';
import { mayPass } from '../api.ts';
import { SaveQueue, type SaveProgress } from '../save-queue.ts';
import { createStore } from '../store.ts';

/** A range and label in code points, as the contract has them. */
export interface Version {
  readonly start: number;
  readonly end: number;
  readonly label: Label;
}

export interface ReviewSnapshot extends SaveProgress {
  /** In reading order, as reviewDocument gives them. */
  readonly units: readonly ReviewUnit[];
  readonly gold: readonly Span[];
  /** What gold leaves out of the article (code points). */
  readonly goldOut: readonly (readonly [number, number])[];
  /** The document's review status as of the last reading (null before the first). */
  readonly status: ReviewStatus | null;
  /** Index of the unit under review, if any. */
  readonly current: number | null;
  /** Index of the chosen version in the current unit. */
  readonly chosen: number;
  /** The chosen version as the reviewer changed it before accepting; null: as it is. */
  readonly edit: Version | null;
  /** Why the last key did nothing (an edit asked of a card unit); null: it did what it says. */
  readonly refused: string | null;
}

type ReviewVersion = ReviewUnit['versions'][number];

export type Direction = 'next' | 'previous';

/** Where a step within the document went: on, round past its end (start), or nowhere. */
export type Step = 'moved' | 'wrapped' | 'none';

/** A unit under a character, with the indices of its versions that cover it. */
export interface UnitAt {
  readonly index: number;
  readonly unit: ReviewUnit;
  readonly versions: readonly number[];
}

const isOpenDisagreement = (unit: ReviewUnit) => unit.state === 'open' && unit.kind !== 'agreed';
const same = (a: Pick<ReviewVersion, 'start' | 'end' | 'label'>, b: Pick<ReviewVersion, 'start' | 'end' | 'label'>) => a.start === b.start && a.end === b.end && a.label === b.label;
/** The same version of a unit: a stance unit's versions share the claim's range. */
const sameVersion = (a: ReviewVersion, b: ReviewVersion) => same(a, b) && a.stance === b.stance;

/**
 * The review of one document's layers: its agreement units, the unit and version the reviewer is
 * on, and the decisions that build the gold layer. A decision is not shown before the database
 * has it: each is sent, then the units are read again, so what is on screen is what is stored.
 */
export class ReviewSession {
  readonly document: OpenedDocument;
  readonly annotators: readonly string[];
  readonly index: CodePointIndex;
  private readonly api: WindowApi;
  private readonly words: Range16[];
  private units: readonly ReviewUnit[] = [];
  private gold: readonly Span[] = [];
  private goldOut: readonly (readonly [number, number])[] = [];
  private status: ReviewStatus | null = null;
  private current: number | null = null;
  private chosen = 0;
  private edit: Version | null = null;
  private refused: string | null = null;
  /** A decision that failed for a reason that may pass (disk, lock, connection) waits for retry. */
  private readonly queue = new SaveQueue(() => this.changed(), mayPass);
  private readonly store = createStore<ReviewSnapshot>(() => ({
    units: this.units,
    gold: this.gold,
    goldOut: this.goldOut,
    status: this.status,
    current: this.current,
    chosen: this.chosen,
    edit: this.edit,
    refused: this.refused,
    ...this.queue.progress(),
  }));

  constructor(api: WindowApi, document: OpenedDocument, annotators: readonly string[]) {
    this.api = api;
    this.document = document;
    this.annotators = annotators;
    this.index = new CodePointIndex(document.text);
    this.words = wordsOf(document.text);
  }

  get documentId(): string {
    return this.document.summary.id;
  }

  /** Reads the units; then puts the reviewer on `unitId`, or on the first open disagreement. */
  async load(unitId?: string): Promise<void> {
    // A reading changes nothing: if it fails, it is said, not kept to be sent again.
    await this.queue.send(async () => {
      await this.read();
      const at = this.units.findIndex((unit) => unit.id === unitId);
      this.current = at !== -1 ? at : this.nearest(-1, 'next');
    }, false);
  }

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  /** The chosen version of the unit under review, as it stands (edited or not). */
  target(): { unit: ReviewUnit; version: ReviewVersion; edited: Version | ReviewVersion } | null {
    const unit = this.current === null ? undefined : this.units[this.current];
    const version = unit?.versions[this.chosen];
    if (!unit || !version) return null;
    return { unit, version, edited: this.edit ?? version };
  }

  /** The gold span an accepted unit put into gold (as accepted, or as edited); null: none. */
  goldOf(unit: ReviewUnit): Span | null {
    for (const { decision } of unit.versions) {
      if (decision?.verdict === 'accept') return this.gold.find((span) => span.id === decision.goldSpanId) ?? null;
    }
    return null;
  }

  /** UTF-16 edges of a code point range, for painting. */
  toUtf16({ start, end }: { start: number; end: number }): Range16 {
    return { start: this.index.toUtf16(start), end: this.index.toUtf16(end) };
  }

  // --- moving -------------------------------------------------------------------------------

  /** Puts the reviewer on a unit (null: none), on its `chosen`th version. */
  selectUnit(index: number | null, chosen = 0): void {
    this.current = index;
    this.chosen = chosen;
    this.edit = null;
    this.refused = null;
    this.changed();
  }

  /**
   * The units over a character (a UTF-16 offset), innermost first, each with the versions that
   * cover it, shortest first: what the pointer is on.
   */
  unitsAt(offset: number): UnitAt[] {
    const at = this.index.toCodePoint(offset);
    const covers = (range: { start: number; end: number }) => range.start <= at && at < range.end;
    const length = (range: { start: number; end: number }) => range.end - range.start;
    // A card unit is where its spans are (a stance unit is its claim's: reached by Tab, not by pointer).
    const under = (unit: ReviewUnit) =>
      !unit.card ? covers(unit) : unit.card.aspect !== 'stance' && unit.versions.some(covers);
    return this.units
      .flatMap((unit, index) => (under(unit) ? [{ index, unit }] : []))
      .sort((a, b) => length(a.unit) - length(b.unit))
      .map(({ index, unit }) => ({
        index,
        unit,
        versions: unit.versions
          .flatMap((version, i) => (covers(version) ? [i] : []))
          .sort((a, b) => length(unit.versions[a]!) - length(unit.versions[b]!)),
      }));
  }

  /**
   * Selects what was clicked: the innermost unit there, on the version under the pointer. Clicking
   * again on the unit under review goes to its next version there (same range, other label).
   */
  pick(offset: number): void {
    const [inner] = this.unitsAt(offset);
    if (!inner) return this.selectUnit(null);
    const { index, versions } = inner;
    const again = index === this.current ? versions.indexOf(this.chosen) : -1;
    const chosen = versions[(again + 1) % versions.length] ?? 0;
    // The same version again keeps any edit of it.
    if (index !== this.current || chosen !== this.chosen) this.selectUnit(index, chosen);
  }

  /**
   * Moves to the next (previous) open disagreement in this document; past the last (first) one,
   * round to the first (last): a document is done before the review moves on. 'none': no other
   * is open here, and the caller looks in the other documents.
   */
  step(direction: Direction): Step {
    const top = direction === 'next' ? -1 : this.units.length;
    const ahead = this.nearest(this.current ?? top, direction);
    const found = ahead ?? this.nearest(top, direction);
    if (found === null || found === this.current) return 'none';
    this.selectUnit(found);
    return ahead === null ? 'wrapped' : 'moved';
  }

  /** The offset (code points) to look for disagreements from, in other documents' terms. */
  edge(direction: Direction): number {
    return direction === 'next' ? this.index.length : 0;
  }

  chooseVersion(by: 1 | -1): void {
    const target = this.target();
    if (!target) return;
    const count = target.unit.versions.length;
    this.chosen = (this.chosen + by + count) % count;
    this.edit = null;
    this.refused = null;
    this.changed();
  }

  // --- editing before accepting -------------------------------------------------------------

  relabel(label: Label): void {
    const target = this.target();
    if (target && this.editable(target.unit)) this.setEdit({ ...target.edited, label });
  }

  /** Moves an edge of the chosen version by a word or a letter, as the editor's keys do. */
  nudge(edge: 'start' | 'end', forward: boolean, unit: 'word' | 'letter'): void {
    const target = this.target();
    if (!target || !this.editable(target.unit)) return;
    const { label } = target.edited;
    // A span unit's versions all have their label (editable said so of any other).
    if (label === undefined) return;
    const { start, end } = this.toUtf16(target.edited);
    const moved = movedEdge(this.document.text, this.words, edge === 'start' ? start : end, edge, forward, unit);
    if (moved === null) return;
    const from = edge === 'start' ? moved : start;
    const to = edge === 'end' ? moved : end;
    if (from < to) this.setEdit({ start: this.index.toCodePoint(from), end: this.index.toCodePoint(to), label });
  }

  /** Drops the edit: the chosen version as its annotators gave it. */
  dropEdit(): void {
    this.setEdit(null);
  }

  /** A card or scope unit is decided as its annotators gave it: a card's span is decided in its own unit. */
  private editable(unit: ReviewUnit): boolean {
    if (!unit.card && unit.group !== 'scope') return true;
    this.refused = unit.card
      ? 'A card unit is accepted or rejected as the annotators gave it; edit the span in its own unit.'
      : 'A range left out of the article is accepted or rejected as the annotators marked it; change gold’s scope in the editor (gold layer, O) afterwards.';
    this.changed();
    return false;
  }

  private setEdit(edit: Version | null): void {
    const target = this.target();
    this.edit = edit && target && !same(edit, target.version) ? edit : null;
    this.changed();
  }

  // --- deciding -----------------------------------------------------------------------------

  /** Accepts the chosen version into gold, as edited. */
  async accept(): Promise<void> {
    await this.decide('accept');
  }

  async reject(): Promise<void> {
    await this.decide('reject');
  }

  private async decide(verdict: 'accept' | 'reject'): Promise<void> {
    const target = this.target();
    if (!target) return;
    this.refused = null;
    const { start, end, label } = target.version;
    const edit = verdict === 'accept' && this.edit ? { edit: pick(this.edit) } : {};
    const card = cardDecision(target.unit, target.version);
    const outcome = await this.queue.send(async () => {
      if (card) await this.api.decideCard({ documentId: this.documentId, ...card, verdict });
      else if (label === undefined) await this.api.decideScope({ documentId: this.documentId, version: { start, end }, verdict });
      else await this.api.decide({ documentId: this.documentId, version: { start, end, label }, verdict, ...edit });
      await this.read();
    });
    // The edit went into this decision; one kept for Retry leaves later edits alone.
    if (outcome === 'saved' && this.edit !== null) {
      this.edit = null;
      this.changed();
    }
  }

  async acceptAgreed(): Promise<void> {
    await this.queue.send(async () => {
      await this.api.acceptAgreed({ documentId: this.documentId, annotators: [...this.annotators] });
      await this.read();
    });
  }

  /**
   * Takes back the latest decision in this document (or gold edit), whoever made it. Never kept
   * for Retry: sent later, it would take back whatever is latest then.
   */
  async undo(): Promise<void> {
    await this.queue.send(async () => {
      await this.api.undo({ documentId: this.documentId, layer: 'gold' });
      await this.read();
    }, false);
  }

  async redo(): Promise<void> {
    await this.queue.send(async () => {
      await this.api.redo({ documentId: this.documentId, layer: 'gold' });
      await this.read();
    }, false);
  }

  /** Sends again the decisions that could not be stored, in the order they were made. */
  retry(): Promise<void> {
    return this.queue.retry();
  }

  /** Reads the units again, keeping the reviewer on the same unit and version where they still are. */
  private async read(): Promise<void> {
    const was = this.target();
    const review = await this.api.reviewDocument({ documentId: this.documentId, annotators: [...this.annotators] });
    this.units = review.units;
    this.gold = review.gold;
    this.goldOut = review.goldOut;
    this.status = review.review;
    if (!was) return;
    const at = this.units.findIndex((unit) => unit.id === was.unit.id);
    this.current = at !== -1 ? at : this.current === null ? null : Math.min(this.current, this.units.length - 1);
    const chosen = at === -1 ? -1 : this.units[at]!.versions.findIndex((v) => sameVersion(v, was.version));
    this.chosen = Math.max(chosen, 0);
    if (chosen === -1) this.edit = null;
  }

  private nearest(from: number, direction: Direction): number | null {
    const by = direction === 'next' ? 1 : -1;
    for (let i = from + by; i >= 0 && i < this.units.length; i += by) if (isOpenDisagreement(this.units[i]!)) return i;
    return null;
  }

  private changed(): void {
    this.store.changed();
  }
}

function pick({ start, end, label }: Version): Version {
  return { start, end, label };
}
