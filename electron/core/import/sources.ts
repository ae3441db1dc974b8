/**
 * Where articles come from: which files an import takes, and the articles in each kind of file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Encoding } from '../../contract/encodings.ts';
import { HamishError } from '../../contract/errors.ts';
import { ARTICLE_EXTENSIONS, LIBRARY_EXTENSION } from '../../contract/files.ts';
import { documentRow, type DocumentRow } from '../documents.ts';
import { articleOf, type Article, type RecordOrigin } from './article.ts';
import { atRecord, BadInput, type RecordPlace } from './bad-input.ts';
import { annotationsOf, bratArticle } from './brat.ts';
import { csvRecords, type CsvRecord } from './csv.ts';
import { jsonFileRecords, jsonLines, type JsonRecord } from './json-records.ts';
import { libraryArticles } from './library-file.ts';
import { openLines, readText } from './lines.ts';


export interface FoundFile {
  readonly file: string;
  readonly size: number;
}

/** Every importable file at or below `path`, in name order, so that imports are repeatable. */
export function filesAt(path: string): FoundFile[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new HamishError('not_found', 'no such file or folder');
  if (!stat.isDirectory()) {
    if (isBrat(path)) {
      if (!existsSync(path.replace(/\.ann$/i, '.txt'))) throw new HamishError('invalid_input', 'a brat .ann file needs its .txt beside it');
      return [{ file: path, size: stat.size }];
    }
    if (!importable(path) && !isLibrary(path)) {
      throw new HamishError('invalid_input', `not a ${ARTICLE_EXTENSIONS.join(', ')} file, nor a Hamish library (${LIBRARY_EXTENSION})`);
    }
    // A .txt with a brat .ann beside it is one brat document, read from its .ann.
    const ann = extname(path).toLowerCase() === '.txt' ? annotationsOf(path) : undefined;
    return [ann ? { file: ann, size: statSync(ann).size } : { file: path, size: stat.size }];
  }
  // A library is taken when named, not from a folder: a folder of articles may hold backups.
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || importable(entry.name))
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => filesAt(join(path, name)));
}

function isBrat(name: string): boolean {
  return extname(name).toLowerCase() === '.ann';
}

function importable(name: string): boolean {
  return (ARTICLE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/** A colleague's Hamish library: a copy of their database file. */
function isLibrary(name: string): boolean {
  return extname(name).toLowerCase() === LIBRARY_EXTENSION;
}

export interface ReadOptions {
  /** The encoding the analyst named; else each file's is detected. */
  readonly encoding?: Encoding | undefined;
  /** The CSV column holding the article (default: `text`). */
  readonly textColumn?: string | undefined;
}

export interface FileArticle {
  readonly article: Article;
  /** The record's line, in a file of many records. */
  readonly line: number | undefined;
  /** How far into the file this article ends, for progress (0 when not known). */
  readonly bytesRead: number;
}

export interface OpenedFile<A = FileArticle> {
  readonly encoding: Encoding;
  /** Read lazily, so that a big file streams; each is checked as it is read. */
  readonly articles: Iterable<A>;
}

/** What the import stores of an article beside its document row, which holds the rest. */
export type ArticleParts = Omit<Article, 'name' | 'text' | 'title' | 'source' | 'meta'>;

/**
 * An article made ready to store: its document's row worked out (normalised, hashed, titled),
 * which is most of the work of reading a big file, and can be done on another thread.
 */
export interface PreparedArticle {
  readonly article: ArticleParts;
  readonly row: DocumentRow;
  readonly line: number | undefined;
  readonly bytesRead: number;
}

/** Where a failure to store the article is told: a library file's documents have no line; a .txt file is its line 1. */
export function placeOf({ article, line }: { article: ArticleParts; line: number | undefined }): RecordPlace {
  return line === undefined && article.libraryId !== undefined ? { document: article.libraryId } : { line: line ?? 1 };
}

/** The articles of one file (openArticles), each made ready to store as it is read. */
export function openPrepared(file: string, options: ReadOptions): OpenedFile<PreparedArticle> {
  const { encoding, articles } = openArticles(file, options);
  return { encoding, articles: prepared(articles) };
}

function* prepared(articles: Iterable<FileArticle>): Generator<PreparedArticle, void, undefined> {
  for (const { article, line, bytesRead } of articles) {
    const { name, text, title, source, meta, ...parts } = article;
    const row = atRecord(placeOf({ article: parts, line }), () => documentRow({ name, text, title, source, meta }));
    yield { article: parts, row, line, bytesRead };
  }
}

/** The articles in one file, by its kind: a .txt file is one article, the others hold many. */
export function openArticles(file: string, options: ReadOptions): OpenedFile {
  const fileName = basename(file);
  const extension = extname(file).toLowerCase();
  const stem = basename(file, extname(file));
  const origin: Origin = (line, withSpans) => ({ stem, fileName, line, withSpans });
  if (isLibrary(file)) return { encoding: 'utf-8', articles: libraryArticles(file) };
  if (isBrat(file)) {
    const { article, encoding } = bratArticle(file, options.encoding);
    return { encoding, articles: [{ article, line: undefined, bytesRead: 0 }] };
  }
  if (extension === '.txt') {
    const { text, encoding } = readText(file, options.encoding);
    const article: Article = {
      name: stem,
      libraryId: undefined,
      text,
      title: undefined,
      source: fileName,
      meta: {},
      spans: [],
      decisions: [],
      claims: [],
      statuses: [],
      scope: [],
    };
    return { encoding, articles: [{ article, line: undefined, bytesRead: 0 }] };
  }
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
