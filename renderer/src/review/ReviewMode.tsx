import type { LexicalEditor } from 'lexical';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../use-store.ts';
import type { OpenedDocument, ReviewStatus, ReviewUnit, UnitKind } from '../../../electron/contract/contract.ts';
import { GOLD } from '../../../electron/contract/annotators.ts';
import { withVisibleControls } from '../editor/bidi.ts';
import { LABEL_NAMES, LABELS, type Label } from '../../../electron/contract/labels.ts';
import { api } from '../api.ts';
import type { KeyContext } from '../../../electron/contract/keymap.ts';
import { useKeymap } from '../keymap/use-keymap.ts';
import { registerReviewCommands } from './review-commands.ts';
import { SaveIndicator } from '../panel/SaveIndicator.tsx';
import { matesSaid } from './card-units.ts';
import { KIND_NAMES, labelSaid, unitTitle } from './kinds.ts';
import { GoldLabel } from './GoldLabel.tsx';
import { OVERLAY_SLOTS, ReviewArticle } from './ReviewArticle.tsx';
import { ReviewSession, type Direction, type ReviewSnapshot } from './review-session.ts';

interface Props {
  readonly document: OpenedDocument;
  /** Opens another document (the review follows it there). */
  readonly onOpen: (documentId: string) => void;
  /** Opens the library's next (1) or previous (-1) document. */
  readonly onStep: (by: 1 | -1) => void;
  /** A decision was stored: the library's review statuses may have changed. */
  /** A decision changed the document's review status: the library shows it. */
  readonly onReviewStatus: (documentId: string, status: ReviewStatus) => void;
}

/**
 * The review of the open document: who is compared, the units painted by kind, the unit under
 * review with every annotator's version, and the keys that decide.
 */
export function ReviewMode({ document, onOpen, onStep, onReviewStatus }: Props) {
  /** Everyone in the library, to choose from. */
  const [everyone, setEveryone] = useState<readonly string[]>([]);
  /**
   * The annotators compared, kept from document to document (the disagreements that lead there
   * are theirs). Null until chosen: then those who tagged the first document reviewed.
   */
  const [compared, setCompared] = useState<readonly string[] | null>(null);
  const [review, setReview] = useState<ReviewSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Whether each annotator's versions are drawn under the text, kept from document to document. */
  const [overlay, setOverlay] = useState(true);
  /** The unit to land on once the next document's review is read. */
  const landOn = useRef<string | undefined>(undefined);

  useEffect(() => {
    api.listAnnotators({}).then(setEveryone, (error: Error) => setNotice(error.message));
  }, []);

  const documentId = document.summary.id;
  const chosen = compared !== null;
  useEffect(() => {
    if (chosen) return;
    let live = true;
    api.openDocument({ id: documentId, layers: 'all' }).then(
      ({ spans }) => {
        // Gold is what the review makes, not a side of it.
        const tagged = [...new Set(spans.map((span) => span.annotator))].filter((name) => name !== GOLD).sort();
        if (live) setCompared(tagged);
      },
      (error: Error) => live && setNotice(error.message),
    );
    return () => {
      live = false;
    };
  }, [documentId, chosen]);

  const key = (compared ?? []).join('\u0000');
  useEffect(() => {
    const names = key === '' ? [] : key.split('\u0000');
    if (names.length < 2) return setReview(null);
    const opened = new ReviewSession(api, document, names);
    const unit = landOn.current;
    landOn.current = undefined;
    void opened.load(unit);
    setReview(opened);
  }, [document, key]);

  const move = useCallback(
    (direction: Direction) => {
      if (!review) return;
      const stepped = review.step(direction);
      const next = direction === 'next';
      setNotice(stepped === 'wrapped' ? `Wrapped to the ${next ? 'first' : 'last'} open disagreement of this document.` : null);
      if (stepped !== 'none') return;
      // Nothing else open here: on to the other documents, from this one's edge.
      const annotators = [...review.annotators];
      const look = (way: Direction) =>
        api.nextDisagreement({ fromDocument: review.documentId, fromOffset: review.edge(way), direction: way, annotators });
      look(direction)
        .then(async (found) => {
          if (found) {
            landOn.current = found.unit.id;
            return onOpen(found.documentId);
          }
          // The other way may still hold some: say so, rather than only that this way is done.
          const none = `No ${next ? 'later' : 'earlier'} open disagreement.`;
          const back = await look(next ? 'previous' : 'next');
          setNotice(back ? `${none} ${next ? 'Earlier' : 'Later'} documents still have some: ${next ? 'Shift+Tab' : 'Tab'} goes there.` : none);
        })
        .catch((error: Error) => setNotice(error.message));
    },
    [review, onOpen],
  );

  const decided = useCallback(
    async (decision: Promise<void>) => {
      await decision;
      const { status } = review?.getSnapshot() ?? {};
      if (review && status) onReviewStatus(review.documentId, status);
    },
    [review, onReviewStatus],
  );
  /** The review article's Lexical editor while it is on screen: the review's commands go through it. */
  const [editor, setEditor] = useState<LexicalEditor | null>(null);
  useEffect(
    () => (editor && review ? registerReviewCommands(editor, { review, move, step: onStep, decided }) : undefined),
    [editor, review, move, onStep, decided],
  );
  useKeymap(editor, reviewContexts);
  const overlaid = useMemo(() => (overlay && review ? review.annotators.slice(0, OVERLAY_SLOTS) : []), [overlay, review]);

  return (
    <>
      <main className={`article-pane review-pane${overlay && review ? ' by-annotator' : ''}`}>
        <div className="article-header">
          <strong>Review</strong>
          {review ? <ReviewSave review={review} decided={decided} /> : null}
          {notice ? (
            <span className="review-notice" role="status">
              {notice}
            </span>
          ) : null}
        </div>
        <div className="article-scroller">
          {review ? <Painted review={review} overlaid={overlaid} onEditor={setEditor} /> : <p className="review-empty">{compared === null ? 'Reading…' : 'Choose two or more annotators to compare.'}</p>}
        </div>
      </main>
      <aside className="span-panel review-panel" aria-label="Review">
        <h2>Compare</h2>
        {compared !== null ? <Annotators everyone={everyone} compared={compared} onPick={setCompared} /> : null}
        {review ? <Overlay annotators={review.annotators} shown={overlay} onToggle={() => setOverlay(!overlay)} /> : null}
        {review ? <ReviewDetails review={review} decided={decided} /> : null}
      </aside>
    </>
  );
}

const reviewContexts = (): readonly KeyContext[] => ['review'];

function useReviewSnapshot(review: ReviewSession): ReviewSnapshot {
  return useStore(review);
}

function Painted({ review, overlaid, onEditor }: { review: ReviewSession; overlaid: readonly string[]; onEditor: (editor: LexicalEditor | null) => void }) {
  const snapshot = useReviewSnapshot(review);
  return <ReviewArticle key={review.documentId} review={review} snapshot={snapshot} overlaid={overlaid} onEditor={onEditor} />;
}

/** The switch for each annotator's line under the text, and which line is whose. */
function Overlay({ annotators, shown, onToggle }: { annotators: readonly string[]; shown: boolean; onToggle: () => void }) {
  const left = annotators.slice(OVERLAY_SLOTS);
  return (
    <div className="review-overlay">
      <label className="export-option">
        <input type="checkbox" checked={shown} onChange={onToggle} />
        <span>Each annotator’s versions in the text</span>
      </label>
      {shown ? (
        <ul aria-label="Annotators’ lines">
          {annotators.slice(0, OVERLAY_SLOTS).map((name, slot) => (
            <li key={name} data-annotator={name}>
              <span className={`annotator-swatch by-${slot + 1}`} aria-hidden="true" />
              {name}
            </li>
          ))}
          {left.length > 0 ? <li className="review-empty">Not drawn (five at most): {left.join(', ')}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

function ReviewSave({ review, decided }: { review: ReviewSession; decided: (decision: Promise<void>) => Promise<void> }) {
  const retry = useCallback(() => void decided(review.retry()), [decided, review]);
  return <SaveIndicator progress={review} onRetry={retry} />;
}

function Annotators({
  everyone,
  compared,
  onPick,
}: {
  everyone: readonly string[];
  compared: readonly string[];
  onPick: (compared: readonly string[]) => void;
}) {
  if (everyone.length < 2) {
    return <p className="review-empty">A review compares two or more annotators’ layers: import a colleague’s work first.</p>;
  }
  const all = compared.length === everyone.length;
  return (
    <div className="review-annotators" role="group" aria-label="Annotators compared">
      <label className="export-option">
        <input type="checkbox" checked={all} onChange={() => onPick(all ? [] : everyone)} />
        <span>All</span>
      </label>
      {everyone.map((name) => (
        <label key={name} className="export-option">
          <input
            type="checkbox"
            checked={compared.includes(name)}
            onChange={() => onPick(compared.includes(name) ? compared.filter((other) => other !== name) : everyone.filter((other) => other === name || compared.includes(other)))}
          />
          <span>{name}</span>
        </label>
      ))}
    </div>
  );
}

function ReviewDetails({ review, decided }: { review: ReviewSession; decided: (decision: Promise<void>) => Promise<void> }) {
  const snapshot = useReviewSnapshot(review);
  const counts = new Map<string, number>();
  /** Accepted units by the label they put into gold. */
  const intoGold = new Map<Label, number>();
  for (const unit of snapshot.units) {
    const key = unit.state === 'open' ? unit.kind : unit.state;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    // A card unit's gold span is counted by its own span unit.
    const gold = unit.state === 'accepted' && !unit.card ? review.goldOf(unit) : null;
    if (gold) intoGold.set(gold.label, (intoGold.get(gold.label) ?? 0) + 1);
  }
  const openAgreed = counts.get('agreed') ?? 0;
  const target = review.target();
  return (
    <>
      <ul className="review-legend">
        {(Object.keys(KIND_NAMES) as UnitKind[]).map((kind) => (
          <li key={kind} data-kind={kind}>
            <span className={`kind-swatch kind-${kind}`} aria-hidden="true" />
            {KIND_NAMES[kind]} <span className="count">{counts.get(kind) ?? 0}</span>
          </li>
        ))}
        {decidedItem('accepted', counts)}
        {intoGold.size > 0 ? (
          <li className="review-gold-labels" aria-label="Into gold">
            {LABELS.filter((label) => intoGold.has(label)).map((label) => (
              <span key={label} data-label={label}>
                <span className={`label-chip label-${label}`} aria-hidden="true" /> {LABEL_NAMES[label].en} {intoGold.get(label)}
              </span>
            ))}
          </li>
        ) : null}
        {decidedItem('rejected', counts)}
      </ul>
      <button className="topbar-button review-accept-agreed" disabled={openAgreed === 0} onClick={() => void decided(review.acceptAgreed())} title="Shift+A">
        Accept all agreed ({openAgreed})
      </button>
      {target ? <UnitCard review={review} snapshot={snapshot} unit={target.unit} decided={decided} /> : <p className="review-empty">No unit chosen: Tab goes to the next open disagreement.</p>}
    </>
  );
}

function decidedItem(state: 'accepted' | 'rejected', counts: ReadonlyMap<string, number>) {
  return (
    <li data-kind={state}>
      <span className={`kind-swatch kind-${state}`} aria-hidden="true" />
      {state === 'accepted' ? 'Accepted' : 'Rejected'} <span className="count">{counts.get(state) ?? 0}</span>
    </li>
  );
}

function UnitCard({
  review,
  snapshot,
  unit,
  decided,
}: {
  review: ReviewSession;
  snapshot: ReviewSnapshot;
  unit: ReviewUnit;
  decided: (decision: Promise<void>) => Promise<void>;
}) {
  const edit = snapshot.edit;
  return (
    <section className="review-unit" aria-label="Unit under review" data-unit-id={unit.id} data-state={unit.state}>
      <div className="review-unit-head">
        <span className={`kind-swatch kind-${unit.state === 'open' ? unit.kind : unit.state}`} aria-hidden="true" />
        <strong>{unitTitle(unit)}</strong>
        <span className="review-unit-state">{unit.state}</span>
      </div>
      {unit.card ? (
        <p className="review-card-claim">
          Card of the claim{' '}
          <span dir="rtl" lang="ar">
            {withVisibleControls(unit.card.claim.text)}
          </span>
        </p>
      ) : null}
      <ol className="review-versions" aria-label="Versions">
        {unit.versions.map((version, i) => (
          <li
            key={`${version.start}-${version.end}:${version.label}:${version.stance ?? ''}:${version.mates ? matesSaid(version.mates) : ''}`}
            className={`review-version${i === snapshot.chosen ? ' is-chosen' : ''}`}
            aria-current={i === snapshot.chosen ? 'true' : undefined}
            data-decision={version.decision?.verdict ?? 'none'}
          >
            {version.label ? <span className={`label-chip label-${version.label}`} aria-hidden="true" /> : null}
            <span className="review-version-label">
              {version.stance ?? (version.mates ? `Cluster: ${matesSaid(version.mates)}` : labelSaid(version))}
              {version.order !== undefined ? ` #${version.order}` : ''}
            </span>
            <span className="review-version-who">{version.annotators.join(', ')}</span>
            {version.mates ? (
              <ul className="review-mates" aria-label="Claims of the cluster">
                {version.mates.map((mate) => (
                  <li key={`${mate.documentId}:${mate.start}-${mate.end}`} data-in-gold={mate.inGold}>
                    <span className="review-mate-document" dir="auto">
                      {mate.outlet ?? mate.title}
                    </span>
                    <span className="review-mate-text" dir="rtl" lang="ar">
                      {withVisibleControls(mate.text)}
                    </span>
                    {mate.inGold ? null : <small>not in gold yet: joins when accepted in its own document</small>}
                  </li>
                ))}
              </ul>
            ) : version.stance === undefined ? (
              <span className="review-version-text" dir="rtl" lang="ar">
                {withVisibleControls(version.text)}
              </span>
            ) : null}
            {version.decision ? (
              <span className="review-version-decision">
                {version.decision.verdict === 'accept' ? 'accepted' : 'rejected'} by {version.decision.reviewer}
                {version.decision.overrode ? (
                  <span className="review-version-overridden">
                    {' '}
                    ({version.decision.overrode.reviewer}’s {version.decision.overrode.verdict === 'accept' ? 'acceptance' : 'rejection'} overridden by{' '}
                    {version.decision.reviewer} at {new Date(version.decision.at).toLocaleString()})
                  </span>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {unit.missing.length > 0 ? (
        <p className="review-missing">
          {unit.card ? 'No link here from' : unit.group === 'scope' ? 'Kept in the article by' : 'Nothing here from'} {unit.missing.join(', ')}
        </p>
      ) : null}
      {snapshot.refused ? (
        <p className="review-refused" role="status">
          {snapshot.refused}
        </p>
      ) : null}
      <GoldLabel review={review} unit={unit} />
      {edit ? (
        <p className="review-edit" role="status">
          Edited: <span className={`label-chip label-${edit.label}`} aria-hidden="true" /> {LABEL_NAMES[edit.label].en}{' '}
          <span dir="rtl" lang="ar">
            {withVisibleControls(review.index.slice(edit.start, edit.end))}
          </span>{' '}
          <small>(Esc drops the edit)</small>
        </p>
      ) : null}
      <div className="export-actions">
        <button type="button" onClick={() => void decided(review.reject())} title="R">
          Reject
        </button>
        <button type="button" className="primary" onClick={() => void decided(review.accept())} title="A or Enter">
          {edit ? 'Accept edited' : 'Accept'}
        </button>
      </div>
    </section>
  );
}
