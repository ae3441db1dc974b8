import { chordOf, keyName } from '../../../electron/contract/keymap.ts';
import { LABEL_NAMES, LABELS, type Label } from '../../../electron/contract/labels.ts';

/** The four labels with their colour, key and names; a click tags the selection like the key. */
export function LabelBar({ onTag }: { onTag: (label: Label) => void }) {
  return (
    <div className="label-bar" role="toolbar" aria-label="Labels">
      {LABELS.map((label) => (
        <button
          key={label}
          className={`label-button label-${label}`}
          data-label={label}
          title={`Tag the selection as ${LABEL_NAMES[label].en} (key ${keyName(chordOf('editor', 'span.tag', label))})`}
          // Keep the text selection: a focused button would not take it, but be explicit.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onTag(label)}
        >
          <kbd>{keyName(chordOf('editor', 'span.tag', label))}</kbd>
          <span className="label-swatch" aria-hidden="true" />
          <span lang="ar">{LABEL_NAMES[label].ar}</span>
          <span>{LABEL_NAMES[label].en}</span>
        </button>
      ))}
    </div>
  );
}
