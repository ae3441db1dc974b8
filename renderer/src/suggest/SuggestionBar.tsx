import { chordOf } from '../../../electron/contract/keymap.ts';
import { Keys } from '../keymap/KeyHelp.tsx';
import { useStore } from '../use-store.ts';
import { labelName, type SuggestionSession } from './suggestion-session.ts';
import './suggest.css';

/** The suggestion the keys act on, why it is offered, and the keys that decide it. */
export function SuggestionBar({ suggestions }: { suggestions: SuggestionSession }) {
  const { list, current } = useStore(suggestions);
  const chosen = current === null ? undefined : list[current];
  if (!chosen) return null;
  const { text, label, source, seen } = chosen.suggestion;
  const why =
    source === 'learned' && seen
      ? `tagged before: ${Object.entries(seen).map(([l, n]) => `${labelName(l as typeof label)} ×${n}`).join(', ')}`
      : source === 'propagation'
        ? 'another occurrence of the span'
        : source === 'gazetteer'
          ? 'in the gazetteer'
          : source === 'reporting'
            ? 'reported speech'
            : source === 'phrases'
              ? 'a description'
              : 'a date';
  return (
    <div className="suggestion-bar" role="status" aria-label="Suggestion">
      <span>
        Suggestion {current! + 1} of {list.length}:
      </span>
      <span className="suggestion-text" lang="ar" dir="rtl">
        {text}
      </span>
      <span>→ {labelName(label)}</span>
      <span className="suggestion-why">({why})</span>
      <span>
        <Keys chord={chordOf('editor', 'suggest.accept', { all: false })} /> accept · <Keys chord={chordOf('editor', 'suggest.accept', { all: true })} /> all of
        this text · <Keys chord={chordOf('editor', 'suggest.reject', { all: false })} /> reject ·{' '}
        <Keys chord={chordOf('editor', 'suggest.reject', { all: true })} /> reject all of this text · <Keys chord={chordOf('editor', 'suggest.step', 1)} />{' '}
        next
      </span>
    </div>
  );
}
