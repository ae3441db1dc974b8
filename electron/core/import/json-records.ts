import { BadInput } from './bad-input.ts';
import type { Line } from './lines.ts';

export interface JsonRecord {
  readonly fields: Record<string, unknown>;
  readonly line: number;
  /** How far into the file the record ends, for progress. */
  readonly bytesRead: number;
}

/** One JSON object per line (JSON Lines); blank lines are skipped. */
export function* jsonLines(lines: Iterable<Line>): Generator<JsonRecord, void, undefined> {
  for (const { text, number, bytesRead } of lines) {
    if (text.trim() === '') continue;
    yield record({ kind: 'value', text, line: number, column: 1, bytesRead });
  }
}

/**
 * A .json file, read a line at a time as JSON Lines are: a list of objects (each parsed on its
 * own, so that a big list never sits in memory whole), one object, or JSON Lines under this name
 * (scrapers and older doccano exports write them). A record that is not JSON is refused at the
 * line and column where it goes wrong.
 */
export function* jsonFileRecords(lines: Iterable<Line>): Generator<JsonRecord, void, undefined> {
  const found = pieces(lines);
  let next = found.next();
  if (next.done) throw new BadInput('not JSON: the file holds only white space', 1);
  if (next.value.kind !== '[') {
    // One value, or one a line: each is a record.
    for (; !next.done; next = found.next()) yield record(next.value as ValueText);
    return;
  }
  const opened = next.value.line;
  let expect: 'first' | 'value' | 'comma' = 'first';
  for (next = found.next(); !next.done; next = found.next()) {
    const piece = next.value;
    if (piece.kind === 'value') {
      if (expect === 'comma') throw new BadInput(`not JSON: a comma is missing before column ${piece.column}`, piece.line);
      yield record(piece);
      expect = 'comma';
    } else if (piece.kind === ',' && expect === 'comma') {
      expect = 'value';
    } else if (piece.kind === ']' && expect !== 'value') {
      const after = found.next();
      if (!after.done) throw new BadInput(`not JSON: something follows the list at column ${after.value.column}`, after.value.line);
      return;
    } else {
      throw new BadInput(`not JSON: unexpected "${piece.kind}" at column ${piece.column}`, piece.line);
    }
  }
  throw new BadInput(`not JSON: the list opened on line ${opened} is never closed`, opened);
}

/** Where a piece of a .json file starts: its line, and its column (1-based, in UTF-16 units). */
interface At {
  readonly line: number;
  readonly column: number;
}

/** A top-level value's text, not parsed yet. */
interface ValueText extends At {
  readonly kind: 'value';
  readonly text: string;
  readonly bytesRead: number;
}

/** The brackets and commas of a top-level list, and the values between them. */
type Piece = ValueText | (At & { readonly kind: '[' | ']' | ',' });

const SPACE = /\s/;
const STRING_STOP = /["\\]/g;
/** What ends a number, true, false or null. */
const SCALAR_END = /[\s,[\]{}:"]/;

/**
 * Splits a file into its top-level values, and the brackets and commas of a list that holds
 * them. Only where each value ends is worked out here (strings, escapes, nesting): JSON.parse
 * checks each one.
 */
function* pieces(lines: Iterable<Line>): Generator<Piece, void, undefined> {
  let list: boolean | undefined; // whether the file is a list: known at its first character
  let value: (At & { parts: string[]; from: number }) | null = null; // the value being read
  let depth = 0;
  let inString = false;
  let scalar = false;
  let lastLine = 1;
  for (const line of lines) {
    const { text, number } = line;
    lastLine = number;
    if (value) value.from = 0;
    const end = (to: number): ValueText => {
      const { parts, from, ...at } = value!;
      parts.push(text.slice(from, to));
      value = null;
      scalar = false;
      return { kind: 'value', text: parts.join('\n'), ...at, bytesRead: line.bytesRead };
    };
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (value) {
        if (inString) {
          // Straight to the next quote or backslash: most of a record is the text of its article.
          STRING_STOP.lastIndex = i;
          const stop = STRING_STOP.exec(text);
          if (stop === null) break;
          i = stop.index;
          if (text[i] === '\\') i++; // the escaped character, whatever it is
          else {
            inString = false;
            if (depth === 0) yield end(i + 1);
          }
        } else if (scalar) {
          if (SCALAR_END.test(char)) {
            yield end(i);
            i--; // the character that ended it is read again, outside
          }
        } else if (char === '"') inString = true;
        else if (char === '{' || char === '[') depth++;
        else if ((char === '}' || char === ']') && --depth === 0) yield end(i + 1);
        continue;
      }
      if (SPACE.test(char)) continue;
      const at = { line: number, column: i + 1 };
      if (list === undefined) {
        list = char === '[';
        if (list) {
          yield { kind: '[', ...at };
          continue;
        }
      }
      if (list && (char === ',' || char === ']')) {
        yield { kind: char, ...at };
        continue;
      }
      value = { ...at, parts: [], from: i };
      if (char === '"') inString = true;
      else if (char === '{' || char === '[') depth = 1;
      else scalar = true;
    }
    if (value && scalar) yield end(text.length);
    else if (value) value.parts.push(text.slice(value.from));
  }
  if (value) {
    const { line } = value as At;
    throw new BadInput(`not JSON: the record that starts here never ends (the file ends on line ${lastLine})`, line);
  }
}

function record({ text, line, column, bytesRead }: ValueText): JsonRecord {
  return { fields: asObject(parseAt(text, { line, column }), line), line, bytesRead };
}

/**
 * Parses the value at `at`, or refuses it at the line and column of the file where JSON.parse
 * found it wrong (its own position counts from the start of the value).
 */
function parseAt(text: string, at: At): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const where = / in JSON at position \d+ \(line (\d+) column (\d+)\)/.exec(message);
    if (!where) throw new BadInput(`not JSON: ${message}`, at.line);
    const line = Number(where[1]);
    const column = line === 1 ? at.column + Number(where[2]) - 1 : Number(where[2]);
    throw new BadInput(`not JSON: ${message.slice(0, where.index)} at column ${column}`, at.line + line - 1);
  }
}

function asObject(value: unknown, line: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadInput('not a JSON object (expected {"text": …})', line);
  }
  return value as Record<string, unknown>;
}
