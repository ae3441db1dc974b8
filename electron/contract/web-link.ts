/**
 * Whether an address may leave the app as a link: http(s) only, never javascript:, file:, data:
 * or our own app:. Shared by the window (which shows a source link) and main (which opens it).
 */
export function webLink(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
}
