import { FIRST_SCREEN_ID, type EmbeddedFirstScreen } from '../../electron/contract/first-screen.ts';

/** Read once: the page's first paint (first-paint.ts) and the app (first-screen.ts) both use it. */
let read: EmbeddedFirstScreen | null | undefined;

/** The answers the page came with in web mode (contract/first-screen.ts), taken out of the page; null without them. */
export function embeddedFirstScreen(): EmbeddedFirstScreen | null {
  if (read === undefined) {
    const block = document.getElementById(FIRST_SCREEN_ID);
    block?.remove();
    read = block ? (JSON.parse(block.textContent!) as EmbeddedFirstScreen) : null;
  }
  return read;
}

export function documentFromHash(): string | null {
  const match = /^#\/doc\/(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}
