/**
 * Links out of the app (an article's source address) open in the analyst's browser, never in our
 * window, and only after the analyst has seen the whole address and said yes: a scraped article
 * chooses its own URL.
 */
import type { MessageBoxOptions } from 'electron';
import { webLink } from '../contract/web-link.ts';

export interface LinkOpener {
  /** Resolves with the index of the button pressed. */
  ask(options: MessageBoxOptions): Promise<{ response: number }>;
  open(url: string): Promise<void>;
}

/** Asks first, then opens; false when the link was refused or the analyst said no. */
export async function openExternalLink(url: string, opener: LinkOpener): Promise<boolean> {
  const link = webLink(url);
  if (link === null) return false;
  const { response } = await opener.ask({
    type: 'question',
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    title: 'Open link',
    message: 'Open this address in your browser?',
    // href: the host in punycode, so a look-alike of a known site shows as what it is.
    detail: link.href,
    noLink: true,
  });
  if (response !== 1) return false;
  await opener.open(link.href);
  return true;
}
