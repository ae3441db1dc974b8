/**
 * The files of many records, one a line or so (JSON Lines, JSON, CSV), as articles: read a
 * chunk at a time, each record checked as it is read. Kept apart from the other kinds of file so
 * that a reader thread (read-ahead-worker.ts) loads only what these need.
 */
import { basename, extname } from 'node:path';
import { articleOf, type RecordOrigin } from './article.ts';
import { atRecord, BadInput } from './bad-input.ts';
import { csvRecords, type CsvRecord } from './csv.ts';
import { jsonFileRecords, jsonLines, type JsonRecord } from './json-records.ts';
import { openLines } from './lines.ts';
import type { FileArticle, OpenedFile, ReadOptions } from './sources.ts';

/** The kinds of file this reads. */
export const RECORD_EXTENSIONS: readonly string[] = ['.jsonl', '.json', '.csv'];

/** The articles of a JSON Lines, JSON or CSV file (by its extension). */
export function openRecords(file: string, options: ReadOptions): OpenedFile {
  const extension = extname(file).toLowerCase();
  const fileName = basename(file);
  const stem = basename(file, extname(file));
  const origin: Origin = (line, withSpans) => ({ stem, fileName, line, withSpans });
  const { encoding, lines } = openLines(file, options.encoding);
  if (extension === '.json') return { encoding, articles: jsonArticles(jsonFileRecords(lines), origin) };
  if (extension === '.jsonl') return { encoding, articles: jsonArticles(jsonLines(lines), origin) };
  return { encoding, articles: csvArticles(csvRecords(lines), options.textColumn, origin) };
}

type Origin = (line: number, withSpans: boolean) => RecordOrigin;

function* jsonArticles(records: Iterable<JsonRecord>, origin: Origin): Generator<FileArticle, void, undefined> {
  let first = true;
  for (const { fields, line, bytesRead } of records) {
    // `hamish export --manifest` starts its file with what the export holds: no article.
    const manifest = first && isOwnManifest(fields);
    first = false;
    if (!manifest) yield { article: atRecord({ line }, () => articleOf(fields, origin(line, true))), line, bytesRead };
  }
}

/** The first line of a JSONL export's, or the manifest.json of a folder export (no article). */
function isOwnManifest(fields: Record<string, unknown>): boolean {
  const { manifest, ...rest } = fields;
  if (fields.tool === 'hamish' && !('text' in fields)) return true;
  return Object.keys(rest).length === 0 && typeof manifest === 'object' && manifest !== null && (manifest as { tool?: unknown }).tool === 'hamish';
}

/** A CSV file: the header names the columns; the text column is the article, the others metadata. */
function* csvArticles(
  rows: Iterator<CsvRecord>,
  textColumn: string | undefined,
  origin: Origin,
): Generator<FileArticle, void, undefined> {
  const header = rows.next();
  if (header.done) throw new BadInput('the file is empty', 1);
  const columns = header.value.fields;
  const wanted = textColumn ?? 'text';
  const textAt = columnIndex(columns, wanted);
  if (textAt === -1) {
    throw new BadInput(
      `no column "${wanted}"${textColumn ? '' : ' (name the text column)'}; the columns are ${columns.map((c) => `"${c}"`).join(', ')}`,
      header.value.line,
    );
  }
  for (let row = rows.next(); !row.done; row = rows.next()) {
    const { fields, line, bytesRead } = row.value;
    if (fields.length !== columns.length) {
      throw new BadInput(`CSV: ${fields.length} fields where the header has ${columns.length}`, line);
    }
    const record: Record<string, unknown> = {};
    for (const [i, column] of columns.entries()) {
      // An empty cell is no value. The text column is the article's text, whatever its name; a
      // column called "text" that is not it keeps its cells under another name.
      if (i === textAt) record.text = fields[i];
      else if (fields[i] !== '') record[column === 'text' ? 'text (column)' : column] = fields[i];
    }
    yield { article: atRecord({ line }, () => articleOf(record, origin(line, false))), line, bytesRead };
  }
}

/** The column named `name`: exactly, else ignoring case and surrounding space. */
function columnIndex(columns: readonly string[], name: string): number {
  const exact = columns.indexOf(name);
  if (exact !== -1) return exact;
  const wanted = name.trim().toLowerCase();
  return columns.findIndex((column) => column.trim().toLowerCase() === wanted);
}
