import './claims.css';
import { useStore } from '../use-store.ts';
import { ROLE_NAMES, ROLES, type Role } from '../../../electron/contract/claims.ts';
import { chordOf, keyName } from '../../../electron/contract/keymap.ts';
import { ClusterBadge } from '../clusters/ClusterBadge.tsx';
import type { CardSession } from './card-session.ts';

const ROLE_KEY = Object.fromEntries(ROLES.map((role) => [role, keyName(chordOf('card', 'card.arm', role))])) as Record<Role, string>;
const OPEN_KEY = keyName(chordOf('editor', 'card.toggle'));
const STANCE_KEY = keyName(chordOf('card', 'card.stance'));

/** The open claim card, over the span panel: stance, each role with its spans, what a key would do. */
export function ClaimCard({ cards }: { cards: CardSession }) {
  const state = useStore(cards);
  if (!state.claim) {
    if (state.message) {
      return (
        <p className="claim-card-open claim-card-status" role="status">
          {state.message}
        </p>
      );
    }
    return cards.session.selected()?.span.label === 'claim' ? (
      <button className="claim-card-open" title={OPEN_KEY} onClick={() => cards.open()}>
        Claim card <kbd>{OPEN_KEY}</kbd>
      </button>
    ) : null;
  }
  const { claim, card, armed, candidate, suggestion, picked, message } = state;
  const text = (id: number) => {
    const span = cards.span(id);
    return span ? cards.session.text.slice(span.from, span.to) : '…';
  };
  return (
    <section className="claim-card" aria-label="Claim card">
      <header>
        <strong>Claim card</strong>
        <button title={STANCE_KEY} onClick={() => void cards.cycleStance()}>
          Stance: {card?.stance ?? 'asserted'}
        </button>
        <button aria-label="Close the card" title="C or Esc" onClick={() => cards.close()}>
          ×
        </button>
      </header>
      <p className="claim-card-claim" dir="rtl" lang="ar">
        {cards.session.text.slice(claim.from, claim.to)}
      </p>
      <ClusterBadge session={cards.session} claim={claim.span.id} />
      <dl>
        {ROLES.map((role) => (
          <div key={role} className={`claim-card-role role-${role}${armed === role ? ' is-armed' : ''}`} data-role={role}>
            <dt>
              <button onClick={() => (armed === role ? cards.disarm() : cards.arm(role))} title={`${ROLE_KEY[role]}: arm, then Tab and Enter, or click a span`}>
                <span className={`role-chip role-${role}`} aria-hidden="true" /> {ROLE_NAMES[role].en} <span lang="ar">{ROLE_NAMES[role].ar}</span> <kbd>{ROLE_KEY[role]}</kbd>
              </button>
            </dt>
            {(card?.roles ?? [])
              .filter((r) => r.role === role)
              .map((r, at, chain) => (
                <dd key={r.span} className={`claim-card-filler${picked === r.span ? ' is-picked' : ''}`}>
                  {role === 'via' ? <span className="claim-card-order">{r.order}.</span> : null}
                  <span dir="rtl" lang="ar">
                    {text(r.span)}
                  </span>
                  {role === 'via' ? <ViaMoves span={r.span} text={text(r.span)} first={at === 0} last={at === chain.length - 1} cards={cards} /> : null}
                  <button aria-label={`Remove ${text(r.span)} from ${role}`} onClick={() => void cards.unlink(role, r.span)}>
                    ×
                  </button>
                </dd>
              ))}
            {armed === role && candidate ? (
              <dd className="claim-card-candidate">
                {suggestion?.span.id === candidate.span.id ? 'suggested: ' : 'take: '}
                <span dir="rtl" lang="ar">
                  {cards.session.text.slice(candidate.from, candidate.to)}
                </span>{' '}
                <kbd>Enter</kbd> <kbd>Tab</kbd>
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
      <p className="claim-card-status" role="status">
        {message ??
          (armed
            ? `${ROLE_NAMES[armed].en}: Tab for the next candidate, Enter to link, or click a span; Delete takes its last span out;${armed === 'via' ? ' ↑ ↓ pick a via, Shift+↑ Shift+↓ move it;' : ''} Esc disarms`
            : 'S V L D arm a role; T changes the stance; Esc closes')}
      </p>
    </section>
  );
}

/** A via's place in the chain, by mouse: one place earlier or later (the keys: Shift+↑ Shift+↓ with V armed). */
function ViaMoves({ span, text, first, last, cards }: { span: number; text: string; first: boolean; last: boolean; cards: CardSession }) {
  return (
    <span className="claim-card-moves">
      <button aria-label={`Move ${text} earlier in the via chain`} title="Shift+↑" disabled={first} onClick={() => void cards.moveVia(span, -1)}>
        ↑
      </button>
      <button aria-label={`Move ${text} later in the via chain`} title="Shift+↓" disabled={last} onClick={() => void cards.moveVia(span, 1)}>
        ↓
      </button>
    </span>
  );
}
