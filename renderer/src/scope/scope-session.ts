import type { DocumentScope, HistoryStep, WindowApi } from '../../../electron/contract/contract.ts';
import { excerpt } from '../editor/bidi.ts';
import type { DocumentSession } from '../document-session.ts';
import { createStore } from '../store.ts';

/** A stretch of the text in UTF-16, the DOM's unit. */
export interface Stretch {
  readonly from: number;
  readonly to: number;
}

export interface ProposalView extends Stretch {
  readonly why: string;
}

export interface ScopeState {
  readonly out: readonly Stretch[];
  readonly proposals: readonly ProposalView[];
  /** The proposal P went to, until the analyst decides it or goes elsewhere. */
  readonly current: ProposalView | null;
}

/**
 * The open document's scope in the layer shown: what it leaves out of the article (dimmed, taking
 * no spans) and what Hamish proposes to leave out, waiting for a yes. Each change is saved through
 * the document session's queue and is a step of the layer's undo, like a span's.
 */
export class ScopeSession {
  readonly session: DocumentSession;
  private readonly api: WindowApi;
  private state: ScopeState;
  private readonly store = createStore(() => this.state);

  constructor(api: WindowApi, session: DocumentSession) {
    this.api = api;
    this.session = session;
    this.state = this.viewOf(session.document.scope, null);
    session.refusesSpan = (from, to) => {
      const hit = this.state.out.find((out) => out.from < to && from < out.to);
      return hit ? 'not tagged: that text is out of the article\'s scope (dimmed); select it and press O to bring it back' : null;
    };
  }

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  /**
   * O over a selection: leaves it out of scope; over text wholly out of scope already, brings it
   * back. The core refuses a stretch that holds spans, naming them.
   */
  toggle(selection: Stretch | null): void {
    if (!selection) {
      this.session.say({ kind: 'refused', text: 'select the text to leave out of the article first (P goes to what Hamish proposes; Shift+O ends the article at the cursor)' });
      return;
    }
    const inside = this.state.out.some((out) => out.from <= selection.from && selection.to <= out.to);
    void this.set(selection, inside);
  }

  /** Shift+O: the article ends at the cursor; what follows is out of scope. */
  endsAt(at: number | null): void {
    if (at === null) {
      this.session.say({ kind: 'refused', text: 'put the word cursor (← →) or a selection where the article ends first' });
      return;
    }
    if (at >= this.session.text.length) {
      this.session.say({ kind: 'refused', text: 'nothing follows: the text ends there' });
      return;
    }
    void this.set({ from: at, to: this.session.text.length }, false);
  }

  /** P and Shift+P: the next (previous) proposal after the current one, said with why. */
  goToProposal(direction: 1 | -1, after: number): ProposalView | null {
    const { proposals, current } = this.state;
    if (proposals.length === 0) {
      this.session.say({ kind: 'refused', text: 'Hamish proposes nothing more to leave out of this article' });
      return null;
    }
    const from = current ? current.from : after;
    const next =
      direction === 1
        ? (proposals.find((p) => p.from > from) ?? proposals[0]!)
        : ([...proposals].reverse().find((p) => p.from < from) ?? proposals.at(-1)!);
    this.update({ ...this.state, current: next });
    this.session.say({ kind: 'done', text: `proposed out of scope: ${next.why}. O leaves it out, I keeps it in the article` });
    return next;
  }

  /** K: keeps the current proposal in the article; it is not proposed again in this layer. */
  keep(): void {
    const { current } = this.state;
    if (!current) {
      this.session.say({ kind: 'refused', text: 'no proposal chosen: P goes to the next one' });
      return;
    }
    void this.save(`kept in the article: «${excerpt(this.session.text.slice(current.from, current.to).trim(), 40)}»`, (target) =>
      this.api.rejectScope({ documentId: this.documentId, ...this.codePoints(current), ...target }),
    );
  }

  /** The selection is the current proposal: what O then does is accept it. */
  isCurrent(selection: Stretch | null): boolean {
    const { current } = this.state;
    return current !== null && selection !== null && current.from === selection.from && current.to === selection.to;
  }

  /** An undo or redo that changed the scope brings it as it now is. */
  applyStep(step: NonNullable<HistoryStep>): void {
    if (step.scope) this.update(this.viewOf(step.scope, null));
  }

  private get documentId(): string {
    return this.session.document.summary.id;
  }

  private set(stretch: Stretch, inScope: boolean): Promise<void> {
    const quoted = `«${excerpt(this.session.text.slice(stretch.from, stretch.to).trim(), 40)}»`;
    return this.save(inScope ? `back in the article: ${quoted}` : `out of the article's scope: ${quoted}`, (target) =>
      this.api.setScope({ documentId: this.documentId, ...this.codePoints(stretch), inScope, ...target }),
    );
  }

  private async save(said: string, send: (target: { layer?: 'gold' }) => Promise<DocumentScope>): Promise<void> {
    let refusal: string | null = null;
    const outcome = await this.session.sendChange(async (target) => {
      try {
        this.update(this.viewOf(await send(target), null));
      } catch (error) {
        refusal = error instanceof Error ? error.message : String(error);
        throw error;
      }
    });
    if (outcome === 'saved') {
      document.getSelection()?.removeAllRanges();
      this.session.say({ kind: 'done', text: said });
    } else if (refusal !== null) this.session.say({ kind: 'refused', text: `not changed: ${refusal}` });
  }

  private codePoints({ from, to }: Stretch): { start: number; end: number } {
    return { start: this.session.index.toCodePoint(from), end: this.session.index.toCodePoint(to) };
  }

  private viewOf(scope: DocumentScope, current: ProposalView | null): ScopeState {
    const { index } = this.session;
    return {
      out: scope.out.map(([start, end]) => ({ from: index.toUtf16(start), to: index.toUtf16(end) })),
      proposals: scope.proposals.map(({ start, end, why }) => ({ from: index.toUtf16(start), to: index.toUtf16(end), why })),
      current,
    };
  }

  private update(state: ScopeState): void {
    this.state = state;
    this.store.changed();
  }
}
