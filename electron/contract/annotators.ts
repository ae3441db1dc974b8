/** The layer that review decisions build: a layer like any other, but no one's own. */
export const GOLD = 'gold';

const MAX_ANNOTATOR_NAME = 200;

/** A name as the library keeps and compares it, or why it cannot be one. */
export type NameCheck = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly problem: string };

/**
 * What no name may hold, each kind with what it does. A control character (NUL, a line break)
 * has no place in a name; a bidi control (the set the editor shows as stand-ins) reorders the
 * Layer menu and the review around it; half of a surrogate pair is stored as U+FFFD, after which
 * the name no longer matches its own spans.
 */
const FORBIDDEN: readonly (readonly [RegExp, string])[] = [
  [/[\p{Cc}\u2028\u2029]/u, 'a control character'],
  [/[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/u, 'a bidi control'],
  [/\p{Cs}/u, 'half of a surrogate pair'],
];

/**
 * Whose a layer is (a person, or `gold`): trimmed and in NFC, so that a name typed with composed
 * or decomposed letters is the same name.
 */
export function layerName(raw: string): NameCheck {
  const trimmed = raw.trim();
  for (const [pattern, kind] of FORBIDDEN) {
    const found = pattern.exec(trimmed);
    if (found) {
      const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const at = Array.from(trimmed.slice(0, found.index)).length + 1;
      return { ok: false, problem: `an annotator name must not hold ${kind} (U+${code}, character ${at})` };
    }
  }
  const name = trimmed.normalize('NFC');
  if (name.length === 0) return { ok: false, problem: 'an annotator name must not be empty' };
  if (name.length > MAX_ANNOTATOR_NAME) return { ok: false, problem: `an annotator name is at most ${MAX_ANNOTATOR_NAME} characters` };
  return { ok: true, name };
}

/** A person's name: a layer's, but not `gold`, which is the reviewed layer's. */
export function personName(raw: string): NameCheck {
  const checked = layerName(raw);
  if (checked.ok && checked.name.toLowerCase() === GOLD) return { ok: false, problem: `"${GOLD}" is the reviewed layer's name, not a person's` };
  return checked;
}
