import type { LexicalEditor } from 'lexical';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentStatus, DocumentSummary, ReviewStatus, CurrentAnnotator } from '../../electron/contract/contract.ts';
import { AnnotatorDialog } from './annotator/AnnotatorDialog.tsx';
import { api } from './api.ts';
import { desktop, useOpenDialog } from './desktop.ts';
import { libraryFirstPage, takeFirstScreen } from './first-screen.ts';
import { documentFromHash } from './first-screen-block.ts';
import { ArticleView } from './editor/ArticleView.tsx';
import { ACCEPTED, DropHint, ImportList, useFileDrop, useImports } from './import/Imports.tsx';
import type { ArticleControls } from './editor/controls.ts';
import type { KeyContext } from '../../electron/contract/keymap.ts';
import { registerSpanCommands } from './editor/span-commands.ts';
import { KeyHelp } from './keymap/KeyHelp.tsx';
import { useKeymap } from './keymap/use-keymap.ts';
import { ClaimCard } from './claims/ClaimCard.tsx';
import { ClaimHover } from './claims/ClaimHover.tsx';
import { cardContexts, useClaimCards } from './claims/use-claim-cards.ts';
import { useScope } from './scope/use-scope.ts';
import { Library, REVIEW_TEXT } from './library/Library.tsx';
import { useLibraryList } from './library/use-library.ts';
import { SourceLink } from './library/SourceLink.tsx';
import { OutletLine } from './clusters/OutletLine.tsx';
import { clusterKey, useClusterViews } from './clusters/use-cluster-views.ts';
import type { ClusterKey } from '../../electron/contract/keymap.ts';
import { LabelBar } from './panel/LabelBar.tsx';
import { SaveIndicator } from './panel/SaveIndicator.tsx';
import { SpanPanel } from './panel/SpanPanel.tsx';
import { SyncControl } from './sync/SyncControl.tsx';
import { LayerPicker } from './panel/LayerPicker.tsx';
import { GazetteerButton } from './suggest/GazetteerButton.tsx';
import type { Banner } from './banner.ts';
import { SuggestionBar } from './suggest/SuggestionBar.tsx';
import { useSuggestions } from './suggest/use-suggestions.ts';
import { DocumentSession, layersOf, OWN_LAYER, type LayerChoice } from './document-session.ts';
import { useStoreInTransition } from './use-store.ts';
import type { OpenedDocument } from '../../electron/contract/contract.ts';

// Loaded when first used, so that the first screen's bundle is only what shows a document.
const AgreementPanel = lazy(() => import('./agreement/AgreementPanel.tsx').then((m) => ({ default: m.AgreementPanel })));
const ExportDialog = lazy(() => import('./export/ExportDialog.tsx').then((m) => ({ default: m.ExportDialog })));
const ClusterDialogs = lazy(() => import('./clusters/ClusterDialogs.tsx').then((m) => ({ default: m.ClusterDialogs })));
const ReviewMode = lazy(() => import('./review/ReviewMode.tsx').then((m) => ({ default: m.ReviewMode })));


type Dialog = 'annotator' | 'export' | 'agreement';

export function App() {
  /** The open document as the library has it (its status, its span count). */
  const [current, setCurrent] = useState<DocumentSummary | null>(null);
  /** Who is annotating; null until the core has said. */
  const [who, setWho] = useState<CurrentAnnotator | null>(null);
  /** The layer the editor shows, kept from one document to the next. */
  const [layer, setLayer] = useState<LayerChoice>(OWN_LAYER);
  const layerShown = useRef<LayerChoice>(OWN_LAYER);
  const [session, setSession] = useState<DocumentSession | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const showProblem = useCallback((error: Error) => setBanner({ kind: 'problem', text: error.message, detail: '' }), []);
  /** The one dialog open over the page, if any: they never show together. */
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const closeDialog = () => setDialog(null);
  const [reviewing, setReviewing] = useState(false);
  const library = useLibraryList(showProblem);
  const refreshLibrary = library.refresh;
  /** A document's row in the list, and the header's when it is the open one. */
  const patchDocument = useCallback(
    (id: string, change: (document: DocumentSummary) => DocumentSummary) => {
      library.patch(id, change);
      setCurrent((shown) => (shown?.id === id ? change(shown) : shown));
    },
    [library.patch],
  );
  const showReviewStatus = useCallback(
    (id: string, review: ReviewStatus) => patchDocument(id, (d) => (d.review !== review ? { ...d, review } : d)),
    [patchDocument],
  );
  const imports = useImports(refreshLibrary);
  /** Import…: the page's file picker, or on the desktop main's own dialog (it gives no paths to the page). */
  const startImport = useCallback(() => (desktop ? imports.addFromDesktop(desktop) : picker.current?.click()), [imports.addFromDesktop]);
  useOpenDialog(useCallback((job) => (job === 'import' ? startImport() : setDialog('export')), [startImport]));
  const dropping = useFileDrop(imports.add);
  const picker = useRef<HTMLInputElement>(null);
  const controls = useRef<ArticleControls | null>(null);
  /** The article's Lexical editor while it is on screen: the key commands go through it. */
  const [editor, setEditor] = useState<LexicalEditor | null>(null);
  // The open document's spans and save state for the panels. The text's highlights are painted by
  // the session's observer straight away; React follows in a transition, so a key press never
  // waits for the panels to render.
  const snapshot = useStoreInTransition(session);
  const retrySaves = useCallback(() => void session?.retry(), [session]);

  const open = useCallback((id: string, shown: LayerChoice = layerShown.current, asked?: Promise<OpenedDocument>) => {
    (asked ?? api.openDocument({ id, ...layersOf(shown) })).then(
      (document) => {
        history.replaceState(null, '', `#/doc/${encodeURIComponent(id)}`);
        // The library shows the document as stored now (an import may have changed it).
        library.patch(id, () => document.summary);
        library.reveal(id);
        setCurrent(document.summary);
        const opened = new DocumentSession(api, document, shown);
        setSession(opened);
        // After the text's first frame: finding the stems to ask about reads the whole text (about
        // 40 ms at 200,000 characters), which would otherwise come before the text is painted.
        requestAnimationFrame(() => setTimeout(() => void opened.learnWords(), 0));
      },
      showProblem,
    );
  }, [library.patch, library.reveal]);

  // Nothing opens before the app knows who is annotating: on a first run it asks.
  const [firstScreen] = useState(takeFirstScreen);
  /** Whether the annotator was confirmed when the page loaded: only then is what it asked for theirs. */
  const confirmedAtLoad = useRef(false);
  useEffect(() => {
    (firstScreen?.session ?? api.session({})).then(
      (s) => {
        confirmedAtLoad.current = s.confirmed;
        setWho(s);
        if (!s.confirmed) setDialog('annotator');
      },
      showProblem,
    );
  }, [firstScreen]);
  const confirmed = who?.confirmed ?? false;
  useEffect(() => {
    if (!confirmed) return;
    const early = confirmedAtLoad.current ? firstScreen : null;
    const wanted = documentFromHash();
    // The address may have changed since the page loaded (then this asks for its page).
    (early?.documents ?? libraryFirstPage(wanted)).then((page) => libraryFirstPage(wanted, page)).then(
      (page) => {
        library.take(page);
        const first = page.documents.find((d) => d.id === wanted) ?? page.documents[0];
        const asked = early?.opened && early.opened.id === first?.id ? early.opened.document : undefined;
        if (first) open(first.id, layerShown.current, asked);
      },
      showProblem,
    );
  }, [confirmed, open, library.take]);

  // An address naming another document (a link, the address bar) opens it.
  useEffect(() => {
    if (!confirmed) return;
    const follow = () => {
      const id = documentFromHash();
      if (id !== null) open(id);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [confirmed, open]);

  // Leaving with changes the database does not have yet asks first.
  const unsaved = snapshot?.unsaved ?? 0;
  useEffect(() => {
    if (unsaved === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  // The library's numbers are the annotator's own: their spans in the document as stored, and
  // their status, in progress from the first one stored on (the core's rule, in the same save).
  const openId = session?.document.summary.id ?? null;
  // From the session itself: for one render after a switch, `snapshot` is still the last document's.
  const ownStored = session?.layer.kind === 'own' && snapshot ? session.getSnapshot().spans.filter((s) => s.state === 'saved').length : null;
  useEffect(() => {
    if (openId === null || ownStored === null) return;
    patchDocument(openId, (d) =>
      d.spanCount === ownStored ? d : { ...d, spanCount: ownStored, status: d.status === 'new' && ownStored > 0 ? 'in_progress' : d.status },
    );
  }, [openId, ownStored, patchDocument]);

  const step = useCallback(
    (by: 1 | -1) => {
      if (openId === null) return;
      library.neighbour(openId, by).then(
        (next) => {
          if (next) open(next);
        },
        showProblem,
      );
    },
    [library.neighbour, openId, open],
  );

  const setStatus = useCallback(
    (status: Exclude<DocumentStatus, 'new'>) => {
      if (openId === null) return;
      api.setDocumentStatus({ id: openId, status }).then(
        (summary) => patchDocument(summary.id, () => summary),
        showProblem,
      );
    },
    [openId, patchDocument],
  );

  /** Ctrl+Enter: the status is the analyst's own, so it is marked from their own layer only. */
  const markDone = useCallback((): boolean => {
    if (session && session.layer.kind !== 'own') {
      const text =
        session.layer.kind === 'gold'
          ? "the gold layer's status is its review: decide its units under Review"
          : `${session.layer.name}'s status is theirs: choose your own layer to mark the document done`;
      session.say({ kind: 'refused', text });
      return false;
    }
    setStatus('done');
    return true;
  }, [session, setStatus]);
  // The selected span's note field is in the panel; N goes straight to it.
  const editNote = useCallback(() => document.querySelector<HTMLTextAreaElement>('.note-field')?.focus(), []);
  const editing = reviewing ? null : session;
  const cards = useClaimCards(editing, controls, editor);
  useScope(editing, controls, editor);
  const suggestions = useSuggestions(editing, controls, editor);
  const clusters = useClusterViews(session, controls, open);
  const cluster = useCallback(
    (key: ClusterKey) => session && void clusterKey(key, session, () => cards?.close(), clusters.setView),
    [session, cards, clusters.setView],
  );
  useEffect(
    () => (editor && editing ? registerSpanCommands(editor, { session: editing, controls, step, markDone, editNote, cluster }) : undefined),
    [editor, editing, step, markDone, editNote, cluster],
  );
  const keyContexts = useCallback((): KeyContext[] => [...cardContexts(cards), 'editor'], [cards]);
  useKeymap(reviewing ? null : editor, keyContexts);
  /** The review changes gold: leaving it, the editor reads the document again. */
  const toggleReview = () => {
    setReviewing(!reviewing);
    if (reviewing && openId !== null) open(openId);
  };

  /** Another annotator now: their own layer of the open document. */
  const chosen = (updated: CurrentAnnotator) => {
    showLayer(OWN_LAYER);
    setWho(updated);
    refreshLibrary(); // statuses and counts are theirs now
  };
  function showLayer(shown: LayerChoice) {
    layerShown.current = shown;
    setLayer(shown);
    if (openId !== null) open(openId);
  }

  return (
    // data-shown-saves: the saves the panels have caught up with (the indicator says them sooner).
    <div className="app" data-shown-saves={reviewing ? undefined : snapshot?.saves}>
      <header className="topbar">
        <h1 className="brand">
          Hamish <span lang="ar">هامش</span>
        </h1>
        <LabelBar onTag={(label) => controls.current?.tag(label)} />
        <button className="topbar-button" onClick={startImport}>
          Import…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPTED}
          hidden
          aria-label="Files to import"
          onChange={(event) => {
            if (event.target.files) imports.add(event.target.files);
            event.target.value = '';
          }}
        />
        <GazetteerButton onReport={setBanner} />
        <button className="topbar-button" onClick={() => setDialog('export')}>
          Export…
        </button>
        <button className="topbar-button" aria-pressed={reviewing} onClick={toggleReview}>
          {reviewing ? 'Back to editing' : 'Review'}
        </button>
        <button className="topbar-button" onClick={() => setDialog('agreement')}>
          Agreement…
        </button>
        <button className="topbar-button" title="Shift+G: which outlet carries which claim" onClick={() => cluster('corpus')}>
          Clusters…
        </button>
        <div className="topbar-end">
          {session && !reviewing ? <SaveIndicator progress={session} onRetry={retrySaves} /> : null}
          <SyncControl onSynced={refreshLibrary} />
          <button
            className="annotator"
            title="Who is annotating: change or switch"
            aria-label={`Annotator: ${who?.annotator ?? ''}`}
            onClick={() => setDialog('annotator')}
          >
            {who?.annotator}
          </button>
        </div>
      </header>
      {banner ? (
        <div className={`banner banner-${banner.kind}`} role={banner.kind === 'problem' ? 'alert' : 'status'} title={banner.detail}>
          {banner.text} <button onClick={() => setBanner(null)}>Dismiss</button>
        </div>
      ) : null}
      <Library list={library} openId={openId} onOpen={open} reviewing={reviewing} />
      {reviewing && session ? (
        <Suspense fallback={<main className="review-loading" role="status">Opening the review…</main>}>
          <ReviewMode document={session.document} onOpen={open} onStep={step} onReviewStatus={showReviewStatus} />
        </Suspense>
      ) : (
        <>
          <main className="article-pane">
            {current ? (
              <div className="article-header">
                {layer.kind === 'own' ? (
                  <span className={`status status-${current.status}`}>{current.status.replace('_', ' ')}</span>
                ) : layer.kind === 'gold' ? (
                  <span className="status status-review" title="The gold layer's status is its review">
                    {REVIEW_TEXT[current.review]}
                  </span>
                ) : null}
                {session ? <OutletLine key={session.document.summary.id} session={session} /> : null}
                {session ? <SourceLink meta={session.document.meta} /> : null}
                {who ? <LayerPicker annotator={who.annotator} layer={layer} onChange={showLayer} /> : null}
                {snapshot?.notice ? (
                  <span
                    className={snapshot.notice.kind === 'refused' ? 'refusal' : 'notice'}
                    role={snapshot.notice.kind === 'refused' ? 'alert' : 'status'}
                    title={snapshot.notice.text}
                  >
                    {snapshot.notice.text}
                  </span>
                ) : null}
                {layer.kind !== 'own' ? null : current.status === 'done' ? (
                  <button onClick={() => setStatus('in_progress')}>Reopen</button>
                ) : (
                  <button onClick={() => setStatus('done')} title="Ctrl+Enter">
                    Mark done
                  </button>
                )}
              </div>
            ) : null}
            {suggestions ? <SuggestionBar suggestions={suggestions} /> : null}
            <div className="article-scroller">
              {session ? (
                <ClaimHover.Provider value={cards}>
                  <ArticleView key={session.document.summary.id} session={session} controls={controls} onEditor={setEditor} />
                </ClaimHover.Provider>
              ) : null}
            </div>
          </main>
          {session && snapshot ? <SpanPanel session={session} snapshot={snapshot} controls={controls} /> : <aside />}
          {cards ? <ClaimCard cards={cards} /> : null}
        </>
      )}
      <KeyHelp context={reviewing ? 'review' : 'editor'} />
      <ImportList jobs={imports.jobs} onChooseColumn={imports.chooseColumn} onClear={imports.clearFinished} />
      {dropping ? <DropHint /> : null}
      <Suspense fallback={null}>
        {dialog === 'export' ? <ExportDialog openId={openId} onClose={closeDialog} /> : null}
        {dialog === 'agreement' ? <AgreementPanel onClose={closeDialog} /> : null}
        {clusters.view && session && !reviewing ? <ClusterDialogs view={clusters.view} session={session} onView={clusters.setView} onOpenAt={clusters.openAt} /> : null}
      </Suspense>
      {dialog === 'annotator' && who ? <AnnotatorDialog who={who} onChosen={chosen} onClose={closeDialog} /> : null}
    </div>
  );
}
