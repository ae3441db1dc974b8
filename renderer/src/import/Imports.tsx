import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportReport } from '../../../electron/contract/contract.ts';
import { ARTICLE_EXTENSIONS } from '../../../electron/contract/files.ts';
import { count } from '../counts.ts';
import type { DesktopBridge } from '../../../electron/contract/channels.ts';
import type { ImportProgress } from '../../../electron/contract/jobs.ts';
import { desktopJob } from '../desktop.ts';
import { csvColumns } from './csv-header.ts';
import { upload, type UploadProgress } from './upload.ts';

type Phase =
  | { readonly kind: 'choose-column'; readonly columns: readonly string[] }
  | { readonly kind: 'sending'; readonly progress: UploadProgress; readonly cancel: () => void }
  | { readonly kind: 'done'; readonly report: ImportReport }
  | { readonly kind: 'failed'; readonly reason: string };

interface Job {
  readonly id: number;
  /** What the analyst knows the import by: the file's name, or the files chosen on the desktop. */
  readonly name: string;
  /** The file picked or dropped in the page; null for files chosen in the desktop's own dialog. */
  readonly file: File | null;
  readonly phase: Phase;
}

export const ACCEPTED = ARTICLE_EXTENSIONS.join(',');

/**
 * Files the analyst picked or dropped, each sent to the library with its progress, cancellable.
 * A CSV file without a `text` column first asks which column holds the article.
 */
export function useImports(onImported: () => void) {
  const [jobs, setJobs] = useState<readonly Job[]>([]);
  const nextId = useRef(1);
  const set = (id: number, phase: Phase) => setJobs((all) => all.map((j) => (j.id === id ? { ...j, phase } : j)));

  const send = useCallback(
    (id: number, file: File, textColumn?: string) => {
      const sending = upload(file, { textColumn }, (progress) =>
        setJobs((all) =>
          all.map((j) => (j.id === id && j.phase.kind === 'sending' ? { ...j, phase: { ...j.phase, progress } } : j)),
        ),
      );
      set(id, { kind: 'sending', progress: uploading(file), cancel: sending.cancel });
      sending.done.then(
        (report) => {
          set(id, { kind: 'done', report });
          if (report.imported.length > 0) onImported();
        },
        (error: Error) => set(id, { kind: 'failed', reason: error.message }),
      );
    },
    [onImported],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const id = nextId.current++;
        setJobs((all) => [...all, { id, name: file.name, file, phase: { kind: 'sending', progress: uploading(file), cancel: () => {} } }]);
        if (file.name.toLowerCase().endsWith('.csv')) {
          void csvColumns(file).then((columns) =>
            columns.includes('text') ? send(id, file) : set(id, { kind: 'choose-column', columns }),
          );
        } else send(id, file);
      }
    },
    [send],
  );

  /** The desktop: main asks for the files in its own dialog and imports them as a job. */
  const addFromDesktop = useCallback(
    (bridge: DesktopBridge) => {
      const id = nextId.current++;
      const stop = new AbortController();
      const importing: UploadProgress = { phase: 'importing', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, documents: 0 };
      setJobs((all) => [...all, { id, name: 'Files chosen in the dialog', file: null, phase: { kind: 'sending', progress: importing, cancel: () => stop.abort() } }]);
      const progress = (reported: ImportProgress) =>
        setJobs((all) =>
          all.map((j) => (j.id === id && j.phase.kind === 'sending' ? { ...j, phase: { ...j.phase, progress: { phase: 'importing', ...reported } } } : j)),
        );
      desktopJob(bridge, 'import', {}, progress, stop.signal).then(
        (report) => {
          // The native dialog closed without a file: there is no import to show.
          if (report === null) return setJobs((all) => all.filter((j) => j.id !== id));
          setJobs((all) => all.map((j) => (j.id === id ? { ...j, name: filesOf(report), phase: { kind: 'done', report } } : j)));
          if (report.imported.length > 0) onImported();
        },
        (error: Error) => set(id, { kind: 'failed', reason: error.message }),
      );
    },
    [onImported],
  );

  const chooseColumn = (job: Job, column: string) => job.file && send(job.id, job.file, column);
  const clearFinished = () => setJobs((all) => all.filter((j) => j.phase.kind === 'sending' || j.phase.kind === 'choose-column'));
  return { jobs, add, addFromDesktop, chooseColumn, clearFinished };
}

/** Drag-and-drop anywhere on the window imports the dropped files. */
export function useFileDrop(onFiles: (files: FileList) => void): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(false);
      if (event.dataTransfer?.files.length) onFiles(event.dataTransfer.files);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [onFiles]);
  return over;
}

/**
 * While files are dragged over the window: a frame round its edge and a word above the toolbar,
 * never over the article, so the analyst still sees the text they are working on.
 */
export function DropHint() {
  return (
    <div className="drop-zone">
      <span className="drop-zone-label">
        Drop {ARTICLE_EXTENSIONS.slice(0, -1).join(', ')} or {ARTICLE_EXTENSIONS.at(-1)} files to import them
      </span>
    </div>
  );
}

const uploading = (file: File): UploadProgress => ({ phase: 'uploading', sent: 0, total: file.size });

/** The names of the files an import read, for its line in the list. */
function filesOf(report: ImportReport): string {
  const files = new Set([...report.imported, ...report.duplicates, ...report.conflicts, ...report.failed].map(({ file }) => file.split(/[\\/]/).at(-1)!));
  return files.size === 0 ? 'No articles found' : [...files].join(', ');
}


function summary(report: ImportReport): string {
  const parts = [`${report.imported.length} imported`];
  if (report.duplicates.length) parts.push(`${report.duplicates.length} already in the library`);
  if (report.failed.length) parts.push(`${report.failed.length} failed`);
  return parts.join(', ');
}

/** What each import is doing, or what came of it. */
export function ImportList({
  jobs,
  onChooseColumn,
  onClear,
}: {
  jobs: readonly Job[];
  onChooseColumn: (job: Job, column: string) => void;
  onClear: () => void;
}) {
  if (jobs.length === 0) return null;
  return (
    <section className="imports" aria-label="Imports">
      <header className="imports-head">
        <strong>Import</strong>
        <button onClick={onClear}>Clear finished</button>
      </header>
      <ol>
        {jobs.map((job) => (
          <li key={job.id} className={`import-job is-${job.phase.kind}`} data-file={job.name}>
            <span className="import-name">{job.name}</span>
            <ImportPhase job={job} onChooseColumn={onChooseColumn} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ImportPhase({ job, onChooseColumn }: { job: Job; onChooseColumn: (job: Job, column: string) => void }) {
  const { phase } = job;
  switch (phase.kind) {
    case 'choose-column':
      return (
        <label className="import-column">
          Text column{' '}
          <select defaultValue="" onChange={(event) => onChooseColumn(job, event.target.value)}>
            <option value="" disabled>
              choose…
            </option>
            {phase.columns.map((column) => (
              <option key={column}>{column}</option>
            ))}
          </select>
        </label>
      );
    case 'sending': {
      const { progress } = phase;
      const [value, max, said] =
        progress.phase === 'uploading'
          ? [progress.sent, progress.total, 'uploading']
          : [progress.bytesDone, progress.bytesTotal, `importing: ${count(progress.documents, 'article')} read`];
      return (
        <span className="import-progress">
          <progress max={max || 1} value={value} aria-label={`${job.name}: ${said}`} />
          <span className="import-stage">{said}</span>
          <button onClick={phase.cancel}>Cancel</button>
        </span>
      );
    }
    case 'done':
      return (
        <span className={`import-result${phase.report.imported.length > 0 ? ' has-imports' : ''}`}>
          {summary(phase.report)}
          {phase.report.failed.map((f) => (
            <span key={f.file + f.reason} className="import-failure">
              {f.line ? `line ${f.line}: ` : ''}
              {f.reason}
            </span>
          ))}
        </span>
      );
    case 'failed':
      return <span className="import-failure">{phase.reason}</span>;
  }
}
