import './clusters.css';
import { useState } from 'react';
import { api } from '../api.ts';
import type { DocumentSession } from '../document-session.ts';

type Field = 'outlet' | 'published';

const PROMPT: Readonly<Record<Field, { name: string; empty: string; hint: string }>> = {
  outlet: { name: 'Outlet', empty: 'outlet?', hint: 'the outlet that published the article (Reuters, الجزيرة…)' },
  published: { name: 'Published', empty: 'date?', hint: 'YYYY-MM-DD' },
};

const shown = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The article's outlet and publication date, above it: what the comparison view compares outlets
 * by. Click one to edit it; Enter saves at once (in no layer's history), Esc leaves it as it was.
 */
export function OutletLine({ session }: { session: DocumentSession }) {
  const [meta, setMeta] = useState(session.document.meta);
  const [editing, setEditing] = useState<Field | null>(null);
  const [draft, setDraft] = useState('');

  const save = (field: Field) => {
    setEditing(null);
    if (draft.trim() === shown(meta[field]).trim()) return;
    api.setDocumentMeta({ documentId: session.document.summary.id, [field]: draft }).then(
      (stored) => {
        setMeta(stored.meta);
        session.say({ kind: 'done', text: `${PROMPT[field].name.toLowerCase()}: ${shown(stored.meta[field]) || 'cleared'}` });
      },
      (error: Error) => session.say({ kind: 'refused', text: error.message }),
    );
  };

  return (
    <span className="outlet-line">
      {(['outlet', 'published'] as const).map((field) =>
        editing === field ? (
          <input
            key={field}
            className={`outlet-field outlet-${field}`}
            aria-label={PROMPT[field].name}
            placeholder={PROMPT[field].hint}
            dir="auto"
            autoFocus
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={() => setEditing(null)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') save(field);
              else if (event.key === 'Escape') setEditing(null);
              else return;
              event.preventDefault();
              event.stopPropagation();
            }}
          />
        ) : (
          <button
            key={field}
            className={`outlet-value outlet-${field}${shown(meta[field]) ? '' : ' is-empty'}`}
            title={`${PROMPT[field].name}: click to edit (${PROMPT[field].hint})`}
            aria-label={`${PROMPT[field].name}: ${shown(meta[field]) || 'none'}`}
            dir="auto"
            onClick={() => {
              setDraft(shown(meta[field]));
              setEditing(field);
            }}
          >
            {shown(meta[field]) || PROMPT[field].empty}
          </button>
        ),
      )}
    </span>
  );
}
