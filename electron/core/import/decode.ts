/**
 * Bytes to text: which encoding a file is in, and decoding that points at the line of a bad byte.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Encoding } from '../../contract/encodings.ts';
import { BadInput } from './bad-input.ts';

const BOMS: readonly { readonly bytes: readonly number[]; readonly encoding: Encoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

const NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1256': 'windows-1256',
  'iso-8859-6': 'ISO-8859-6',
};

/** Tried in this order when a file is not UTF-8; on a tie the first wins (the more common one). */
const LEGACY: readonly Encoding[] = ['windows-1256', 'iso-8859-6'];

/**
 * A legacy guess is taken only if at least this share of the non-ASCII characters it gives are
 * Arabic (a binary file decoded as windows-1256 gives far fewer), and if most of the letters are
 * Arabic: "café" in Latin-1 reads as "cafى" in ISO-8859-6, all of one non-ASCII letter Arabic.
 */
const ARABIC_SHARE = 0.75;

// ignoreBOM: the byte order mark is skipped by byte count (bomLength), the same for every encoding.
const decoders = new Map<Encoding, TextDecoder>();
function decoderFor(encoding: Encoding): TextDecoder {
  let decoder = decoders.get(encoding);
  if (!decoder) decoders.set(encoding, (decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })));
  return decoder;
}

function bomOf(bytes: Uint8Array): (typeof BOMS)[number] | undefined {
  return BOMS.find((bom) => bom.bytes.every((byte, i) => bytes[i] === byte));
}

/** How many bytes at the start of `bytes` are the byte order mark of `encoding`. */
export function bomLength(bytes: Uint8Array, encoding: Encoding): number {
  const bom = bomOf(bytes);
  return bom?.encoding === encoding ? bom.bytes.length : 0;
}

/** Bytes per code unit: where a line end may fall, and how it is spelt. */
export function unitOf(encoding: Encoding): 1 | 2 {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
}

/**
 * The encoding of a file whose first bytes are `sample` (`whole`: the sample is the whole file).
 * A byte order mark decides, even over the encoding the analyst named: a BOM is never legacy text.
 * Then the named encoding; then UTF-8 if the bytes are valid UTF-8; then the legacy Arabic code
 * page whose reading is most Arabic. Anything else is refused as not text.
 */
export function detectEncoding(sample: Uint8Array, named: Encoding | undefined, whole: boolean): Encoding {
  const bom = bomOf(sample);
  if (bom) return bom.encoding;
  if (named) return named;
  const nul = sample.indexOf(0);
  if (nul !== -1) throw new BadInput(`not text: a NUL byte at byte ${nul}`, lineAt(sample, nul, 'utf-8'));
  const invalid = invalidUtf8At(sample, whole);
  if (invalid === -1) return 'utf-8';
  if (mostlyUtf8(sample)) throw new BadInput(`not valid UTF-8 (byte ${invalid})`, lineAt(sample, invalid, 'utf-8'));
  let best: { encoding: Encoding; share: number } | undefined;
  for (const encoding of LEGACY) {
    const share = arabicShare(sample, encoding);
    if (share >= ARABIC_SHARE && share > (best?.share ?? 0)) best = { encoding, share };
  }
  if (best) return best.encoding;
  throw new BadInput(
    `not valid UTF-8 (byte ${invalid}), nor Arabic text in windows-1256 or ISO-8859-6`,
    lineAt(sample, invalid, 'utf-8'),
  );
}

/**
 * The share of non-ASCII characters that are Arabic (or its punctuation) when read as `encoding`;
 * 0 if the bytes are not valid in it or most letters are not Arabic.
 */
function arabicShare(bytes: Uint8Array, encoding: Encoding): number {
  let text: string;
  try {
    text = decoderFor(encoding).decode(bytes);
  } catch {
    return 0; // a byte this code page does not define
  }
  let arabic = 0;
  let other = 0;
  let arabicLetters = 0;
  let otherLetters = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const letter = /\p{L}/u.test(char);
    // The Arabic block, the joiners and direction marks, guillemets and the no-break space.
    if ((code >= 0x600 && code <= 0x6ff) || (code >= 0x200c && code <= 0x200f) || [0xa0, 0xab, 0xbb].includes(code)) {
      arabic++;
      if (letter) arabicLetters++;
    } else {
      if (code >= 0x80) other++;
      if (letter) otherLetters++;
    }
  }
  if (arabic === 0 || arabicLetters < otherLetters) return 0;
  return arabic / (arabic + other);
}

/** Where in the file a decoded stretch starts: its line and its byte offset. */
export interface Origin {
  readonly line: number;
  readonly byte: number;
}

/**
 * Decodes `bytes` (no byte order mark) that start at `origin`. A byte invalid in the encoding, or
 * a NUL character (a binary file), is refused with its line and byte offset.
 */
export function decode(bytes: Uint8Array, encoding: Encoding, origin: Origin): string {
  let text: string;
  try {
    text = (encoding === 'utf-8' ? utf8Text(bytes) : undefined) ?? decoderFor(encoding).decode(bytes);
  } catch {
    const at = invalidAt(bytes, encoding);
    throw new BadInput(
      `not valid ${NAMES[encoding]} (byte ${origin.byte + at})`,
      origin.line + newlinesBefore(bytes, at, encoding),
    );
  }
  // A NUL is a NUL byte but in UTF-16, and memchr over the bytes beats a scan of the string.
  const nul = unitOf(encoding) === 2 || bytes.indexOf(0) !== -1 ? text.indexOf('\0') : -1;
  if (nul !== -1) {
    const line = origin.line + (text.slice(0, nul).match(/\n/g)?.length ?? 0);
    throw new BadInput('not text: a NUL character', line);
  }
  return text;
}

/**
 * Valid UTF-8 as text, the fast way: checked and converted by Node's SIMD routines, ten times
 * TextDecoder's speed on Arabic, which is most of a big import's reading. Undefined if the bytes
 * are not valid UTF-8: TextDecoder then refuses them, and invalidAt says where.
 */
function utf8Text(bytes: Uint8Array): string | undefined {
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!isUtf8(bytes)) return undefined;
  return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
}

export function encodingName(encoding: Encoding): string {
  return NAMES[encoding];
}

function lineAt(bytes: Uint8Array, at: number, encoding: Encoding): number {
  return 1 + newlinesBefore(bytes, at, encoding);
}

/** Line ends before byte `at`: LF is one byte in UTF-8 and the code pages, one aligned unit in UTF-16. */
function newlinesBefore(bytes: Uint8Array, at: number, encoding: Encoding): number {
  let count = 0;
  for (let i = findNewline(bytes, 0, encoding); i !== -1 && i < at; i = findNewline(bytes, i + 1, encoding)) count++;
  return count;
}

/** The offset of the next line end at or after `from` (the LF byte, or the start of the LF unit). */
export function findNewline(bytes: Uint8Array, from: number, encoding: Encoding): number {
  if (unitOf(encoding) === 1) return bytes.indexOf(0x0a, from);
  const high = encoding === 'utf-16le' ? 1 : 0; // which byte of the unit is 0x00
  for (let i = bytes.indexOf(0x0a, from); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    const start = i - (1 - high);
    if (start >= from && start % 2 === 0 && bytes[start + high] === 0) return start;
  }
  return -1;
}

/** The offset of the last line end at or after `from`, or -1. */
export function lastNewline(bytes: Uint8Array, from: number, encoding: Encoding): number {
  if (unitOf(encoding) === 1) {
    const at = bytes.lastIndexOf(0x0a);
    return at >= from ? at : -1;
  }
  const high = encoding === 'utf-16le' ? 1 : 0;
  for (let i = bytes.lastIndexOf(0x0a); i >= from; i = i === 0 ? -1 : bytes.lastIndexOf(0x0a, i - 1)) {
    const start = i - (1 - high);
    if (start >= from && start % 2 === 0 && bytes[start + high] === 0) return start;
  }
  return -1;
}

/** The offset of the first byte `encoding` cannot decode (only called once decoding has failed). */
function invalidAt(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8') return Math.max(0, invalidUtf8At(bytes, true));
  if (unitOf(encoding) === 2) return invalidUtf16At(bytes, encoding === 'utf-16le');
  const decoder = decoderFor(encoding);
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1));
    } catch {
      return i;
    }
  }
  return 0;
}

/**
 * The length of the well-formed UTF-8 sequence at `i` (the Unicode definition: no overlong forms,
 * surrogates or code points past U+10FFFF), 0 if it is not one, or -1 if the bytes end inside it.
 */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0) return 0;
  // The second byte's range is narrower after these leads; that is what rules out the bad forms.
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined) return -1;
    if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

/**
 * The offset of the first byte that is not well-formed UTF-8, or -1. A sequence cut off by the
 * end of the bytes is invalid only if they are the `whole` file.
 */
export function invalidUtf8At(bytes: Uint8Array, whole: boolean): number {
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 0 || (length === -1 && whole)) return i;
    if (length === -1) return -1;
    i += length;
  }
  return -1;
}

/**
 * Whether bytes that are not valid UTF-8 still read mostly as UTF-8: at least as many well-formed
 * multi-byte sequences as bad bytes. Then the file is UTF-8 with damage, not a legacy code page:
 * Arabic in windows-1256 or ISO-8859-6 is letter bytes in a row, which almost never form one.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceAt(bytes, i);
    if (length === -1) break;
    if (length === 0) bad++;
    else if (length > 1) good++;
    i += Math.max(length, 1);
  }
  return good >= bad;
}

function invalidUtf16At(bytes: Uint8Array, littleEndian: boolean): number {
  const unit = (i: number) => (littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= bytes.length) return i;
      const next = unit(i + 2);
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    }
  }
  return bytes.length - (bytes.length % 2 === 1 ? 1 : 0);
}
