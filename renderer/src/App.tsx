import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentStatus, DocumentSummary } from '../../electron/contract/contract.ts';
import { api } from './api.ts';
import { desktop, useLibraryChanged } from './desktop.ts';
import { ArticleView } from './editor/ArticleView.tsx';
import { ExportDialog } from './export/ExportDialog.tsx';
import { ACCEPTED, ImportList, useFileDrop, useImports } from './import/Imports.tsx';
import type { ArticleControls } from './editor/controls.ts';
import { useKeyBindings } from './keys.ts';
import { Library } from './library/Library.tsx';
import { SourceLink } from './library/SourceLink.tsx';
import { LabelBar } from './panel/LabelBar.tsx';
import { SaveIndicator } from './panel/SaveIndicator.tsx';
import { SpanPanel } from './panel/SpanPanel.tsx';
import { DocumentSession, type SessionSnapshot } from './session.ts';

/**
 * The open document's spans and save state for the panels. The text's highlights are painted by
 * the session's observer straight away; React follows in a transition, so a key press never waits
 * for the panels to render.
 */
function useSnapshot(session: DocumentSession | null): SessionSnapshot | null {
  const [snapshot, setSnapshot] = useState<SessionSnapshot | null>(null);
  useEffect(() => {
    setSnapshot(session?.getSnapshot() ?? null);
    if (!session) return;
    return session.subscribe(() => startTransition(() => setSnapshot(session.getSnapshot())));
  }, [session]);
  return snapshot;
}

function documentFromHash(): string | null {
  const match = /^#\/doc\/(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

export function App() {
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [annotator, setAnnotator] = useState('');
  const [session, setSession] = useState<DocumentSession | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const refreshLibrary = useCallback(() => {
    api.listDocuments({}).then(setDocuments, (error: Error) => setProblem(error.message));
  }, []);
  useLibraryChanged(refreshLibrary);
  const imports = useImports(refreshLibrary);
  const dropping = useFileDrop(imports.add);
  const picker = useRef<HTMLInputElement>(null);
  const controls = useRef<ArticleControls | null>(null);
  const snapshot = useSnapshot(session);

  const open = useCallback((id: string) => {
    api.openDocument({ id }).then(
      (document) => {
        history.replaceState(null, '', `#/doc/${encodeURIComponent(id)}`);
        const opened = new DocumentSession(api, document);
        setSession(opened);
        void opened.learnWords();
      },
      (error: Error) => setProblem(error.message),
    );
  }, []);

  useEffect(() => {
    api.session({}).then((s) => setAnnotator(s.annotator), (error: Error) => setProblem(error.message));
    api.listDocuments({}).then(
      (list) => {
        setDocuments(list);
        const wanted = documentFromHash();
        const first = list.find((d) => d.id === wanted) ?? list[0];
        if (first) open(first.id);
      },
      (error: Error) => setProblem(error.message),
    );
  }, [open]);

  // Leaving with changes the database does not have yet asks first.
  const unsaved = snapshot?.unsaved ?? 0;
  useEffect(() => {
    if (unsaved === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  // The library shows the open document's live span count and status.
  const openId = session?.document.summary.id ?? null;
  const spanCount = snapshot?.spans.length ?? 0;
  useEffect(() => {
    if (openId === null) return;
    setDocuments((list) =>
      list.map((d) =>
        d.id !== openId
          ? d
          : { ...d, spanCount, status: d.status === 'new' && spanCount > 0 ? 'in_progress' : d.status },
      ),
    );
  }, [openId, spanCount]);

  const step = useCallback(
    (by: 1 | -1) => {
      const at = documents.findIndex((d) => d.id === openId);
      const next = documents[at + by];
      if (next) open(next.id);
    },
    [documents, openId, open],
  );

  const setStatus = useCallback(
    (status: Exclude<DocumentStatus, 'new'>) => {
      if (openId === null) return;
      api.setDocumentStatus({ id: openId, status }).then(
        (summary) => setDocuments((list) => list.map((d) => (d.id === summary.id ? summary : d))),
        (error: Error) => setProblem(error.message),
      );
    },
    [openId],
  );

  const markDone = useCallback(() => setStatus('done'), [setStatus]);
  // The selected span's note field is in the panel; N goes straight to it.
  const editNote = useCallback(() => document.querySelector<HTMLTextAreaElement>('.note-field')?.focus(), []);
  useKeyBindings({ session, controls, step, markDone, editNote });

  const current = documents.find((d) => d.id === openId);
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          Hamish <span lang="ar">هامش</span>
        </h1>
        <LabelBar onTag={(label) => controls.current?.tagSelection(label)} />
        <button className="topbar-button" onClick={() => (desktop ? void desktop.run('import') : picker.current?.click())}>
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
        <button className="topbar-button" onClick={() => (desktop ? void desktop.run('export') : setExporting(true))}>
          Export…
        </button>
        <div className="topbar-end">
          {snapshot ? <SaveIndicator snapshot={snapshot} onRetry={() => void session?.retry()} /> : null}
          <span className="annotator" title="Annotator">
            {annotator}
          </span>
        </div>
      </header>
      {problem ? (
        <div className="problem" role="alert">
          {problem} <button onClick={() => setProblem(null)}>Dismiss</button>
        </div>
      ) : null}
      <Library documents={documents} openId={openId} onOpen={open} />
      <main className="article-pane">
        {current ? (
          <div className="article-header">
            <span className={`status status-${current.status}`}>{current.status.replace('_', ' ')}</span>
            {session ? <SourceLink meta={session.document.meta} /> : null}
            {current.status === 'done' ? (
              <button onClick={() => setStatus('in_progress')}>Reopen</button>
            ) : (
              <button onClick={() => setStatus('done')} title="Ctrl+Enter">
                Mark done
              </button>
            )}
          </div>
        ) : null}
        <div className="article-scroller">
          {session ? <ArticleView key={session.document.summary.id} session={session} controls={controls} /> : null}
        </div>
      </main>
      {session && snapshot ? <SpanPanel session={session} snapshot={snapshot} controls={controls} /> : <aside />}
      <footer className="keys-help">
        Select text (or move with <kbd>←</kbd>/<kbd>→</kbd>, <kbd>Shift</kbd> extends), then <kbd>1</kbd>–<kbd>4</kbd> ·
        click or <kbd>Tab</kbd> to a span: <kbd>1</kbd>–<kbd>4</kbd> relabel, <kbd>Delete</kbd>, <kbd>Ctrl</kbd>+
        <kbd>←</kbd>/<kbd>→</kbd> end edge (<kbd>Shift</kbd>: start, <kbd>Alt</kbd>: by letter), <kbd>S</kbd> strip
        proclitic, <kbd>N</kbd> note · <kbd>Ctrl</kbd>+<kbd>Z</kbd>/<kbd>Y</kbd> undo/redo · <kbd>Alt</kbd>+
        <kbd>↑</kbd>/<kbd>↓</kbd> document · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> done
      </footer>
      <ImportList jobs={imports.jobs} onChooseColumn={imports.chooseColumn} onClear={imports.clearFinished} />
      {dropping ? <div className="drop-zone">Drop .txt, .jsonl, .json or .csv files to import them</div> : null}
      {exporting ? <ExportDialog openId={openId} onClose={() => setExporting(false)} /> : null}
    </div>
  );
}
