import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Encoding } from '../../contract/encodings.ts';
import { BadInput } from './bad-input.ts';
import { bomLength, decode, detectEncoding, lastNewline, unitOf } from './decode.ts';

export interface Line {
  /** The line without its line end (LF or CRLF). */
  readonly text: string;
  /** 1-based. */
  readonly number: number;
  /** Bytes of the file read by the time this line is: progress through a big file. */
  readonly bytesRead: number;
}

export interface DecodedFile {
  readonly encoding: Encoding;
  /** The lines, read as they are asked for. */
  readonly lines: Iterable<Line>;
}

/** Read size. Even, so that a UTF-16 code unit never straddles two reads. */
const CHUNK = 1 << 16;

/** A whole small file as text (a .txt article, a .json document): the encoding is judged on all of it. */
export function readText(file: string, named: Encoding | undefined): { text: string; encoding: Encoding } {
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new BadInput('the file is empty', 1);
  const encoding = detectEncoding(bytes, named, true);
  const bom = bomLength(bytes, encoding);
  return { text: decode(bytes.subarray(bom), encoding, { line: 1, byte: bom }), encoding };
}

/**
 * A file of records, one per line (JSONL, CSV), read a chunk at a time so that memory stays flat
 * however big the file is. The encoding is judged on the first chunk; a bad byte further on is
 * reported at its line.
 */
export function openLines(file: string, named: Encoding | undefined): DecodedFile {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).size === 0) throw new BadInput('the file is empty', 1);
    const first = readChunk(fd);
    const encoding = detectEncoding(first, named, first.length < CHUNK);
    return { encoding, lines: linesOf(fd, first, encoding) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Yields the lines of `fd`, whose first chunk was already read; closes `fd` when done or abandoned. */
function* linesOf(fd: number, first: Buffer, encoding: Encoding): Generator<Line, void, undefined> {
  try {
    const unit = unitOf(encoding);
    let chunk = first;
    let chunkStart = 0; // file offset of `chunk`
    let position = bomLength(first, encoding);
    let pending: Buffer[] = []; // bytes of the unfinished line, from earlier chunks
    let blockStart = position; // file offset of the first byte not yet decoded
    let number = 1;
    for (;;) {
      const last = lastNewline(chunk, position, encoding);
      if (last !== -1) {
        // The chunk's complete lines are decoded in one call, not one a line: a bad byte is still
        // reported at its own line, which decode counts from the block's start.
        const text = decode(joined(pending, chunk.subarray(position, last)), encoding, { line: number, byte: blockStart });
        pending = [];
        const bytesRead = chunkStart + last + unit;
        for (const line of text.split('\n')) yield { text: withoutCr(line), number: number++, bytesRead };
        position = last + unit;
        blockStart = chunkStart + position;
      }
      if (position < chunk.length) pending.push(chunk.subarray(position));
      chunkStart += chunk.length;
      chunk = readChunk(fd);
      position = 0;
      if (chunk.length === 0) break;
    }
    if (pending.length > 0) {
      const text = decode(joined(pending, Buffer.alloc(0)), encoding, { line: number, byte: blockStart });
      yield { text: withoutCr(text), number, bytesRead: chunkStart };
    }
  } finally {
    closeSync(fd);
  }
}

/** The next CHUNK bytes (fewer only at the end of the file), in a buffer of their own. */
function readChunk(fd: number): Buffer {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let filled = 0;
  while (filled < CHUNK) {
    const read = readSync(fd, buffer, filled, CHUNK - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

function joined(pending: Buffer[], last: Buffer): Buffer {
  return pending.length === 0 ? last : Buffer.concat([...pending, last]);
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
