import type { HistoryStep, Suggestion, WindowApi } from '../../../electron/contract/contract.ts';
import { LABEL_NAMES, type Label } from '../../../electron/contract/labels.ts';
import { fold } from '../../../electron/text/normalise.ts';
import type { DocumentSession, ViewSpan } from '../document-session.ts';
import { createStore } from '../store.ts';

/** A suggestion with its edges in UTF-16, the DOM's unit. */
export interface ViewSuggestion {
  readonly suggestion: Suggestion;
  readonly from: number;
  readonly to: number;
}

export interface SuggestionSnapshot {
  /** In text order. */
  readonly list: readonly ViewSuggestion[];
  /** The one the keys act on, as an index into `list`; null when there are none. */
  readonly current: number | null;
}

const same = (a: Pick<Suggestion, 'label' | 'start' | 'end'>, b: Pick<Suggestion, 'label' | 'start' | 'end'>) =>
  a.label === b.label && a.start === b.start && a.end === b.end;
const keyOf = ({ label, start, end }: Pick<Suggestion, 'label' | 'start' | 'end'>) => `${label} ${start} ${end}`;
const sameText = (a: Suggestion, b: Suggestion) => a.label === b.label && fold(a.text) === fold(b.text);
const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) => a.from < b.to && b.from < a.to;

/**
 * The suggestions shown over the open document and the decisions on them. Nothing here is a span
 * until accepted: accepting one makes it through the session's createSpan, accepting all of a
 * text through acceptSuggestions (one step of undo); a rejection is kept in the layer.
 */
export class SuggestionSession {
  private readonly api: WindowApi;
  readonly session: DocumentSession;
  private list: ViewSuggestion[] = [];
  private current: number | null = null;
  private readonly store = createStore<SuggestionSnapshot>(() => ({ list: this.list, current: this.current }));
  /** The suggestions rejected while the document is open, by keyOf: an undo shows them again as they were. */
  private readonly turnedDown = new Map<string, ViewSuggestion>();

  constructor(api: WindowApi, session: DocumentSession) {
    this.api = api;
    this.session = session;
  }

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  /** The suggestion the keys act on, if any. */
  currentOne(): ViewSuggestion | null {
    return this.current === null ? null : (this.list[this.current] ?? null);
  }

  /** G: the document's suggestions (dates, reported claims and their actors, descriptions, gazetteer names, what the layer tagged before). */
  async suggestAll(): Promise<void> {
    if (!this.mayDecide()) return;
    const asked = await this.asked(this.api.suggest({ documentId: this.documentId, ...this.target }));
    if (!asked) return;
    this.show(asked.suggestions);
    const count = this.list.length;
    this.session.say({
      kind: count === 0 ? 'refused' : 'done',
      text:
        count === 0
          ? 'no suggestions here: no date, reported claim, description, gazetteer name or text you tagged before is left undecided'
          : `${count} suggestions: Y accept, X reject (Shift: all of this text), J next`,
    });
  }

  /** P: the other occurrences of the span's text, as suggestions of its label (Shift+P: and the library's count). */
  async propagate(span: ViewSpan, library: boolean): Promise<void> {
    if (!this.mayDecide()) return;
    // A span tagged a moment ago may still be on its way to the database: E waits for it.
    const id = await this.session.stored(span.span.id);
    if (id === null) {
      this.session.say({ kind: 'refused', text: 'the span was not saved: nothing to offer its occurrences from' });
      return;
    }
    const asked = await this.asked(this.api.propagate({ span: id, library }));
    if (!asked) return;
    const { suggestions, elsewhere } = asked;
    this.show(suggestions, true);
    const text = this.session.text.slice(span.from, span.to);
    const label = labelName(span.span.label);
    const inLibrary = elsewhere.reduce((sum, { count }) => sum + count, 0);
    const there = library
      ? inLibrary === 0
        ? '; none in other documents'
        : `; ${inLibrary} in ${elsewhere.length} other documents, offered there when opened (G)`
      : '';
    this.session.say({
      kind: suggestions.length === 0 && inLibrary === 0 ? 'refused' : 'done',
      text:
        suggestions.length === 0
          ? `no other occurrence of «${text}» to tag here${there}`
          : `${suggestions.length} more «${text}» offered as ${label}: Shift+Y accept all, Y one by one, X reject${there}`,
    });
  }

  /** J (Shift: back): the next suggestion, brought into sight. */
  step(by: 1 | -1): ViewSuggestion | null {
    if (this.list.length === 0) {
      this.session.say({ kind: 'refused', text: 'no suggestions shown: F finds suggestions, E offers the selected span’s other occurrences (elsewhere)' });
      return null;
    }
    this.current = this.current === null ? (by === 1 ? 0 : this.list.length - 1) : (this.current + by + this.list.length) % this.list.length;
    this.changed();
    return this.list[this.current]!;
  }

  /** The suggestion the keys act on; else says why there is none. */
  private chosen(): ViewSuggestion | null {
    const chosen = this.currentOne();
    if (!chosen) this.session.say({ kind: 'refused', text: 'no suggestion to decide: F finds suggestions, E offers the selected span’s other occurrences (elsewhere)' });
    return chosen;
  }

  /** Y: the current suggestion becomes a span (Shift: every suggestion of its text and label). */
  async accept(allOfText: boolean): Promise<void> {
    const chosen = this.chosen();
    if (!chosen || !this.mayDecide()) return;
    if (!allOfText) {
      this.drop([chosen]);
      await this.session.create(chosen.suggestion.label, chosen.from, chosen.to);
      return;
    }
    const all = this.list.filter((other) => sameText(other.suggestion, chosen.suggestion));
    this.drop(all);
    const saved = await this.session.acceptSuggestions(all.map(({ suggestion: { start, end, label } }) => ({ start, end, label })));
    if (saved) this.session.say({ kind: 'done', text: `accepted ${all.length} «${chosen.suggestion.text}» as ${labelName(chosen.suggestion.label)} (Ctrl+Z takes them back)` });
    else this.restore(all);
  }

  /** X: the current suggestion is turned down and not offered again (Shift: every one of its text and label). */
  async reject(allOfText: boolean): Promise<void> {
    const chosen = this.chosen();
    if (!chosen || !this.mayDecide()) return;
    const rejected = allOfText ? this.list.filter((other) => sameText(other.suggestion, chosen.suggestion)) : [chosen];
    this.drop(rejected);
    for (const one of rejected) this.turnedDown.set(keyOf(one.suggestion), one);
    try {
      await this.api.rejectSuggestions({
        documentId: this.documentId,
        suggestions: rejected.map(({ suggestion: { start, end, label } }) => ({ start, end, label })),
        ...this.target,
      });
      this.session.say({ kind: 'done', text: `rejected ${rejected.length} «${chosen.suggestion.text}»: not offered here again (Ctrl+Z offers it again)` });
    } catch (error) {
      this.restore(rejected);
      this.session.say({ kind: 'refused', text: `not rejected: ${(error as Error).message}` });
    }
  }

  /**
   * An undo or redo of rejections: those taken back are offered again (as they were shown, else as
   * the document's suggestions now have them), those put back go.
   */
  async stepped(step: NonNullable<HistoryStep>): Promise<void> {
    const rejections = step.rejections ?? [];
    const again = rejections.filter((r) => !r.rejected);
    const gone = this.list.filter((s) => rejections.some((r) => r.rejected && same(r, s.suggestion)));
    if (gone.length > 0) this.drop(gone);
    if (again.length === 0) return;
    const known = again.flatMap((r) => this.turnedDown.get(keyOf(r)) ?? []);
    const missing = again.filter((r) => !this.turnedDown.has(keyOf(r)));
    const fresh = missing.length === 0 ? [] : ((await this.asked(this.api.suggest({ documentId: this.documentId, ...this.target })))?.suggestions ?? []);
    const back = [...known.map((s) => s.suggestion), ...fresh.filter((s) => missing.some((r) => same(r, s)))];
    for (const r of again) this.turnedDown.delete(keyOf(r));
    const shown = back.filter((s) => !this.list.some((there) => same(s, there.suggestion)));
    if (shown.length > 0) this.show(shown, true);
  }

  /** A span made over a suggestion of its label (by hand, or by accepting) takes it away. */
  spanAdded(span: ViewSpan): void {
    const covered = this.list.filter((s) => s.suggestion.label === span.span.label && overlaps(s, span));
    if (covered.length > 0) this.drop(covered);
  }

  private show(suggestions: readonly Suggestion[], merge = false): void {
    const kept = merge ? this.list.filter((old) => !suggestions.some((s) => s.label === old.suggestion.label && s.start === old.suggestion.start)) : [];
    const index = this.session.index;
    const added = suggestions.map((suggestion) => ({ suggestion, from: index.toUtf16(suggestion.start), to: index.toUtf16(suggestion.end) }));
    this.list = [...kept, ...added].sort((a, b) => a.from - b.from || a.to - b.to);
    const first = added[0];
    this.current = first ? this.list.indexOf(first) : this.list.length > 0 ? 0 : null;
    this.changed();
  }

  private drop(gone: readonly ViewSuggestion[]): void {
    const at = this.current;
    this.list = this.list.filter((s) => !gone.includes(s));
    // The keys go on with the suggestion that followed the decided one.
    this.current = this.list.length === 0 ? null : Math.min(at ?? 0, this.list.length - 1);
    this.changed();
  }

  private restore(back: readonly ViewSuggestion[]): void {
    this.list = [...this.list, ...back].sort((a, b) => a.from - b.from || a.to - b.to);
    this.current = this.list.indexOf(back[0]!);
    this.changed();
  }

  /** The answer, or null once the status line says why there is none. */
  private async asked<T>(call: Promise<T>): Promise<T | null> {
    try {
      return await call;
    } catch (error) {
      this.session.say({ kind: 'refused', text: `no suggestions: ${(error as Error).message}` });
      return null;
    }
  }

  /** Suggestions are decided in a layer one may change: one's own, or gold. */
  private mayDecide(): boolean {
    if (this.session.editable) return true;
    const layer = this.session.layer;
    const name = layer.kind === 'colleague' ? layer.name : '';
    this.session.say({ kind: 'refused', text: `${name}'s layer is read-only: choose your own layer or gold to tag from suggestions` });
    return false;
  }

  private get documentId(): string {
    return this.session.document.summary.id;
  }

  private get target(): { layer?: 'gold' } {
    return this.session.layer.kind === 'gold' ? { layer: 'gold' } : {};
  }

  private changed(): void {
    this.store.changed();
  }
}

export function labelName(label: Label): string {
  return LABEL_NAMES[label].en.toLowerCase();
}
