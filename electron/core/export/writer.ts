/** What every export format's writer implements (the formats' names are the contract's ExportFormat), and the little they share. */
import type { Label } from '../../contract/labels.ts';
import type { Unrepresentable } from '../../contract/contract.ts';
import type { Manifest } from './manifest.ts';
import type { Layout, Output } from './output.ts';
import type { ExportDocument, ExportSpan } from './source.ts';

export interface FormatContext {
  /** The annotators exported, each a layer of its own (see ExportSource.layers). */
  readonly layers: readonly string[];
  /** CoNLL only: whether proclitics are tokens of their own. */
  readonly tokens: 'whole' | 'clitic';
  /** Label Studio only: the layer written as predictions (pre-annotations), not as an annotation. */
  readonly predictions: string | null;
  /** The manifest as it stands now (before any document, when a JSONL file starts with it). */
  manifest(): Manifest;
  /** How many documents were written before this one (all of them, in `end`). */
  readonly written: number;
  /** Whether the manifest goes into the export (the first line of a JSONL file). */
  readonly withManifest: boolean;
  /** Reports a span the format cannot hold: it is listed, never silently dropped. */
  unrepresentable(entry: Unrepresentable): void;
  /** Which of `words` occur as whole words in the library (the proclitic rule asks). */
  knownWords(words: readonly string[]): readonly string[];
  /** Counts a span written wider than it is (CoNLL: an edge inside a token). */
  widened(): void;
  /** Every metadata key of the exported documents, in code point order. */
  metaKeys(): readonly string[];
}

export interface FormatWriter {
  readonly layout: Layout;
  /** Where a requested manifest goes in a file export; folder exports always hold manifest.json. */
  readonly manifestIn: 'first-line' | 'file';
  /** Whether it writes claim cards (each document then comes with its `cards`). */
  readonly cards?: boolean;
  /** Format options recorded in the manifest. */
  options?(context: Pick<FormatContext, 'tokens' | 'layers' | 'predictions'>): Record<string, unknown>;
  begin?(out: Output, context: FormatContext): void;
  document(document: ExportDocument, out: Output, context: FormatContext): void;
  end?(out: Output, context: FormatContext): void;
}

/** Label names as other tools show them: CLAIM, ACTOR, LOCATION, DATE. */
export function tagOf(label: Label): string {
  return label.toUpperCase();
}

/** The app's highlight colours (renderer/src/styles.css), so a project in another tool looks like Hamish. */
export const LABEL_COLOURS: Readonly<Record<Label, string>> = { claim: '#fff5bf', actor: '#9fcbff', location: '#ffa882', date: '#d0c6e0' };

/**
 * Where Python's str.splitlines breaks a line, which is how brat reads a .ann file and how many
 * Python readers split a CoNLL file: LF and CR, and also VT, FF, the separators U+001C–U+001E,
 * NEL, and the line and paragraph separators. A line of such a file must hold none of them.
 */
export const PYTHON_LINE_BREAK = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/u;

/**
 * A document's spans split by annotator, in layer order, leaving out annotators with no span in
 * it. A document nobody tagged is one group with no annotator: it still goes out, as a text with
 * no entities.
 */
export function spansByAnnotator(
  document: ExportDocument,
  layers: readonly string[],
): { annotator: string | null; spans: ExportSpan[] }[] {
  const groups = layers
    .map((annotator) => ({ annotator, spans: document.spans.filter((s) => s.annotator === annotator) }))
    .filter((group) => group.spans.length > 0);
  return groups.length > 0 ? groups : [{ annotator: null, spans: [] }];
}

/**
 * The fields every format puts beside the text to say which document it is. Hamish's own fields
 * come first and win: an imported record's "status" must not pass for the document's.
 */
export function documentMeta(document: ExportDocument): Record<string, unknown> {
  const own = { title: document.title, source: document.source, status: document.status };
  return { ...own, ...document.meta, ...own };
}

/** `fields`, then the document's meta fields beside them: a meta field never hides one of ours. */
export function withDocumentMeta(fields: Record<string, unknown>, document: ExportDocument): Record<string, unknown> {
  return { ...fields, ...documentMeta(document), ...fields };
}

/** One JSON line. */
export const jsonLine = (value: unknown): string => JSON.stringify(value) + '\n';
