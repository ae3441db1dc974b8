/**
 * File names for names chosen elsewhere (document ids, annotator names), for exports that write a
 * file per document. Distinct names stay distinct: characters a file system refuses are
 * percent-encoded (and so is "%" itself), and a name too long for a file system is cut and given a
 * hash of the whole.
 */
import { createHash } from 'node:crypto';

const UNSAFE = /[%/\\:*?"<>|\p{Cc}]|^\./gu;
/** Most file systems allow 255 bytes; room is left for an extension. */
const MAX_BYTES = 240;

/** `name` with each character `unsafe` matches (a global pattern) written as its UTF-8 bytes, %XX each. */
export function percentEncoded(name: string, unsafe: RegExp): string {
  return name.replace(unsafe, (c) =>
    [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

export function fileNameOf(name: string): string {
  const safe = percentEncoded(name, UNSAFE);
  if (Buffer.byteLength(safe) <= MAX_BYTES) return safe;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
  let cut = '';
  for (const char of safe) {
    if (Buffer.byteLength(cut + char) > MAX_BYTES - hash.length - 1) break;
    cut += char;
  }
  return `${cut}~${hash}`;
}
