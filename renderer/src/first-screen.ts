import type { DocumentSummary, OpenedDocument, Session } from '../../electron/contract/contract.ts';
import { api } from './api.ts';
import { layersOf, OWN_LAYER } from './session.ts';

/**
 * The first screen's three requests, sent together as the page loads rather than one after the
 * other (three round trips were most of the wait before the text showed): who is annotating, the
 * library, and the document the address names. The app uses the list and the document only if the
 * session was already confirmed; otherwise it asks for a name first and reads them again.
 */
export interface FirstScreen {
  readonly session: Promise<Session>;
  readonly documents: Promise<DocumentSummary[]>;
  /** The document of the #/doc/ID address in the annotator's own layer, when there is one. */
  readonly opened: { readonly id: string; readonly document: Promise<OpenedDocument> } | null;
}

export function documentFromHash(): string | null {
  const match = /^#\/doc\/(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

function firstScreen(): FirstScreen {
  const id = documentFromHash();
  const documents = api.listDocuments({});
  const opened = id === null ? null : { id, document: api.openDocument({ id, ...layersOf(OWN_LAYER) }) };
  // Not used when the session is not confirmed yet, or the address names no document: no
  // unhandled rejection then; the app reports what it uses.
  documents.catch(() => undefined);
  opened?.document.catch(() => undefined);
  return { session: api.session({}), documents, opened };
}

/** Taken once, by the app's first render. */
let pending: FirstScreen | null = firstScreen();

export function takeFirstScreen(): FirstScreen | null {
  const taken = pending;
  pending = null;
  return taken;
}
