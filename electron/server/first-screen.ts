import { dispatch, type Handlers } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import type { LibraryPage, OpenedDocument, CurrentAnnotator } from '../contract/contract.ts';
import { FIRST_SCREEN_ID, LIBRARY_PAGE_SIZE, type EmbeddedFirstScreen } from '../contract/first-screen.ts';

/**
 * The first screen's answers (session, library, the document the page will open) written into the
 * app's HTML, so that the page paints without a round trip. The address's #/doc/ID never reaches
 * the server: the document embedded is the one this server's page last opened in the annotator's
 * own layer (a reload, or the app reopened on it), else the library's first, which is what the app
 * opens without an address. The page checks it against its address and asks for another itself.
 */
export class FirstScreen {
  private readonly handlers: Handlers;
  private lastOpened: string | null = null;

  constructor(handlers: Handlers) {
    this.handlers = handlers;
  }

  /** Notes a document the page opened through the contract (only its own layer is embedded). */
  opened(input: unknown): void {
    const { id, layers } = (input ?? {}) as { id?: unknown; layers?: unknown };
    if (typeof id === 'string' && layers === undefined) this.lastOpened = id;
  }

  /** The app's HTML with the answers in a JSON block; unchanged when the library cannot answer now. */
  embed(html: string): string {
    let answers: EmbeddedFirstScreen;
    try {
      answers = this.answers();
    } catch (error) {
      // Busy or unreadable: the page asks through the contract and reports what it gets.
      if (error instanceof HamishError) return html;
      throw error;
    }
    // Not run (the policy allows no inline script), only parsed: `<` escaped so that no "</script>"
    // or "<!--" in an article can end the block, and U+2028/9 for readers that take them as line ends.
    const json = JSON.stringify(answers).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    return html.replace('</body>', `<script type="application/json" id="${FIRST_SCREEN_ID}">${json}</script></body>`);
  }

  private answers(): EmbeddedFirstScreen {
    const session = dispatch(this.handlers, 'session', {}) as CurrentAnnotator;
    // Until the annotator is confirmed the page asks for a name and reads the library again.
    if (!session.confirmed) return { session: { ...session, confirmed: false }, documents: null, opened: null };
    // Only the page the list shows first: a library of 100,000 is not sent whole.
    const from = this.lastOpened === null ? { offset: 0 } : { around: this.lastOpened };
    const documents = dispatch(this.handlers, 'libraryPage', { query: '', from, limit: LIBRARY_PAGE_SIZE }) as LibraryPage;
    // Not found, the page is the list's first (libraryPage's rule).
    const id = documents.documents.find((d) => d.id === this.lastOpened)?.id ?? documents.documents[0]?.id;
    const opened = id === undefined ? null : { id, document: dispatch(this.handlers, 'openDocument', { id }) as OpenedDocument };
    return { session: { ...session, confirmed: true }, documents, opened };
  }
}
