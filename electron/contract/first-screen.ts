import type { LibraryPage, OpenedDocument, CurrentAnnotator } from './contract.ts';

/** The rows of the library's list the app reads at a time (the first screen's among them). */
export const LIBRARY_PAGE_SIZE = 100;

/**
 * In web mode, the app's HTML carries the first screen's answers in
 * `<script type="application/json" id="first-screen">` (server/first-screen.ts writes it), so the
 * page paints its first document without a round trip. The library and the document only once the
 * annotator is confirmed: before that the page asks for a name and reads them after.
 */
export type EmbeddedFirstScreen =
  | { readonly session: CurrentAnnotator & { readonly confirmed: false }; readonly documents: null; readonly opened: null }
  | {
      readonly session: CurrentAnnotator & { readonly confirmed: true };
      /** The first page of the library's list, or the page around the document opened. */
      readonly documents: LibraryPage;
      /** The library's first document, or the one this server's page last opened; null in an empty library. */
      readonly opened: { readonly id: string; readonly document: OpenedDocument } | null;
    };

export const FIRST_SCREEN_ID = 'first-screen';
