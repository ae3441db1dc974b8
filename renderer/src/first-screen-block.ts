import { FIRST_SCREEN_ID, type EmbeddedFirstScreen } from '../../electron/contract/first-screen.ts';

/**
 * The answers the page came with in web mode (contract/first-screen.ts); null without them. The
 * page's first paint (first-paint.ts) reads them and leaves them: it is a bundle of its own, inlined
 * in the page (vite.config.ts), so the app reads them again and takes them out of the page.
 */
export function embeddedFirstScreen({ take }: { take: boolean }): EmbeddedFirstScreen | null {
  const block = document.getElementById(FIRST_SCREEN_ID);
  if (take) block?.remove();
  return block ? (JSON.parse(block.textContent!) as EmbeddedFirstScreen) : null;
}

export function documentFromHash(): string | null {
  const match = /^#\/doc\/(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}
