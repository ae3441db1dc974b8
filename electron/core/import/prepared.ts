/**
 * Articles made ready to store: what the import does to each article before it touches the
 * library, on whichever thread reads the file (read-ahead.ts).
 */
import { documentRow, type DocumentRow } from '../documents.ts';
import type { Article } from './article.ts';
import { atRecord, type RecordPlace } from './bad-input.ts';
import type { FileArticle } from './sources.ts';

/** What the import stores of an article beside its document row, which holds the rest. */
export type ArticleParts = Omit<Article, 'name' | 'text' | 'title' | 'source' | 'meta'>;

/**
 * An article made ready to store: its document's row worked out (normalised, hashed, titled),
 * which is most of the work of reading a big file, and can be done on another thread.
 */
export interface PreparedArticle<Text extends DocumentRow['text'] = DocumentRow['text']> {
  readonly article: ArticleParts;
  readonly row: DocumentRow & { readonly text: Text; readonly searched: { readonly title: string; readonly text: Text } };
  readonly line: number | undefined;
  readonly bytesRead: number;
}

/** Where a failure to store the article is told: a library file's documents have no line; a .txt file is its line 1. */
export function placeOf({ article, line }: { article: ArticleParts; line: number | undefined }): RecordPlace {
  return line === undefined && article.libraryId !== undefined ? { document: article.libraryId } : { line: line ?? 1 };
}

/** Each article made ready to store as it is read. */
export function* prepared(articles: Iterable<FileArticle>): Generator<PreparedArticle<string>, void, undefined> {
  for (const { article, line, bytesRead } of articles) {
    const { name, text, title, source, meta, ...parts } = article;
    const row = atRecord(placeOf({ article: parts, line }), () => documentRow({ name, text, title, source, meta }));
    yield { article: parts, row, line, bytesRead };
  }
}

