import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import type { LayerChoice } from '../document-session.ts';

const GOLD_VALUE = '\u0000gold';
const OWN_VALUE = '\u0000own';

/**
 * Which layer the editor shows: the analyst's own (the default), gold, or a colleague's (read
 * only). The option values cannot clash with a name: names never hold a NUL.
 */
export function LayerPicker({
  annotator,
  layer,
  onChange,
}: {
  annotator: string;
  layer: LayerChoice;
  onChange: (layer: LayerChoice) => void;
}) {
  const [colleagues, setColleagues] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    api.listAnnotators({}).then(
      (names) => live && setColleagues(names.filter((name) => name !== annotator)),
      () => live && setColleagues([]),
    );
    return () => {
      live = false;
    };
  }, [annotator]);

  const value = layer.kind === 'own' ? OWN_VALUE : layer.kind === 'gold' ? GOLD_VALUE : layer.name;
  return (
    <label className={`layer-picker layer-${layer.kind}`}>
      <span>Layer</span>
      <select
        aria-label="Layer"
        value={value}
        onChange={(event) => {
          const picked = event.target.value;
          onChange(picked === OWN_VALUE ? { kind: 'own' } : picked === GOLD_VALUE ? { kind: 'gold' } : { kind: 'colleague', name: picked });
          // The keys belong to the article again.
          event.target.blur();
        }}
      >
        <option value={OWN_VALUE}>Mine ({annotator})</option>
        <option value={GOLD_VALUE}>Gold (reviewed)</option>
        {colleagues.map((name) => (
          <option key={name} value={name}>
            {name} (read-only)
          </option>
        ))}
      </select>
    </label>
  );
}
