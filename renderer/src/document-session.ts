import type { WindowApi, HistoryStep, OpenedDocument, Span } from '../../electron/contract/contract.ts';
import { KNOWN_WORDS } from '../../electron/contract/known-words.ts';
import { mayPass } from './api.ts';
import { SaveQueue, type Outcome, type SaveProgress } from './save-queue.ts';
import { createStore } from './store.ts';
import { describeStep } from './editor/step-words.ts';
import type { Label } from '../../electron/contract/labels.ts';
import { wordsOf } from '../../electron/text/boundaries.ts';
import { CodePointIndex } from '../../electron/text/codepoints.ts';
import { procliticSplits } from '../../electron/text/proclitics.ts';

/**
 * A span created here that the database has not acknowledged yet: a temporary (negative) id, and
 * no annotator or times, which only the stored span has.
 */
export type PendingSpan = Omit<Span, 'annotator' | 'createdAt' | 'updatedAt'>;

/**
 * A span as the view needs it: the stored span, or one still being saved, plus its edges in
 * UTF-16 (the DOM's unit).
 */
export type ViewSpan =
  | { readonly state: 'saved'; readonly span: Span; readonly from: number; readonly to: number }
  | { readonly state: 'pending'; readonly span: PendingSpan; readonly from: number; readonly to: number };

/**
 * Which layer of the document the editor shows: the analyst's own, the reviewed gold layer (both
 * editable), or a colleague's, which is read-only.
 */
export type LayerChoice = { readonly kind: 'own' } | { readonly kind: 'gold' } | { readonly kind: 'colleague'; readonly name: string };

export const OWN_LAYER: LayerChoice = { kind: 'own' };

/** openDocument's `layers` for a choice: by default the session annotator's own. */
export function layersOf(layer: LayerChoice): { layers?: string[] } {
  return layer.kind === 'gold' ? { layers: ['gold'] } : layer.kind === 'colleague' ? { layers: [layer.name] } : {};
}

/**
 * The status line: what the last key did where it may not show (undo out of view), or why it did
 * nothing (a read-only layer, nothing selected).
 */
export type Notice = { readonly kind: 'refused' | 'done'; readonly text: string };

export interface SessionSnapshot extends SaveProgress {
  /** In reading order: by start, then the longer (outer) span first. */
  readonly spans: readonly ViewSpan[];
  readonly selectedId: number | null;
  /** Cleared by the next selection. */
  readonly notice: Notice | null;
}

export interface SessionObserver {
  added(span: ViewSpan): void;
  removed(id: number): void;
  selected(span: ViewSpan | null): void;
}

function readingOrder(a: ViewSpan, b: ViewSpan): number {
  return a.from - b.from || b.to - a.to || a.span.id - b.span.id;
}

/**
 * The open document's spans and every change to them. Changes show at once and are saved through
 * the contract; the save state says whether the database has them yet.
 */
export class DocumentSession {
  readonly document: OpenedDocument;
  readonly layer: LayerChoice;
  readonly index: CodePointIndex;
  private readonly api: WindowApi;
  private readonly spans = new Map<number, ViewSpan>();
  private readonly observers = new Set<SessionObserver>();
  private readonly stepListeners = new Set<(step: NonNullable<HistoryStep>) => void>();
  private selectedId: number | null = null;
  private notice: Notice | null = null;
  private nextTemporaryId = -1;
  /** Temporary ids of spans created in this session, to their stored ids once saved, and back. */
  private readonly realIds = new Map<number, number>();
  private readonly temporaryIds = new Map<number, number>();
  /** How many changes each span has had on screen, so that a late answer does not overwrite a newer one. */
  private readonly edits = new Map<number, number>();
  private readonly store = createStore<SessionSnapshot>(() => ({
    spans: [...this.spans.values()].sort(readingOrder),
    selectedId: this.selectedId,
    ...this.queue.progress(),
    notice: this.notice,
  }));
  private readonly queue = new SaveQueue(() => this.changed(), mayPass);
  /** Stems that stand alone after proclitics in this document, as the corpus knows them. */
  private readonly knownStems = new Set<string>();
  /** Why [from, to) (UTF-16) may take no span (out of the article's scope), else null: set by the scope. */
  refusesSpan: (from: number, to: number) => string | null = () => null;

  constructor(api: WindowApi, document: OpenedDocument, layer: LayerChoice = OWN_LAYER) {
    this.api = api;
    this.document = document;
    this.layer = layer;
    this.index = new CodePointIndex(document.text);
    for (const span of document.spans) this.spans.set(span.id, this.toView(span));
  }

  private toView(span: Span): ViewSpan {
    return { state: 'saved', span, from: this.index.toUtf16(span.start), to: this.index.toUtf16(span.end) };
  }

  get text(): string {
    return this.document.text;
  }

  /**
   * Asks the corpus once which stems after proclitics in this text are words of their own, as
   * many calls as the contract needs (KNOWN_WORDS). A stem too long to be a word is not asked.
   * Never throws: a call that fails leaves its stems unknown, and the rule falls back on ال.
   */
  async learnWords(): Promise<void> {
    const stems = new Set<string>();
    for (const { start, end } of wordsOf(this.text)) {
      for (const { stem } of procliticSplits(this.text.slice(start, end))) if (stem.length <= KNOWN_WORDS.longest) stems.add(stem);
    }
    const asked = [...stems];
    for (let from = 0; from < asked.length; from += KNOWN_WORDS.perCall) {
      try {
        for (const word of await this.api.knownWords({ words: asked.slice(from, from + KNOWN_WORDS.perCall) })) this.knownStems.add(word);
      } catch (error) {
        console.warn('Hamish: the corpus words for proclitics could not be read:', error);
      }
    }
  }

  isWord = (word: string): boolean => this.knownStems.has(word);

  // --- reading ------------------------------------------------------------------------------

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  observe(observer: SessionObserver): () => void {
    this.observers.add(observer);
    for (const span of this.spans.values()) observer.added(span);
    observer.selected(this.selected());
    return () => this.observers.delete(observer);
  }

  /**
   * A span's identity for the view: one created here keeps its temporary id once it is stored, so
   * what shows it (the note being typed) does not start over when the save comes back.
   */
  viewKey(id: number): number {
    return this.temporaryIds.get(id) ?? id;
  }

  /** A span by id, without sorting them all (the claim cards look their roles up on every change). */
  span(id: number): ViewSpan | undefined {
    return this.spans.get(id);
  }

  selected(): ViewSpan | null {
    return this.selectedId === null ? null : (this.spans.get(this.selectedId) ?? null);
  }

  /** The spans covering a UTF-16 offset, innermost first. */
  spansAt(offset: number): ViewSpan[] {
    const found: ViewSpan[] = [];
    for (const span of this.spans.values()) if (span.from <= offset && offset < span.to) found.push(span);
    return found.sort((a, b) => a.to - a.from - (b.to - b.from));
  }

  /** The span after (or before) `from` in reading order; from the start (or end) when none is given. */
  neighbour(from: ViewSpan | null, direction: 1 | -1): ViewSpan | null {
    const spans = this.getSnapshot().spans;
    if (spans.length === 0) return null;
    const at = from ? spans.findIndex((s) => s.span.id === from.span.id) : -1;
    if (at === -1) return direction === 1 ? spans[0]! : spans[spans.length - 1]!;
    return spans[at + direction] ?? null;
  }

  // --- changing -----------------------------------------------------------------------------

  /** Whether changes go anywhere: a colleague's layer changes only through review decisions. */
  get editable(): boolean {
    return this.layer.kind !== 'colleague';
  }

  /** The contract's `layer` for changes: gold, or by default the analyst's own. */
  private get target(): { layer?: 'gold' } {
    return this.layer.kind === 'gold' ? { layer: 'gold' } : {};
  }

  /** Says why nothing happened on a read-only layer; true when the change may go ahead. */
  private mayChange(): boolean {
    if (this.layer.kind !== 'colleague') {
      this.notice = null; // what an earlier key said is past
      return true;
    }
    this.say({ kind: 'refused', text: `${this.layer.name}'s layer is read-only: choose your own layer or gold to change spans` });
    return false;
  }

  /** Says why a span may not go over [from, to), when it may not. */
  private refused(from: number, to: number): boolean {
    const why = this.refusesSpan(from, to);
    if (why !== null) this.say({ kind: 'refused', text: why });
    return why !== null;
  }

  /**
   * Sends a change that is not to a span (the article's scope) through the same queue, so it is
   * saved in order with them and the indicator says how it went; refused on a read-only layer.
   */
  async sendChange(send: (target: { layer?: 'gold' }) => Promise<void>): Promise<'saved' | 'refused' | 'kept'> {
    if (!this.mayChange()) return 'refused';
    return this.queue.send(() => send(this.target), false);
  }

  /** Puts a line in the status line, until the next selection. */
  say(notice: Notice): void {
    this.notice = notice;
    this.changed();
  }

  select(id: number | null): void {
    if (id === this.selectedId) return;
    this.notice = null;
    this.selectedId = id;
    const span = this.selected();
    for (const observer of this.observers) observer.selected(span);
    this.changed();
  }

  /** Tags [from, to) (UTF-16). The same label over the same range again is quietly ignored. */
  async create(label: Label, from: number, to: number): Promise<void> {
    if (!this.mayChange() || this.refused(from, to)) return;
    for (const existing of this.spans.values()) {
      if (existing.span.label === label && existing.from === from && existing.to === to) {
        this.select(existing.span.id);
        return;
      }
    }
    const start = this.index.toCodePoint(from);
    const end = this.index.toCodePoint(to);
    const temporary: ViewSpan = {
      state: 'pending',
      span: { id: this.nextTemporaryId--, documentId: this.document.summary.id, start, end, label, note: null },
      from,
      to,
    };
    // The stored span takes the temporary one's place within the save's turn, so a change queued
    // right behind it (a relabel pressed at once) already finds it. The request is sent first and
    // the temporary span painted while it travels (no answer comes before this task ends).
    const saving = this.queue.send(async () => {
      const span = await this.api.createSpan({ documentId: this.document.summary.id, start, end, label, ...this.target });
      this.realIds.set(temporary.span.id, span.id);
      this.temporaryIds.set(span.id, temporary.span.id);
      this.take(temporary.span.id);
      this.put(this.toView(span));
      if (this.selectedId === temporary.span.id) this.select(span.id);
    });
    this.put(temporary);
    this.select(temporary.span.id);
    const outcome = await saving;
    if (outcome === 'refused') {
      if (this.selectedId === temporary.span.id) this.select(null);
      this.take(temporary.span.id);
    }
  }

  /**
   * Makes suggestions (code points) spans of the layer, as one step of its history: "accept all of
   * this text". False when the database refused them; a save that could not be made now is kept
   * and sent again, as any change is (the save state says so).
   */
  async acceptSuggestions(proposed: readonly { start: number; end: number; label: Label }[]): Promise<boolean> {
    if (!this.mayChange()) return false;
    const outcome = await this.queue.send(async () => {
      const { spans } = await this.api.acceptSuggestions({ documentId: this.document.summary.id, suggestions: [...proposed], ...this.target });
      for (const span of spans) this.put(this.toView(span));
    });
    return outcome !== 'refused';
  }

  /** The stored id of a span, waiting for its creation to be saved if it is still pending. */
  async stored(id: number): Promise<number | null> {
    if (this.spans.get(id)?.state === 'pending') await this.queue.settled();
    const saved = this.realIds.get(id) ?? id;
    return this.spans.get(saved)?.state === 'saved' ? saved : null;
  }

  async delete(pendingOrStored: number): Promise<void> {
    if (!this.mayChange()) return;
    const id = await this.stored(pendingOrStored);
    const span = id === null ? undefined : this.spans.get(id);
    if (id === null || !span) return;
    if (this.selectedId === id) this.select(null);
    this.take(id);
    const outcome = await this.queue.send(async () => {
      await this.api.deleteSpan({ id, ...this.target });
    });
    if (outcome === 'refused') this.put(span);
  }

  /**
   * Relabels, moves the edges of (UTF-16) or sets the note of a span. Shown at once; put back as it
   * was if the database refuses. A relabel onto an identical span is quietly ignored.
   */
  async update(
    pendingOrStored: number,
    change: { label?: Label; from?: number; to?: number; note?: string | null },
  ): Promise<void> {
    if (!this.mayChange()) return;
    const id = await this.stored(pendingOrStored);
    const current = id === null ? undefined : this.spans.get(id);
    // A span still being saved was waited for: what `stored` names is saved.
    if (id === null || current?.state !== 'saved') return;
    const label = change.label ?? current.span.label;
    const from = change.from ?? current.from;
    const to = change.to ?? current.to;
    if (from >= to || this.refused(from, to)) return;
    for (const other of this.spans.values()) {
      if (other !== current && other.span.label === label && other.from === from && other.to === to) return;
    }
    const input = {
      id,
      ...(change.label !== undefined && { label }),
      ...(change.from !== undefined && { start: this.index.toCodePoint(from) }),
      ...(change.to !== undefined && { end: this.index.toCodePoint(to) }),
      ...(change.note !== undefined && { note: change.note }),
    };
    const note = change.note === undefined ? current.span.note : change.note;
    this.put({ ...current, span: { ...current.span, label, note }, from, to });
    const edit = (this.edits.get(id) ?? 0) + 1;
    this.edits.set(id, edit);
    const outcome = await this.queue.send(async () => {
      const saved = await this.api.updateSpan({ ...input, ...this.target });
      // A later change to the span may already be on screen; this answer must not undo it.
      if (this.edits.get(id) === edit) this.put(this.toView(saved));
    });
    if (outcome === 'refused' && this.edits.get(id) === edit) this.put(current);
  }

  /**
   * Takes back the analyst's latest change in this document (kept in the database, so also after a
   * reload), and says which it was. Returns the span it changed (as it was, if it is gone), for the
   * view to bring into sight.
   */
  undo(): Promise<ViewSpan | null> {
    return this.walk('undo');
  }

  redo(): Promise<ViewSpan | null> {
    return this.walk('redo');
  }

  private async walk(way: 'undo' | 'redo'): Promise<ViewSpan | null> {
    if (!this.mayChange()) return null;
    let changed: ViewSpan | null = null;
    await this.queue.send(async () => {
      const step = await this.api[way]({ documentId: this.document.summary.id, ...this.target });
      if (!step) {
        this.say({ kind: 'refused', text: `nothing to ${way} in this document` });
        return;
      }
      const spans = step.spans.map(({ spanId, span }) => ({ before: this.spans.get(spanId) ?? null, after: span && this.toView(span) }));
      this.apply(step);
      const done = way === 'undo' ? 'undid' : 'redid';
      const rejected = step.rejections?.length ?? 0;
      const said =
        spans.length > 0 || (!step.scope && rejected === 0)
          ? describeStep(way, spans, step.decisions.length, step.cards?.length ?? 0, this.text)
          : step.scope
            ? `${done}: a change to the article's scope`
            : `${done}: ${rejected === 1 ? 'a rejected suggestion' : `${rejected} rejected suggestions`}, ${way === 'undo' ? 'offered again' : 'rejected again'}`;
      this.say({ kind: 'done', text: said });
      changed = spans[0] ? (spans[0].after ?? spans[0].before) : null;
    }, false);
    return changed;
  }

  /** Hears every undo and redo as the core answered it (claim cards follow their steps). */
  onStep(listener: (step: NonNullable<HistoryStep>) => void): () => void {
    this.stepListeners.add(listener);
    return () => this.stepListeners.delete(listener);
  }

  private apply(step: NonNullable<HistoryStep>): void {
    for (const listener of this.stepListeners) listener(step);
    for (const { spanId, span } of step.spans) {
      if (span) {
        this.put(this.toView(span));
        this.select(spanId);
      } else {
        if (this.selectedId === spanId) this.select(null);
        this.take(spanId);
      }
    }
  }

  private put(span: ViewSpan): void {
    this.spans.set(span.span.id, span);
    for (const observer of this.observers) observer.added(span);
    this.changed();
  }

  private take(id: number): void {
    this.spans.delete(id);
    for (const observer of this.observers) observer.removed(id);
    this.changed();
  }

  /**
   * Saves a change made beside the spans (a claim card's) through the same queue: it waits its
   * turn behind the span saves made before it, shows in the save indicator, and a failure that may
   * pass is kept on screen for Retry like theirs.
   */
  send(change: () => Promise<void>): Promise<Outcome> {
    return this.queue.send(change);
  }

  /** Sends the changes that could not be saved again, in the order they were made. */
  retry(): Promise<void> {
    return this.queue.retry();
  }

  private changed(): void {
    this.store.changed();
  }
}
