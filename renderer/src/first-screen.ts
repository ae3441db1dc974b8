import type { LibraryPage, OpenedDocument, CurrentAnnotator } from '../../electron/contract/contract.ts';
import { LIBRARY_PAGE_SIZE } from '../../electron/contract/first-screen.ts';
import { api } from './api.ts';
import { documentFromHash, embeddedFirstScreen } from './first-screen-block.ts';
import { layersOf, OWN_LAYER } from './document-session.ts';

/**
 * The first screen's answers. In web mode the page carries them (contract/first-screen.ts), and
 * nothing is asked unless the address names another document than the one embedded. Otherwise
 * (the desktop window, or an annotator not confirmed yet) the first screen's three requests, sent
 * together as the page loads rather than one after the other (three round trips were most of the
 * wait before the text showed): who is annotating, the library, and the document the address names. The app uses the list and the document only if the
 * session was already confirmed; otherwise it asks for a name first and reads them again.
 */
export interface FirstScreen {
  readonly session: Promise<CurrentAnnotator>;
  /** The page of the library's list that holds the document the app opens first. */
  readonly documents: Promise<LibraryPage>;
  /** The document of the #/doc/ID address in the annotator's own layer, when there is one. */
  readonly opened: { readonly id: string; readonly document: Promise<OpenedDocument> } | null;
}

/**
 * The first page of the library's list, or the page holding document `id` (the address's): the
 * one given if it is that page, else asked for. Either way its first row is the document to open
 * when `id` is in no page (the list's first).
 */
export function libraryFirstPage(id: string | null, given?: LibraryPage): Promise<LibraryPage> {
  const fits = given && (id === null ? given.offset === 0 : given.documents.some((d) => d.id === id));
  if (fits) return Promise.resolve(given);
  return api.libraryPage({ query: '', from: id === null ? { offset: 0 } : { around: id }, limit: LIBRARY_PAGE_SIZE });
}

function openOwn(id: string): Promise<OpenedDocument> {
  const document = api.openDocument({ id, ...layersOf(OWN_LAYER) });
  document.catch(() => undefined);
  return document;
}

function firstScreen(): FirstScreen {
  const given = embeddedFirstScreen({ take: true });
  if (given?.documents) {
    // The document the app will open: the address's, else the library's first (App.tsx decides so).
    const wanted = documentFromHash();
    const id = wanted ?? (given.documents.offset === 0 ? given.documents.documents[0]?.id : undefined);
    const opened =
      id === undefined ? null : { id, document: given.opened?.id === id ? Promise.resolve(given.opened.document) : openOwn(id) };
    return { session: Promise.resolve(given.session), documents: libraryFirstPage(wanted, given.documents), opened };
  }
  const id = documentFromHash();
  const documents = libraryFirstPage(id);
  const opened = id === null ? null : { id, document: openOwn(id) };
  // Not used when the session is not confirmed yet, or the address names no document: no
  // unhandled rejection then; the app reports what it uses.
  documents.catch(() => undefined);
  return { session: api.session({}), documents, opened };
}

/** Taken once, by the app's first render. */
let pending: FirstScreen | null = firstScreen();

export function takeFirstScreen(): FirstScreen | null {
  const taken = pending;
  pending = null;
  return taken;
}
