/**
 * CoNLL, token per line, IOB2 tags (B- opens a span, I- continues it, O is outside), for Arabic
 * NER tools trained on ANERcorp or Wojood:
 *
 *   -DOCSTART- a-1	O	O    a line before each document, naming it, then a blank line
 *   قال	O	B-CLAIM
 *   الرئيس	B-ACTOR	I-CLAIM
 *                              a blank line after each sentence
 *
 * One column per layer, since claims hold entities: entities, then claims, for each annotator in
 * turn. `--tokens whole` tags whole words with their clitics, as ANERcorp and Wojood do;
 * `--tokens clitic` makes proclitics tokens of their own by the rule the app snaps span starts with
 * (procliticToStrip in electron/text/proclitics.ts: the rest starts with ال, or occurs as a word
 * in the library), so "بالعراق" becomes ب O / العراق B-LOCATION. A span edge inside a token widens the span to the
 * whole token; how many were widened is counted. A column holds no overlap, so a span that
 * crosses or lies inside another of its column cannot be written; each is reported.
 *
 * CoNLL holds spans only: claim cards (stance and roles) are left out, as are notes. Export
 * them as JSONL, brat, doccano or Label Studio, or as the claims table.
 *
 * Text a layer left out of the article (its scope) is left out of the file, not tagged O: a
 * related headline is not a sentence in which العراق is no place. With several layers, text any of
 * them left out goes, and a sentence ends where text was left out.
 *
 * The document's id follows -DOCSTART- in the token column, after a space, with white space and
 * control characters (and "%") percent-encoded: the line keeps its columns for conlleval
 * (`-d '\t'`) and any reader that splits fields at tabs, and breaks for no line splitting.
 */
import type { Label } from '../../contract/labels.ts';
import { procliticSplits, procliticToStrip } from '../../text/proclitics.ts';
import { tokenize, tokensOverlapping, type Token } from '../../text/tokens.ts';
import { percentEncoded } from './file-names.ts';
import { overlapping, union, type Range } from '../scope/ranges.ts';
import { addWords } from '../vocabulary.ts';
import { tagOf, type FormatContext, type FormatWriter } from './writer.ts';
import type { ExportDocument, ExportSpan } from './source.ts';

interface Column {
  readonly name: string;
  readonly annotator: string | null;
  readonly labels: ReadonlySet<Label>;
}

const LAYERS = [
  { name: 'entities', labels: new Set<Label>(['actor', 'location', 'date']) },
  { name: 'claims', labels: new Set<Label>(['claim']) },
] as const;

function columnsOf(annotators: readonly string[]): Column[] {
  if (annotators.length <= 1) {
    return LAYERS.map((layer) => ({ ...layer, annotator: annotators[0] ?? null }));
  }
  return annotators.flatMap((annotator) =>
    LAYERS.map((layer) => ({ name: `${layer.name}:${annotator}`, annotator, labels: layer.labels })),
  );
}

/** What a document's id may not hold on its -DOCSTART- line (\p{Cc} has NEL and U+001C–U+001E). */
const NOT_IN_A_FIELD = /[%\s\p{Cc}]/gu;

/** A sentence ends after these and at a line break, as sentenceAt in boundaries.ts has it. */
const SENTENCE_END = new Set(['.', '!', '?', '؟']);

interface Placed {
  readonly span: ExportSpan;
  /** Tokens first..last-1. */
  readonly first: number;
  readonly last: number;
}

/** Places a column's spans on tokens, reporting those the column cannot hold. */
function place(document: ExportDocument, spans: ExportSpan[], tokens: readonly Token[], column: Column, context: FormatContext) {
  const placed: Placed[] = [];
  const candidates = spans.map((span) => {
    const start = document.index.toUtf16(span.start);
    const end = document.index.toUtf16(span.end);
    const { first, last } = tokensOverlapping(tokens, start, end);
    const widened = last > first && (tokens[first]!.start !== start || tokens[last - 1]!.end !== end);
    return { span, first, last, widened };
  });
  candidates.sort((a, b) => a.first - b.first || b.last - a.last);
  let reach: Placed | null = null;
  for (const candidate of candidates) {
    if (reach !== null && candidate.first < reach.last) {
      const how = candidate.last <= reach.last ? 'lies inside' : 'crosses';
      report(document, candidate.span, `${how} span ${reach.span.id} in the ${column.name} column`, context);
    } else if (candidate.first === candidate.last) {
      report(document, candidate.span, 'covers no token', context);
    } else {
      if (candidate.widened) context.widened();
      placed.push(candidate);
      reach = candidate; // kept spans do not overlap, so the last one reaches furthest
    }
  }
  return placed;
}

function report(document: ExportDocument, span: ExportSpan, reason: string, context: FormatContext): void {
  const { id, label, annotator, start, end, text } = span;
  context.unrepresentable({ document: document.id, span: id, label, annotator, start, end, text, reason });
}

/** procliticToStrip for this document's words, asking the library about all their stems at once. */
function stripperFor(document: ExportDocument, context: FormatContext): (word: string) => string {
  // Words as the corpus's are (vocabulary.ts), each split once however often it occurs.
  const words = new Set<string>();
  addWords(document.text, words);
  const stems = new Set<string>();
  for (const word of words) for (const { stem } of procliticSplits(word)) stems.add(stem);
  const known = new Set(context.knownWords([...stems]));
  return (word) => procliticToStrip(word, (stem) => known.has(stem));
}

/** What any exported layer left out of the article, in UTF-16 like the tokens. */
function outOfScope(document: ExportDocument): Range[] {
  const { index } = document;
  return union(document.scope.flatMap(({ out }) => out.map(([start, end]): Range => [index.toUtf16(start), index.toUtf16(end)])));
}

export const conll: FormatWriter = {
  layout: { kind: 'file' },
  manifestIn: 'file',
  options: ({ tokens, layers }) => ({ tokens, columns: ['token', ...columnsOf(layers).map((c) => c.name)] }),
  document(document, out, context) {
    const columns = columnsOf(context.layers);
    const leftOut = outOfScope(document);
    const tokens = tokenize(document.text, context.tokens === 'clitic' ? stripperFor(document, context) : undefined).filter(
      (token) => overlapping(leftOut, token.start, token.end) === undefined,
    );
    const tags = columns.map(() => new Array<string>(tokens.length).fill('O'));
    /** noBreak[k]: a span holds tokens k-1 and k, so no sentence ends between them. */
    const noBreak = new Uint8Array(tokens.length);
    columns.forEach((column, c) => {
      const spans = document.spans.filter(
        (s) => column.labels.has(s.label) && (column.annotator === null || s.annotator === column.annotator),
      );
      for (const { span, first, last } of place(document, spans, tokens, column, context)) {
        tags[c]![first] = `B-${tagOf(span.label)}`;
        for (let k = first + 1; k < last; k++) {
          tags[c]![k] = `I-${tagOf(span.label)}`;
          noBreak[k] = 1;
        }
      }
    });

    let lines = `-DOCSTART- ${percentEncoded(document.id, NOT_IN_A_FIELD)}${'\tO'.repeat(columns.length)}\n\n`;
    tokens.forEach((token, k) => {
      if (k > 0 && !noBreak[k]) {
        const previous = tokens[k - 1]!;
        const gap = document.text.slice(previous.end, token.start);
        const cut = overlapping(leftOut, previous.end, token.start) !== undefined;
        if (cut || gap.includes('\n') || SENTENCE_END.has(document.text.slice(previous.start, previous.end))) lines += '\n';
      }
      lines += document.text.slice(token.start, token.end);
      for (const column of tags) lines += `\t${column[k]}`;
      lines += '\n';
    });
    if (tokens.length > 0) lines += '\n';
    out.write(lines);
  },
};
