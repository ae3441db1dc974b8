/** The layer that review decisions build: a layer like any other, but no one's own. */
export const GOLD = 'gold';

export const MAX_ANNOTATOR_NAME = 200;

/** Why `name` (already trimmed) cannot be a person's name in the library, or undefined if it can. */
export function annotatorNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'an annotator name must not be empty';
  if (name.length > MAX_ANNOTATOR_NAME) return `an annotator name is at most ${MAX_ANNOTATOR_NAME} characters`;
  if (name.toLowerCase() === GOLD) return `"${GOLD}" is the reviewed layer's name, not a person's`;
  return undefined;
}
