import { BadInput } from './bad-input.ts';
import type { Line } from './lines.ts';

export interface JsonRecord {
  readonly fields: Record<string, unknown>;
  readonly line: number;
  /** How far into the file the record ends (0 for a file read whole). */
  readonly bytesRead: number;
}

/** One JSON object per line (JSON Lines); blank lines are skipped. */
export function* jsonLines(lines: Iterable<Line>): Generator<JsonRecord, void, undefined> {
  for (const { text, number, bytesRead } of lines) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new BadInput(`not JSON: ${jsonProblem(error)}`, number);
    }
    yield { fields: asObject(value, number), line: number, bytesRead };
  }
}

/**
 * A .json file: one object, or an array of objects. Scrapers and older doccano exports also write
 * JSON Lines under this name, so a file that is not one JSON value but whose first line is an
 * object is read as JSON Lines.
 */
export function* jsonDocument(text: string): Generator<JsonRecord, void, undefined> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const lines = text.split('\n');
    if (lines.length > 1 && startsAnObject(lines.find((line) => line.trim() !== '') ?? '')) {
      yield* jsonLines(lines.map((line, i) => ({ text: line.replace(/\r$/, ''), number: i + 1, bytesRead: 0 })));
      return;
    }
    throw new BadInput(`not JSON: ${jsonProblem(error)}`, 1);
  }
  if (!Array.isArray(value)) {
    const line = firstLineOfValue(text);
    yield { fields: asObject(value, line), line, bytesRead: 0 };
    return;
  }
  const starts = elementLines(text);
  for (const [i, element] of value.entries()) {
    const line = starts[i] ?? 1;
    yield { fields: asObject(element, line), line, bytesRead: 0 };
  }
}

/** JSON.parse's complaint, with its position as a column: "line 1" would contradict the file's line. */
function jsonProblem(error: unknown): string {
  return (error as Error).message.replace(/ in JSON at position \d+ \(line \d+ column (\d+)\)/, ' at column $1');
}

function startsAnObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function asObject(value: unknown, line: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadInput('not a JSON object (expected {"text": …})', line);
  }
  return value as Record<string, unknown>;
}

function firstLineOfValue(text: string): number {
  const at = text.search(/\S/);
  return 1 + (text.slice(0, Math.max(at, 0)).match(/\n/g)?.length ?? 0);
}

/** The line each element of the top-level array starts on, so errors in an element can point at it. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n') line++;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (expectElement && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return lines;
}
