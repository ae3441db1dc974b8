/**
 * Where articles come from: which files an import takes, and the articles in each kind of file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Encoding } from '../../contract/encodings.ts';
import { HamishError } from '../../contract/errors.ts';
import { ARTICLE_EXTENSIONS, LIBRARY_EXTENSION } from '../../contract/files.ts';
import type { Article } from './article.ts';
import { annotationsOf, bratArticle } from './brat.ts';
import { libraryArticles } from './library-file.ts';
import { readText } from './lines.ts';
import { prepared, type PreparedArticle } from './prepared.ts';
import { openRecords } from './records.ts';

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

/** The articles in one file, by its kind: a .txt file is one article, the others hold many. */
export function openArticles(file: string, options: ReadOptions): OpenedFile {
  const fileName = basename(file);
  const extension = extname(file).toLowerCase();
  const stem = basename(file, extname(file));
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
  return openRecords(file, options);
}

/** The articles of one file (openArticles), each made ready to store as it is read. */
export function openPrepared(file: string, options: ReadOptions): OpenedFile<PreparedArticle> {
  const { encoding, articles } = openArticles(file, options);
  return { encoding, articles: prepared(articles) };
}
