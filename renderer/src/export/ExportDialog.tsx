import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../electron/contract/contract.ts';
import { defaultDocuments, exportSummary } from '../../../electron/contract/export-defaults.ts';
import { LABEL_NAMES, LABELS, type Label } from '../../../electron/contract/labels.ts';
import { api } from '../api.ts';
import { desktop } from '../desktop.ts';
import { count, number } from '../counts.ts';
import { useModal } from '../modal.ts';
import { saveExport, type ExportChoice, type ExportSummary } from './download.ts';

const FORMATS: readonly { value: ExportFormat; name: string; about: string }[] = [
  { value: 'jsonl', name: 'JSONL', about: 'Hamish’s own, lossless; imports back as it was' },
  { value: 'prodigy', name: 'Prodigy / spaCy', about: 'one task per document and annotator' },
  { value: 'doccano', name: 'doccano', about: 'entities, and claim cards as relations' },
  { value: 'labelstudio', name: 'Label Studio', about: `task list and labeling config, cards as relations (${desktop ? 'a folder' : 'zip'})` },
  { value: 'brat', name: 'brat', about: `.txt and .ann per document, cards as events (${desktop ? 'a folder' : 'zip'})` },
  { value: 'conll', name: 'CoNLL', about: 'token per line, BIO, a column per layer; spans only, no cards' },
  { value: 'claims-csv', name: 'Claims table (CSV)', about: 'a row per claim: stance, sources, via, locations, dates' },
  { value: 'claims-json', name: 'Claims table (JSON)', about: 'a row per claim, roles as lists' },
];

/** `usual`: the export's default (defaultDocuments): done, or for the gold layer, reviewed. */
type Documents = 'usual' | 'all' | 'open';
/** Whose spans: everyone's layers (gold's too), some annotators', or only the reviewed gold layer. */
type Layers = 'everyone' | 'some' | 'gold';

/** How the last export went. */
type Outcome =
  | { readonly kind: 'saved'; readonly summary: ExportSummary; readonly filters: NonNullable<ExportChoice['filters']> }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly reason: string };

interface Progress {
  readonly done: number;
  readonly total: number;
}


interface Props {
  /** The document on screen, for "only this one". */
  readonly openId: string | null;
  readonly onClose: () => void;
}

/** Choose a format and what goes in, then save the dataset (a download in web mode). */
export function ExportDialog({ openId, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [tokens, setTokens] = useState<'whole' | 'clitic'>('whole');
  const [documents, setDocuments] = useState<Documents>('usual');
  const [labels, setLabels] = useState<ReadonlySet<Label>>(new Set(LABELS));
  const [layers, setLayers] = useState<Layers>('everyone');
  const [annotators, setAnnotators] = useState<readonly string[]>([]);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [manifest, setManifest] = useState(false);
  const [running, setRunning] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const stop = useRef<AbortController | null>(null);

  useModal(dialog);

  useEffect(() => {
    let live = true;
    Promise.all([api.listAnnotators({}), api.session({})]).then(
      ([names, session]) => {
        if (!live) return;
        setAnnotators(names);
        setPicked(new Set([session.annotator]));
      },
      (error: Error) => live && setOutcome({ kind: 'failed', reason: error.message }),
    );
    return () => {
      live = false;
      // Closing the dialog stops an export still running.
      stop.current?.abort();
    };
  }, []);

  const toggle = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

  const folder = format === 'brat' || format === 'labelstudio';
  const missing =
    labels.size === 0 ? 'Choose at least one label.' : layers === 'some' && picked.size === 0 ? 'Choose at least one annotator.' : null;

  const choice = (): ExportChoice => ({
    format,
    ...(format === 'conll' ? { tokens } : {}),
    manifest: !folder && manifest,
    filters: {
      ...(documents === 'usual' ? defaultDocuments(layers === 'gold') : {}),
      ...(documents === 'open' && openId !== null ? { documents: [openId] } : {}),
      ...(labels.size < LABELS.length ? { labels: LABELS.filter((l) => labels.has(l)) } : {}),
      ...(layers === 'some' ? { annotators: annotators.filter((a) => picked.has(a)) } : {}),
      ...(layers === 'gold' ? { gold: true } : {}),
    },
  });

  const run = () => {
    const controller = new AbortController();
    stop.current = controller;
    setRunning({ done: 0, total: 0 });
    setOutcome(null);
    const chosen = choice();
    saveExport(chosen, (done, total) => setRunning({ done, total }), controller.signal)
      .then(
        // Null: the desktop's save dialog was closed; the choice stays, to export again.
        (summary) => setOutcome(summary && { kind: 'saved', summary, filters: chosen.filters ?? {} }),
        (error: Error) =>
          setOutcome(controller.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', reason: error.message }),
      )
      .finally(() => {
        stop.current = null;
        setRunning(null);
      });
  };

  return (
    <dialog
      ref={dialog}
      className="export-dialog"
      aria-labelledby="export-title"
      onClose={onClose}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!missing && !running) run();
        }}
      >
        <h2 id="export-title">Export dataset</h2>

        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="export-option">
              <input type="radio" name="format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
              <span>{f.name}</span> <small>{f.about}</small>
            </label>
          ))}
          {format === 'conll' ? (
            <div className="export-sub" role="group" aria-label="Tokens">
              <label className="export-option">
                <input type="radio" name="tokens" checked={tokens === 'whole'} onChange={() => setTokens('whole')} />
                <span>Whole words</span> <small>the proclitic stays on its word (ANERcorp, Wojood)</small>
              </label>
              <label className="export-option">
                <input type="radio" name="tokens" checked={tokens === 'clitic'} onChange={() => setTokens('clitic')} />
                <span>Split proclitics</span> <small>ب O / العراق B-LOCATION</small>
              </label>
            </div>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>Documents</legend>
          <label className="export-option">
            <input type="radio" name="documents" checked={documents === 'usual'} onChange={() => setDocuments('usual')} />
            {layers === 'gold' ? (
              <>
                <span>Reviewed only</span> <small>documents whose review has started</small>
              </>
            ) : (
              <span>Done only</span>
            )}
          </label>
          <label className="export-option">
            <input type="radio" name="documents" checked={documents === 'all'} onChange={() => setDocuments('all')} />
            <span>All</span>
          </label>
          <label className="export-option">
            <input
              type="radio"
              name="documents"
              disabled={openId === null}
              checked={documents === 'open'}
              onChange={() => setDocuments('open')}
            />
            <span>The open document</span>
          </label>
        </fieldset>

        <fieldset>
          <legend>Labels</legend>
          <div className="export-row">
            {LABELS.map((label) => (
              <label key={label} className={`export-option label-${label}`}>
                <input type="checkbox" checked={labels.has(label)} onChange={() => setLabels(toggle(labels, label))} />
                <span className="label-chip" aria-hidden="true" />
                <span>{LABEL_NAMES[label].en}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>Annotators</legend>
          <label className="export-option">
            <input type="radio" name="annotators" checked={layers === 'everyone'} onChange={() => setLayers('everyone')} />
            <span>Everyone, each a layer of their own</span>
          </label>
          <label className="export-option">
            <input type="radio" name="annotators" checked={layers === 'gold'} onChange={() => setLayers('gold')} />
            <span>Gold</span> <small>the reviewed layer only</small>
          </label>
          <label className="export-option">
            <input type="radio" name="annotators" checked={layers === 'some'} onChange={() => setLayers('some')} />
            <span>Only</span>
          </label>
          {layers === 'some' ? (
            <div className="export-sub export-row">
              {annotators.map((name) => (
                <label key={name} className="export-option">
                  <input type="checkbox" checked={picked.has(name)} onChange={() => setPicked(toggle(picked, name))} />
                  <span>{name}</span>
                </label>
              ))}
            </div>
          ) : null}
        </fieldset>

        {folder ? (
          <p className="export-note">A folder of files with manifest.json{desktop ? ', in a new folder you name' : ', downloaded as one zip'}.</p>
        ) : (
          <label className="export-option">
            <input type="checkbox" checked={manifest} onChange={() => setManifest(!manifest)} />
            <span>Manifest</span>{' '}
            <small>{format === 'jsonl' ? 'as the first line' : desktop ? 'manifest.json beside the file' : 'manifest.json beside the file (one zip)'}</small>
          </label>
        )}

        {running ? (
          <progress className="export-progress" aria-label="Documents exported" max={running.total || 1} value={running.done} />
        ) : null}
        <p className="export-status" role="status">
          {missing ?? (running ? `Exporting… ${number(running.done)} of ${count(running.total, 'document')}` : describe(outcome))}
        </p>

        <div className="export-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
          {/* Keys: one element must not turn into the other while its click is handled, or
              the Cancel that ends an export would submit the form and start the next. */}
          {running ? (
            <button key="cancel" type="button" onClick={() => stop.current?.abort()}>
              Cancel
            </button>
          ) : (
            <button key="export" type="submit" className="primary" disabled={missing !== null}>
              Export
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}

function describe(outcome: Outcome | null): string {
  switch (outcome?.kind) {
    case undefined:
      return '';
    case 'saved': {
      const { summary, filters } = outcome;
      const { counts, selection } = exportSummary(summary, filters);
      const which = selection === null ? '' : ` (${selection}${summary.leftOut > 0 ? ': choose All to export every one' : ''})`;
      return (
        `Saved ${summary.file}${which}: ${counts}` +
        (summary.unrepresentable > 0 ? `, ${number(summary.unrepresentable)} the format cannot hold` : '')
      );
    }
    case 'cancelled':
      return 'Export cancelled: nothing was saved.';
    case 'failed':
      return outcome.reason;
  }
}
