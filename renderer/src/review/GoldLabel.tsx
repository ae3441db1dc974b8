import type { ReviewUnit } from '../../../electron/contract/contract.ts';
import { LABEL_NAMES } from '../../../electron/contract/labels.ts';
import { withVisibleControls } from '../editor/bidi.ts';
import { ASPECT_NAMES, matesSaid } from './card-units.ts';
import type { ReviewSession } from './review-session.ts';

/**
 * What an accepted unit put into gold: its label, and its text where an edit changed the range;
 * for a card unit, what gold's card took (the role's span, or the stance); for a scope unit, that
 * gold leaves it out too.
 */
export function GoldLabel({ review, unit }: { review: ReviewSession; unit: ReviewUnit }) {
  if (unit.group === 'scope') return unit.state === 'accepted' ? <div className="review-gold">out of gold’s article</div> : null;
  if (unit.card) {
    const accepted = unit.versions.find((version) => version.decision?.verdict === 'accept');
    if (!accepted) return null;
    return (
      <div className="review-gold">
        into gold’s card: {ASPECT_NAMES[unit.card.aspect]}{' '}
        {accepted.stance ?? (accepted.mates ? matesSaid(accepted.mates) : null) ?? (
          <span dir="rtl" lang="ar">
            {withVisibleControls(accepted.text)}
          </span>
        )}
      </div>
    );
  }
  const gold = review.goldOf(unit);
  if (!gold) return null;
  const edited = !unit.versions.some((version) => version.start === gold.start && version.end === gold.end);
  return (
    <div className="review-gold">
      <span className={`label-chip label-${gold.label}`} aria-hidden="true" /> into gold: {LABEL_NAMES[gold.label].en}
      {edited ? (
        <>
          {' '}
          <span dir="rtl" lang="ar">
            {withVisibleControls(review.index.slice(gold.start, gold.end))}
          </span>
        </>
      ) : null}
    </div>
  );
}
