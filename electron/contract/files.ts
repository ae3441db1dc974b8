import type { ExportFormat } from './contract.ts';

/** The files Hamish imports articles from (a folder: every one of them below it). */
export const ARTICLE_EXTENSIONS = ['.txt', '.jsonl', '.json', '.csv'] as const;

/** A Hamish library: imported whole, as its annotators' layers, when named itself. */
export const LIBRARY_EXTENSION = '.sqlite';

/** The extension of each format's file; null for the formats that write a folder. */
export const EXPORT_EXTENSIONS = {
  jsonl: 'jsonl',
  prodigy: 'jsonl',
  doccano: 'jsonl',
  conll: 'conll',
  labelstudio: null,
  brat: null,
  'claims-csv': 'csv',
  'claims-json': 'json',
} as const satisfies Record<ExportFormat, string | null>;
