import type { HamishApi, OpenedDocument, Span } from '../../electron/contract/contract.ts';
import type { Label } from '../../electron/contract/labels.ts';
import { CodePointIndex } from '../../electron/text/codepoints.ts';

/** A span as the view needs it: the stored span plus its edges in UTF-16 (the DOM's unit). */
export interface ViewSpan {
  readonly span: Span;
  readonly from: number;
  readonly to: number;
  /** True until the database has acknowledged it. */
  readonly pending: boolean;
}

export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly message: string };

export interface SessionSnapshot {
  /** In reading order: by start, then the longer (outer) span first. */
  readonly spans: readonly ViewSpan[];
  readonly selectedId: number | null;
  readonly save: SaveState;
  /** How many changes the database has acknowledged since the document was opened. */
  readonly saves: number;
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
  readonly index: CodePointIndex;
  private readonly api: HamishApi;
  private readonly spans = new Map<number, ViewSpan>();
  private readonly observers = new Set<SessionObserver>();
  private readonly listeners = new Set<() => void>();
  private selectedId: number | null = null;
  private inFlight = 0;
  private saves = 0;
  private failure: string | null = null;
  private nextTemporaryId = -1;
  private snapshot: SessionSnapshot | null = null;

  constructor(api: HamishApi, document: OpenedDocument) {
    this.api = api;
    this.document = document;
    this.index = new CodePointIndex(document.text);
    for (const span of document.spans) this.spans.set(span.id, this.toView(span, false));
  }

  private toView(span: Span, pending: boolean): ViewSpan {
    return { span, from: this.index.toUtf16(span.start), to: this.index.toUtf16(span.end), pending };
  }

  get text(): string {
    return this.document.text;
  }

  // --- reading ------------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => {
    this.snapshot ??= {
      spans: [...this.spans.values()].sort(readingOrder),
      selectedId: this.selectedId,
      save: this.failure
        ? { kind: 'failed', message: this.failure }
        : this.inFlight > 0
          ? { kind: 'saving' }
          : { kind: 'saved' },
      saves: this.saves,
    };
    return this.snapshot;
  };

  observe(observer: SessionObserver): () => void {
    this.observers.add(observer);
    for (const span of this.spans.values()) observer.added(span);
    observer.selected(this.selected());
    return () => this.observers.delete(observer);
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

  count(): number {
    return this.spans.size;
  }

  // --- changing -----------------------------------------------------------------------------

  select(id: number | null): void {
    if (id === this.selectedId) return;
    this.selectedId = id;
    const span = this.selected();
    for (const observer of this.observers) observer.selected(span);
    this.changed();
  }

  /** Tags [from, to) (UTF-16). The same label over the same range again is quietly ignored. */
  async create(label: Label, from: number, to: number): Promise<void> {
    for (const existing of this.spans.values()) {
      if (existing.span.label === label && existing.from === from && existing.to === to) {
        this.select(existing.span.id);
        return;
      }
    }
    const start = this.index.toCodePoint(from);
    const end = this.index.toCodePoint(to);
    const now = new Date().toISOString();
    const temporary: ViewSpan = {
      span: {
        id: this.nextTemporaryId--,
        documentId: this.document.summary.id,
        start,
        end,
        label,
        annotator: '',
        note: null,
        createdAt: now,
        updatedAt: now,
      },
      from,
      to,
      pending: true,
    };
    this.put(temporary);
    this.select(temporary.span.id);
    const saved = await this.saving(() =>
      this.api.createSpan({ documentId: this.document.summary.id, start, end, label }),
    );
    this.take(temporary.span.id);
    if (saved) {
      this.put(this.toView(saved, false));
      if (this.selectedId === temporary.span.id) this.select(saved.id);
    } else if (this.selectedId === temporary.span.id) {
      this.select(null);
    }
  }

  async delete(id: number): Promise<void> {
    const span = this.spans.get(id);
    if (!span || span.pending) return;
    if (this.selectedId === id) this.select(null);
    this.take(id);
    const deleted = await this.saving(() => this.api.deleteSpan({ id }));
    if (!deleted) this.put(span);
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

  private async saving<T>(save: () => Promise<T>): Promise<T | null> {
    this.inFlight++;
    this.changed();
    try {
      const result = await save();
      this.failure = null;
      this.saves++;
      return result;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.inFlight--;
      this.changed();
    }
  }

  private changed(): void {
    this.snapshot = null;
    for (const listener of this.listeners) listener();
  }
}
