import { webLink } from '../../../electron/contract/web-link.ts';

/**
 * The article's source address (its `url` metadata), when it is a web address. It opens in a new
 * tab in web mode; in the desktop app main asks the analyst first, then opens the browser.
 */
export function SourceLink({ meta }: { meta: Readonly<Record<string, unknown>> }) {
  const link = typeof meta.url === 'string' ? webLink(meta.url) : null;
  if (link === null) return null;
  return (
    <a className="source-link" href={link.href} target="_blank" rel="noreferrer noopener" title={link.href} dir="ltr">
      {link.hostname}
    </a>
  );
}
