import { useEffect, useRef, useState } from 'react';
import type { Session } from '../../../electron/contract/contract.ts';
import { api } from '../api.ts';
import { useModal } from '../modal.ts';

interface Props {
  /** Who is annotating now; unconfirmed on a first run, when the dialog must be answered. */
  readonly session: Session;
  readonly onChosen: (session: Session) => void;
  readonly onClose: () => void;
}

/**
 * Who is annotating: a name typed, or one of the library's annotators picked. Every span made
 * afterwards is theirs. On a first run it cannot be dismissed: the spans need an owner.
 */
export function AnnotatorDialog({ session, onChosen, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(session.confirmed ? session.annotator : '');
  const [known, setKnown] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useModal(dialog, session.confirmed);

  useEffect(() => {
    let live = true;
    api.listAnnotators({}).then(
      (names) => live && setKnown(names),
      (error: Error) => live && setProblem(error.message),
    );
    return () => {
      live = false;
    };
  }, []);

  const choose = (chosen: string) => {
    if (chosen.trim() === '') return setProblem('Type your name.');
    setBusy(true);
    setProblem(null);
    api.setAnnotator({ name: chosen }).then(
      (updated) => {
        dialog.current?.close();
        onChosen(updated);
      },
      (error: Error) => {
        setBusy(false);
        setProblem(error.message);
      },
    );
  };

  const others = known.filter((other) => other !== session.annotator || !session.confirmed);
  return (
    <dialog ref={dialog} className="export-dialog annotator-dialog" aria-labelledby="annotator-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) choose(name);
        }}
      >
        <h2 id="annotator-title">Who is annotating?</h2>
        <p className="export-note">
          Every span you tag is recorded under this name, and exports carry it. People who share this machine switch
          here.
        </p>
        <label className="annotator-name">
          <span>Your name</span>
          <input
            autoFocus
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
            aria-describedby="annotator-problem"
          />
        </label>
        {others.length > 0 ? (
          <fieldset>
            <legend>Or switch to</legend>
            <div className="export-row">
              {others.map((other) => (
                <button key={other} type="button" className="annotator-known" disabled={busy} onClick={() => choose(other)}>
                  {other}
                </button>
              ))}
            </div>
          </fieldset>
        ) : null}
        <p className="export-status" id="annotator-problem" role="status">
          {problem ?? ''}
        </p>
        <div className="export-actions">
          {session.confirmed ? (
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {session.confirmed ? 'Switch' : 'Start'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
