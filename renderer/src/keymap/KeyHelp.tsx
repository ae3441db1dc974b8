import { Fragment } from 'react';
import { keyCaps, keyHints, type Chord, type KeyContext } from '../../../electron/contract/keymap.ts';

/** A chord as key caps: <kbd>Shift</kbd>+<kbd>Y</kbd>. */
export function Keys({ chord }: { chord: Chord }) {
  return keyCaps(chord).map((cap, i) => (
    <Fragment key={i}>
      {i > 0 ? '+' : null}
      <kbd>{cap}</kbd>
    </Fragment>
  ));
}

/** The footer: the keys of the context shown, made from the key map. */
export function KeyHelp({ context }: { context: KeyContext }) {
  return (
    <footer className="keys-help" data-context={context}>
      {keyHints(context).map(({ hint, chords }, i) => (
        <span className="key-hint" key={hint}>
          {i > 0 ? ' · ' : null}
          {chords.map((chord, j) => (
            <Fragment key={j}>
              {j > 0 ? '/' : null}
              <Keys chord={chord} />
            </Fragment>
          ))}{' '}
          {hint}
        </span>
      ))}
    </footer>
  );
}
