/**
 * The text encodings an import can be read in. The Unicode ones announce themselves with a byte
 * order mark (UTF-8 also without one); the two legacy Arabic code pages are guessed or named.
 */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1256', 'iso-8859-6'] as const;

export type Encoding = (typeof ENCODINGS)[number];

/**
 * The encoding a label means, by the WHATWG Encoding Standard's labels (the ones TextDecoder
 * knows), so that `cp1256`, `arabic` or `UTF8` are understood; undefined for any other encoding.
 */
export function encodingOf(label: string): Encoding | undefined {
  let name: string;
  try {
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
  return (ENCODINGS as readonly string[]).includes(name) ? (name as Encoding) : undefined;
}
