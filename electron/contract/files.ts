/** The files Hamish imports articles from (a folder: every one of them below it). */
export const ARTICLE_EXTENSIONS = ['.txt', '.jsonl', '.json', '.csv'] as const;

/** A Hamish library: imported whole, as its annotators' layers, when named itself. */
export const LIBRARY_EXTENSION = '.sqlite';
