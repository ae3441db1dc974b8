import { useEffect, useRef, useState } from 'react';
import { personName } from '../../../electron/contract/annotators.ts';
import type { CurrentAnnotator } from '../../../electron/contract/contract.ts';
import { api } from '../api.ts';
import { useModal } from '../modal.ts';
import { nearNames } from './near-names.ts';

interface Props {
  /** Who is annotating now; unconfirmed on a first run, when the dialog must be answered. */
  readonly who: CurrentAnnotator;
  readonly onChosen: (who: CurrentAnnotator) => void;
  readonly onClose: () => void;
}

/** Asking for a name, or asking whether a name the library does not know is meant to start a layer. */
type Step = { readonly kind: 'name' } | { readonly kind: 'confirm'; readonly name: string; readonly near: readonly string[] };

/**
 * Who is annotating: one of the library's annotators picked, or a name typed. Every span made
 * afterwards is theirs, so a name the library does not know starts a new layer only once the
 * analyst confirms it (a typo would otherwise file their work under a stray name). On a first run
 * it cannot be dismissed: the spans need an owner.
 */
export function AnnotatorDialog({ who, onChosen, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(who.confirmed ? who.annotator : '');
  const [known, setKnown] = useState<readonly string[]>([]);
  // A name typed before the list arrives must still be checked against it, not against none.
  const reading = useRef<Promise<readonly string[]> | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'name' });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useModal(dialog, who.confirmed);

  useEffect(() => {
    let live = true;
    reading.current = api.listAnnotators({});
    reading.current.then(
      (names) => live && setKnown(names),
      (error: Error) => live && setProblem(error.message),
    );
    return () => {
      live = false;
    };
  }, []);

  const switchTo = (chosen: string) => {
    setBusy(true);
    setProblem(null);
    api.setAnnotator({ name: chosen }).then(
      (updated) => {
        dialog.current?.close();
        onChosen(updated);
      },
      (error: Error) => {
        setBusy(false);
        setStep({ kind: 'name' });
        setProblem(error.message);
      },
    );
  };

  /** A known name switches at once; a new one asks first, unless the library has nobody yet to mistype. */
  const submit = async () => {
    if (name.trim() === '') return setProblem('Type your name.');
    const checked = personName(name);
    if (!checked.ok) return setProblem(checked.problem);
    let names: readonly string[];
    try {
      names = await reading.current!;
    } catch {
      return; // said already, where the list failed
    }
    if (names.includes(checked.name) || names.length === 0) return switchTo(checked.name);
    setProblem(null);
    setStep({ kind: 'confirm', name: checked.name, near: nearNames(checked.name, names) });
  };

  const others = known.filter((other) => other !== who.annotator || !who.confirmed);
  return (
    <dialog ref={dialog} className="export-dialog annotator-dialog" aria-labelledby="annotator-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (busy) return;
          if (step.kind === 'confirm') switchTo(step.name);
          else void submit();
        }}
      >
        <h2 id="annotator-title">Who is annotating?</h2>
        <p className="export-note">
          Every span you tag is recorded under this name, and exports carry it. People who share this machine switch
          here.
        </p>
        {step.kind === 'name' ? (
          <>
            {others.length > 0 ? (
              <fieldset>
                <legend>Annotators in this library</legend>
                <div className="export-row">
                  {others.map((other) => (
                    <button key={other} type="button" className="annotator-known" disabled={busy} onClick={() => switchTo(other)}>
                      {other}
                    </button>
                  ))}
                </div>
              </fieldset>
            ) : null}
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
          </>
        ) : (
          <section className="annotator-confirm" aria-label="New annotator">
            <p>
              <strong>No annotator “{step.name}” in this library yet.</strong> A new name starts a new, empty layer: what
              you tag from now on is filed under it.
            </p>
            {step.near.length > 0 ? (
              <p className="export-row">
                Did you mean:
                {step.near.map((near, i) => (
                  <button key={near} type="button" className="annotator-known" autoFocus={i === 0} disabled={busy} onClick={() => switchTo(near)}>
                    {near}
                  </button>
                ))}
              </p>
            ) : null}
          </section>
        )}
        <p className="export-status" id="annotator-problem" role="status">
          {problem ?? ''}
        </p>
        <div className="export-actions">
          {step.kind === 'confirm' ? (
            <button type="button" onClick={() => setStep({ kind: 'name' })}>
              Back
            </button>
          ) : who.confirmed ? (
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={busy} autoFocus={step.kind === 'confirm' && step.near.length === 0}>
            {step.kind === 'confirm' ? `Start a new layer for “${step.name}”` : who.confirmed ? 'Switch' : 'Start'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
