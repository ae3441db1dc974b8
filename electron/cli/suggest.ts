/**
 * `hamish suggest`: the suggestions of documents, printed or as JSON, or written with `--into` as
 * spans of a layer of their own, so that a corpus can be pre-annotated from the command line and
 * reviewed (or compared with an analyst's layer) like anyone's.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Output, Suggestion } from '../contract/contract.ts';
import { dispatch } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import { readTextFile, type Hamish } from '../core/hamish.ts';

export const SUGGEST_OPTIONS = {
  document: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  into: { type: 'string' },
  gazetteer: { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

export const SUGGEST_HELP = `Usage: hamish suggest [--document ID ...] [--gazetteer FILE ...] [--json] [--into LAYER] [--db PATH]

What Hamish would propose to tag in the documents: dates (weekdays, months of the Gregorian and
Hijri calendars in both name sets, relative expressions, digits of either form), names from the
library's gazetteer, and what has been tagged before in the library where it recurs; and the
stretches proposed out of the article's scope (boilerplate). Prints one line per proposal:
document, code point range, label (or "out of scope"), source (or "proposed") and text (or why).

  --document ID      this document; repeat for more (default: every document)
  --gazetteer FILE   first add FILE (CSV or TSV: name,label,variants; variants separated by | or ;)
                     to the library's gazetteer; rows that cannot be read are reported at their line
  --json             one JSON object per document: {"document", "suggestions": [...], "scope": [...]}
  --into LAYER       write them into the layer LAYER (an annotator name of its own, say
                     "suggested"): the proposed stretches out of scope, then the suggestions
                     outside them as spans, each document's spans one step of its history`;

type Values = Record<string, string | string[] | boolean | undefined>;

export function checkSuggest(values: Values, positionals: readonly string[]): void {
  if (positionals.length > 0) throw new HamishError('invalid_input', `suggest: unexpected argument "${positionals[0]}"`);
  if (values.into !== undefined && values.json) throw new HamishError('invalid_input', 'suggest: --into writes the suggestions; --json prints them: choose one');
}

/** The layer `--into` names: the session's annotator for this run (hamish.ts opens the library as it). */
export function intoLayer(values: Values): string | undefined {
  return typeof values.into === 'string' ? values.into : undefined;
}

function addGazetteer(hamish: Hamish, file: string): boolean {
  const text = readTextFile(file);
  const report = dispatch(hamish.handlers, 'importGazetteer', { file, text }) as Output<'importGazetteer'>;
  for (const { file: where, line, reason } of report.problems) console.error(`hamish: ${where}:${line}: ${reason}`);
  console.error(`hamish: ${file}: ${report.entries} names added (${report.problems.length} rows left out); the gazetteer holds ${report.forms} spellings`);
  return report.problems.length === 0;
}

export function runSuggestCommand(hamish: Hamish, values: Values): number {
  let clean = true;
  for (const file of (values.gazetteer as string[] | undefined) ?? []) clean = addGazetteer(hamish, file) && clean;
  const asked = values.document as string[] | undefined;
  const ids = asked ?? (dispatch(hamish.handlers, 'listDocuments', {}) as Output<'listDocuments'>).map((d) => d.id);
  const into = intoLayer(values);
  let total = 0;
  let outOfScope = 0;
  for (const documentId of ids) {
    const { proposals } = (dispatch(hamish.handlers, 'openDocument', { id: documentId }) as Output<'openDocument'>).scope;
    outOfScope += proposals.length;
    // Written into a layer, the proposed scope goes first: the suggestions then leave that text out.
    if (into !== undefined) {
      for (const { start, end } of proposals) dispatch(hamish.handlers, 'setScope', { documentId, start, end, inScope: false });
    }
    // The layer written into learns from everyone's spans: its own are the ones being made.
    const { suggestions } = dispatch(hamish.handlers, 'suggest', { documentId, learnFrom: 'library' }) as Output<'suggest'>;
    total += suggestions.length;
    if (into !== undefined) {
      if (suggestions.length > 0) dispatch(hamish.handlers, 'acceptSuggestions', { documentId, suggestions: suggestions.map(proposed) });
    } else if (values.json) {
      console.log(JSON.stringify({ document: documentId, suggestions, scope: proposals }));
    } else {
      for (const p of proposals) console.log(`${documentId}\t${p.start}-${p.end}\tout of scope\tproposed\t${p.why}`);
      for (const s of suggestions) console.log(`${documentId}\t${s.start}-${s.end}\t${s.label}\t${s.source}\t${s.text}`);
    }
  }
  if (into !== undefined) {
    console.error(`hamish: wrote ${total} spans and ${outOfScope} out-of-scope stretches into the layer "${into}" in ${ids.length} documents`);
  } else if (!values.json) {
    console.error(`hamish: ${total} suggestions and ${outOfScope} proposed out-of-scope stretches in ${ids.length} documents`);
  }
  // A gazetteer with bad rows was still added without them: the run is not clean, as an import's is not.
  return clean ? 0 : 1;
}

function proposed({ start, end, label }: Suggestion) {
  return { start, end, label };
}
