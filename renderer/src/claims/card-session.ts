/**
 * The claim card being edited: which claim's card is open, the role armed, the candidate it would
 * take, and the cards of the document as the core stored them. Keyboard first: a role key arms a
 * role with the nearest span of its label as candidate, Tab cycles, Enter links; clicking a span
 * while a role is armed links it.
 */
import { ROLE_LABEL, ROLE_NAMES, ROLES, STANCES, withArticle, type Role } from '../../../electron/contract/claims.ts';
import type { Card, HistoryStep, WindowApi } from '../../../electron/contract/contract.ts';
import type { DocumentSession, ViewSpan } from '../document-session.ts';
import type { Outcome } from '../save-queue.ts';
import { suggestSource } from '../../../electron/text/reporting.ts';
import { createStore } from '../store.ts';

export interface CardState {
  /** The claim whose card is open, or none. */
  readonly claim: ViewSpan | null;
  readonly card: Card | null;
  readonly armed: Role | null;
  readonly candidate: ViewSpan | null;
  /** The source the text suggests (shown; Enter on the armed source role takes it). */
  readonly suggestion: ViewSpan | null;
  /** The via span ↑ and ↓ pick while the via role is armed, for Shift+↑ and Shift+↓ to move in the chain. */
  readonly picked: number | null;
  /** What the last key did not do, and why. */
  readonly message: string | null;
}

/** How far a span is from the claim, in UTF-16 units (0: inside or overlapping). */
const distance = (claim: ViewSpan, span: ViewSpan) => Math.max(0, claim.from - span.to, span.from - claim.to);

const CLOSED: CardState = { claim: null, card: null, armed: null, candidate: null, suggestion: null, picked: null, message: null };

/** A role's spans, in card order. */
const inRole = (card: Card | null | undefined, role: Role): number[] => (card?.roles ?? []).filter((r) => r.role === role).map((r) => r.span);

/** The card with `role` holding `spans` in this order, as the core numbers and sorts it: shown while the change is saved. */
function withRole(card: Card, role: Role, spans: readonly number[]): Card {
  const mine = spans.map((span, at) => ({ role, span, order: at + 1 }));
  const roles = [...card.roles.filter((r) => r.role !== role), ...mine].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.order - b.order);
  return { ...card, roles };
}

export class CardSession {
  private readonly cards = new Map<number, Card>();
  private state: CardState = CLOSED;
  private readonly store = createStore(() => this.state);
  /** The innermost claim under the pointer: its roles are highlighted and named in the hover card. */
  private hovered: ViewSpan | null = null;
  private readonly api: WindowApi;
  readonly session: DocumentSession;

  constructor(api: WindowApi, session: DocumentSession) {
    this.api = api;
    this.session = session;
    for (const card of session.document.cards) this.cards.set(card.claim, card);
  }

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  /** The card of a claim as shown: only roles whose spans are on screen (a deleted one has left). */
  cardOf(claimId: number): Card | null {
    const card = this.cards.get(claimId);
    if (!card || !this.span(claimId)) return null;
    return { ...card, roles: card.roles.filter((r) => this.span(r.span)?.span.label === ROLE_LABEL[r.role]) };
  }

  get isOpen(): boolean {
    return this.state.claim !== null;
  }

  /** Opens the selected claim's card, with the source the text suggests armed. */
  open(): boolean {
    const selected = this.session.selected();
    if (!selected || selected.span.label !== 'claim') return this.say('select a claim first: its card opens with C');
    if (selected.state === 'pending') return this.say('the claim is still being saved: open its card in a moment');
    const actors = this.session.getSnapshot().spans.filter((s) => s.span.label === 'actor');
    const linked = new Set(this.cardOf(selected.span.id)?.roles.map((r) => r.span));
    const suggested = suggestSource(this.session.text, selected, actors);
    const suggestion = suggested && !linked.has(suggested.span.id) ? suggested : null;
    this.set({ ...CLOSED, claim: selected, card: this.cardOf(selected.span.id), suggestion });
    if (suggestion) this.arm('source', suggestion);
    return true;
  }

  close(): void {
    this.set(CLOSED);
  }

  /**
   * Arms a role: its candidate is `first`, else the span of its label under the word cursor
   * (`cursor`, UTF-16), else the nearest one not yet in the card.
   */
  arm(role: Role, first?: ViewSpan, cursor?: { start: number; end: number } | null): boolean {
    if (!this.state.claim) return false;
    const candidates = this.candidates(role);
    const underCursor = cursor && candidates.filter((s) => s.from < cursor.end && cursor.start < s.to).sort((a, b) => a.to - a.from - (b.to - b.from))[0];
    const candidate = first ?? underCursor ?? candidates[0] ?? null;
    const picked = role === 'via' ? (inRole(this.cardOf(this.state.claim.span.id), 'via').at(-1) ?? null) : null;
    this.set({ ...this.state, armed: role, candidate, picked, message: candidate ? null : `no ${ROLE_LABEL[role]} span to fill ${ROLE_NAMES[role].en.toLowerCase()} with: tag one first` });
    return true;
  }

  disarm(): void {
    this.set({ ...this.state, armed: null, candidate: null, picked: null, message: null });
  }

  /** The next (or previous) candidate of the armed role, nearest to the claim first. */
  cycle(by: 1 | -1): void {
    const { armed, candidate } = this.state;
    if (!armed) return;
    const list = this.candidates(armed);
    if (list.length === 0) return void this.say(`no other ${ROLE_LABEL[armed]} span to fill ${armed} with`);
    const at = candidate ? list.findIndex((s) => s.span.id === candidate.span.id) : -1;
    this.set({ ...this.state, candidate: list[(at + by + list.length) % list.length]!, message: null });
  }

  /** Links the candidate into the armed role. */
  commit(): Promise<void> {
    const { armed, candidate } = this.state;
    if (!armed || !candidate) return Promise.resolve(void this.say('arm a role first: S source, V via, L location, D date'));
    return this.link(armed, candidate);
  }

  /** A span clicked while a role is armed: linked if it fits the role. */
  clicked(span: ViewSpan): boolean {
    const { armed } = this.state;
    if (!armed || span.span.id === this.state.claim?.span.id) return false;
    if (span.span.label !== ROLE_LABEL[armed]) return this.say(`the ${armed} role takes ${ROLE_LABEL[armed]} spans, not ${withArticle(span.span.label)}`);
    void this.link(armed, span);
    return true;
  }

  async link(role: Role, span: ViewSpan): Promise<void> {
    const claim = this.state.claim;
    if (!claim || !this.editable()) return;
    const linked = (card: Card) => (inRole(card, role).includes(span.span.id) ? card : withRole(card, role, [...inRole(card, role), span.span.id]));
    // Shown linked and disarmed at once: the next role key may come before the answer.
    const { armed, candidate, picked, suggestion } = this.state;
    this.set({ ...this.state, armed: null, candidate: null, picked: null, message: null, suggestion: suggestion?.span.id === span.span.id ? null : suggestion });
    const outcome = await this.save(claim, linked, () => this.api.linkRole({ claim: claim.span.id, role, span: span.span.id, ...this.target() }));
    // Refused, the role is armed again with the reason shown, to try another span (unless another was armed meanwhile).
    if (outcome === 'refused' && this.state.armed === null && this.state.claim?.span.id === claim.span.id) {
      this.set({ ...this.state, armed, candidate, picked, suggestion });
    }
  }

  async unlink(role: Role, spanId: number): Promise<void> {
    const claim = this.state.claim;
    if (!claim || !this.editable()) return;
    const unlinked = (card: Card) => withRole(card, role, inRole(card, role).filter((id) => id !== spanId));
    await this.save(claim, unlinked, () => this.api.unlinkRole({ claim: claim.span.id, role, span: spanId, ...this.target() }));
  }

  /** Takes the last span out of the armed role (the keyboard's unlink). */
  unlinkLast(): Promise<void> {
    const { claim, armed } = this.state;
    if (!claim || !armed) return Promise.resolve(void this.say('arm a role (S V L D) to take its last span out; Esc closes the card'));
    const last = this.cardOf(claim.span.id)?.roles.filter((r) => r.role === armed).at(-1);
    if (!last) return Promise.resolve(void this.say(`the ${armed} role is empty`));
    return this.unlink(armed, last.span);
  }

  /** asserted → denied → hedged → asserted. */
  async cycleStance(): Promise<void> {
    const claim = this.state.claim;
    if (!claim || !this.editable()) return;
    const now = this.cardOf(claim.span.id)?.stance ?? 'asserted';
    const stance = STANCES[(STANCES.indexOf(now) + 1) % STANCES.length]!;
    await this.save(claim, (card) => ({ ...card, stance }), () => this.api.setStance({ claim: claim.span.id, stance, ...this.target() }));
  }

  /** ↑ (-1) or ↓ (1) with the via role armed: picks the via before or after the picked one. */
  pickVia(by: 1 | -1): boolean {
    const { claim, armed, picked } = this.state;
    if (!claim || armed !== 'via') return false;
    const chain = inRole(this.cardOf(claim.span.id), 'via');
    if (chain.length === 0) return this.say('the via chain is empty: Enter links the candidate first');
    const at = picked === null ? -1 : chain.indexOf(picked);
    const next = chain[Math.min(chain.length - 1, Math.max(0, at + by))]!;
    this.set({ ...this.state, picked: next, message: null });
    return true;
  }

  /** Moves a via span one place earlier (-1) or later (1) in the chain: one step of the layer's history. */
  async moveVia(spanId: number, by: 1 | -1): Promise<void> {
    const claim = this.state.claim;
    if (!claim || !this.editable()) return;
    const chain = inRole(this.cardOf(claim.span.id), 'via');
    const at = chain.indexOf(spanId);
    if (at === -1) return void this.say('pick a via span first: ↑ and ↓ with the via role armed (V)');
    const to = at + by;
    if (to < 0 || to >= chain.length) return void this.say(`it is ${by < 0 ? 'first' : 'last'} in the via chain already`);
    const order = [...chain];
    [order[at], order[to]] = [order[to]!, order[at]!];
    this.set({ ...this.state, picked: spanId });
    await this.save(claim, (card) => withRole(card, 'via', order), () => this.api.reorderVia({ claim: claim.span.id, spans: order, ...this.target() }));
  }

  /** What undo or redo did to cards, as the core says. */
  applyStep(step: HistoryStep): void {
    for (const { cardId, card } of step?.cards ?? []) {
      for (const [claim, known] of this.cards) if (known.id === cardId) this.cards.delete(claim);
      if (card) this.cards.set(card.claim, card);
    }
    this.refresh();
  }

  /** The spans a role may take, nearest to the claim first, those in the card already left out. */
  candidates(role: Role): ViewSpan[] {
    const claim = this.state.claim;
    if (!claim) return [];
    // A span already in the card (in any role) is rarely what the next role wants.
    const linked = new Set(this.cardOf(claim.span.id)?.roles.map((r) => r.span));
    return this.session
      .getSnapshot()
      .spans.filter((s) => s.span.label === ROLE_LABEL[role] && s.span.id > 0 && !linked.has(s.span.id))
      .sort((a, b) => distance(claim, a) - distance(claim, b) || a.from - b.from);
  }

  /** The claim whose roles are highlighted: the open card's, else the hovered claim, else the selected one. */
  highlighted(): { claim: ViewSpan; card: Card | null } | null {
    const selected = this.session.selected();
    const claim = this.state.claim ?? this.hovered ?? (selected?.span.label === 'claim' ? selected : null);
    return claim ? { claim, card: this.cardOf(claim.span.id) } : null;
  }

  /** The spans under the pointer (none: it left): the innermost claim among them is hovered. */
  hovering = (spans: readonly ViewSpan[]): void => {
    const claim = spans.find((s) => s.span.label === 'claim') ?? null;
    if (claim?.span.id === this.hovered?.span.id) return;
    this.hovered = claim;
    this.set({ ...this.state });
  };

  /** A claim's roles as the hover card names them: role and text, in card order. */
  rolesOf = (claimId: number): { role: Role; order: number; text: string }[] =>
    (this.cardOf(claimId)?.roles ?? []).map(({ role, span, order }) => {
      const view = this.span(span)!;
      return { role, order, text: this.session.text.slice(view.from, view.to) };
    });

  span(id: number): ViewSpan | undefined {
    return this.session.span(id);
  }

  /** Redraws after the spans changed (a deletion takes a span out of the card on screen too). */
  refresh(): void {
    const claim = this.state.claim && (this.span(this.state.claim.span.id) ?? null);
    if (this.state.claim && !claim) return this.close();
    // Without a card open, what a key did not do is said until the next change on screen.
    this.set({ ...this.state, claim, card: claim && this.cardOf(claim.span.id), message: claim ? this.state.message : null });
  }

  /**
   * Shows the card as `change` makes it at once, and saves the change through the session's save
   * queue, behind the span saves before it. Refused: the card is put back and the reason said; a
   * failure that may pass (lock, disk) keeps the change on screen for Retry, as span saves do.
   */
  private async save(claim: ViewSpan, change: (card: Card) => Card, call: () => Promise<Card>): Promise<Outcome> {
    const id = claim.span.id;
    const before = this.cards.get(id);
    this.cards.set(id, change(before ?? { id: 0, claim: id, annotator: '', stance: 'asserted', roles: [] }));
    this.refresh();
    let failure = '';
    const outcome = await this.session.send(async () => {
      try {
        this.cards.set(id, await call());
      } catch (error) {
        failure = (error as Error).message;
        throw error;
      }
      this.refresh();
    });
    if (outcome === 'refused') {
      if (before) this.cards.set(id, before);
      else this.cards.delete(id);
      this.refresh();
      this.say(`not saved: ${failure}`);
    }
    if (outcome === 'kept') this.say(`not saved yet: ${failure}; the change stays here until Retry saves it`);
    return outcome;
  }

  private editable(): boolean {
    if (this.session.editable) return true;
    return this.say("a colleague's layer is read-only: choose your own layer or gold to change cards");
  }

  private target(): { layer?: 'gold' } {
    return this.session.layer.kind === 'gold' ? { layer: 'gold' } : {};
  }

  /** Says why a key did nothing; false, for the callers that return it. */
  private say(message: string): false {
    this.set({ ...this.state, message });
    return false;
  }

  private set(state: CardState): void {
    this.state = state;
    this.store.changed();
  }
}
