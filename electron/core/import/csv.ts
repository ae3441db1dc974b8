import { BadInput } from './bad-input.ts';
import type { Line } from './lines.ts';

export interface CsvRecord {
  readonly fields: string[];
  /** The line the record starts on (a quoted field may run over several). */
  readonly line: number;
  /** How far into the file the record ends. */
  readonly bytesRead: number;
}

/**
 * The records of a CSV file (RFC 4180): fields separated by commas, a field in double quotes may
 * hold commas, line ends and doubled quotes (""). Fed line by line, so a file of any size streams.
 * A line end inside a quoted field comes out as LF, as the import would store it anyway. Blank
 * lines between records are skipped. Anything RFC 4180 does not allow is refused at its line.
 */
export function* csvRecords(lines: Iterable<Line>): Generator<CsvRecord, void, undefined> {
  let fields: string[] = [];
  let field = ''; // the current field so far
  let quoted = false; // inside a quoted field, carried over line ends
  let start = 0; // the line the current record started on
  for (const { text, number, bytesRead } of lines) {
    if (!quoted) {
      if (text === '') continue;
      start = number;
    } else {
      field += '\n';
    }
    let i = 0;
    for (;;) {
      if (quoted) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          field += text.slice(i);
          break; // the field goes on on the next line
        }
        field += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
          continue;
        }
        quoted = false;
        i = quote + 1;
        if (i < text.length && text[i] !== ',') {
          throw new BadInput(`CSV: "${text[i]}" after a closing quote (a field that starts with " must end with ")`, number);
        }
      } else if (text[i] === '"' && field === '') {
        quoted = true;
        i++;
        continue;
      } else {
        const comma = text.indexOf(',', i);
        const end = comma === -1 ? text.length : comma;
        const piece = text.slice(i, end);
        if (piece.includes('"')) {
          throw new BadInput('CSV: a quote inside a field that does not start with one (write it as "" in a quoted field)', number);
        }
        field += piece;
        i = end;
      }
      if (i >= text.length) {
        fields.push(field);
        yield { fields, line: start, bytesRead };
        fields = [];
        field = '';
        break;
      }
      // At a comma: the field ends, the next one starts after it.
      fields.push(field);
      field = '';
      i++;
      if (i === text.length) {
        fields.push('');
        yield { fields, line: start, bytesRead };
        fields = [];
        break;
      }
    }
  }
  if (quoted) throw new BadInput('CSV: a quoted field is not closed by the end of the file', start);
}
