import { useSyncExternalStore } from 'react';
import { labelName, type SuggestionSession } from './suggestion-session.ts';
import './suggest.css';

/** The suggestion the keys act on, why it is offered, and the keys that decide it. */
export function SuggestionBar({ suggestions }: { suggestions: SuggestionSession }) {
  const { list, current } = useSyncExternalStore(suggestions.subscribe, suggestions.getSnapshot);
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
        <kbd>Y</kbd> accept · <kbd>Shift</kbd>+<kbd>Y</kbd> all of this text · <kbd>X</kbd> reject · <kbd>Shift</kbd>+<kbd>X</kbd> reject
        all of this text · <kbd>J</kbd> next
      </span>
    </div>
  );
}
