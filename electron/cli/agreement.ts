/** `hamish agreement`: the agreement report as tables (a row per label, a column per pair), or JSON. */
import type { ParseArgsConfig } from 'node:util';
import type { AgreementReport, AgreementSection, OverallScores, PairScores } from '../contract/contract.ts';
import { parseInput } from '../contract/dispatch.ts';
import { HamishError } from '../contract/errors.ts';
import type { Hamish } from '../core/hamish.ts';
import { CLUSTERS_HELP, clusterAgreementInput, runClusterAgreement } from './agreement-clusters.ts';
import { progressBar, type Progress } from './progress.ts';

export const AGREEMENT_OPTIONS = {
  annotators: { type: 'string' },
  document: { type: 'string', multiple: true },
  label: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  clusters: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export const AGREEMENT_HELP = `Usage: hamish agreement [--annotators A,B,...] [--document ID ...] [--label L ...] [--clusters] [--json] [--db PATH]

How far annotators agree on the documents, each pair of them and overall, per label and for all
labels. Prints a table per measure: a row per label, a column per pair of annotators, then the
mean over pairs and the measure over all annotators at once. A dash is a measure that is
undefined for the data (nothing to compare, or chance alone agrees on everything).

  --annotators A,B,...  two or more (default: everyone with spans in the documents)
  --document ID         this document; repeat for more (default: every document where one of
                        the annotators has a span)
  --label L             claim, actor, location or date; repeat or separate with commas
                        (default: all four)
  --json                the whole report: also per document, and every disagreement (a span some
                        annotators made and the others did not)${CLUSTERS_HELP}

Measures: exact F1 (same start, end and label), partial F1 (same label, overlapping, paired one
to one), Cohen's kappa and Krippendorff's alpha on tokens (a token is in a label when a span of
that label overlaps it), Fleiss' kappa over all annotators, and Krippendorff's unitizing alpha
(alphaU) over the text in code points.

Claim cards, when the annotators linked roles: exact F1 of role links per role and for all (a
link matches when both link a claim of the same range to a span of the same range in the same
role; the via chain counts as links whatever their order), the stance's Cohen's kappa over the
claims both marked (Fleiss' over all annotators), and how many via chains of the same spans are
in the same order.`;

type Values = Record<string, string | string[] | boolean | undefined>;

function list(values: string[] | undefined): string[] | undefined {
  const items = values?.flatMap((value) => value.split(',')).map((item) => item.trim()).filter((item) => item !== '');
  return items && items.length > 0 ? items : undefined;
}

/** The options' lists, as given. */
function scopeOf(values: Values, positionals: readonly string[]) {
  if (positionals.length > 0) throw new HamishError('invalid_input', `agreement: unexpected argument "${positionals[0]}"`);
  return {
    annotators: list(typeof values.annotators === 'string' ? [values.annotators] : undefined),
    documents: list(values.document as string[] | undefined),
    labels: list(values.label as string[] | undefined),
  };
}

/** The contract's input for these options, checked before the library is opened. */
export function agreementInput(values: Values, positionals: readonly string[]) {
  const input = scopeOf(values, positionals);
  if (values.clusters) return clusterAgreementInput(input);
  return reportInput(input);
}

function reportInput(input: ReturnType<typeof scopeOf>) {
  return parseInput('agreement', Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
}

/** The report is the core's agreement job, its progress (documents measured) drawing the bar on stderr. */
export async function runAgreementCommand(hamish: Hamish, values: Values, positionals: readonly string[]): Promise<number> {
  const scope = scopeOf(values, positionals);
  if (values.clusters) return runClusterAgreement(hamish, clusterAgreementInput(scope), values.json === true);
  // Made at the first event: the total is known once the documents are chosen.
  let progress: Progress | null | undefined;
  let report: AgreementReport;
  try {
    report = await hamish.jobs.run('agreement', reportInput(scope), {
      onProgress: ({ done, total }) => {
        if (progress === undefined) progress = progressBar(process.stderr, total, 'documents');
        progress?.update(done);
      },
    });
  } finally {
    progress?.finish();
  }
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else process.stdout.write(tables(report));
  return 0;
}

/** Three decimals; a tiny negative value rounds to 0.000, not -0.000. */
const score = (value: number | null) => (value === null ? '—' : value.toFixed(3).replace(/^-(0\.0+)$/, '$1'));

interface Measure {
  readonly title: string;
  readonly pair: (scores: PairScores) => number | null;
  readonly mean: (overall: OverallScores) => number | null;
  /** The measure over all annotators at once, with its column heading. */
  readonly all?: { readonly heading: string; readonly value: (overall: OverallScores) => number | null };
}

const MEASURES: readonly Measure[] = [
  { title: 'exact F1', pair: (s) => s.exact.f1, mean: (o) => o.mean.exactF1 },
  { title: 'partial F1', pair: (s) => s.partial.f1, mean: (o) => o.mean.partialF1 },
  { title: "Cohen's kappa (tokens)", pair: (s) => s.kappa, mean: (o) => o.mean.kappa, all: { heading: 'Fleiss', value: (o) => o.fleissKappa } },
  { title: "Krippendorff's alpha (tokens)", pair: (s) => s.alpha, mean: (o) => o.mean.alpha, all: { heading: 'all', value: (o) => o.alpha } },
  { title: 'alphaU (code points)', pair: (s) => s.alphaU, mean: (o) => o.mean.alphaU, all: { heading: 'all', value: (o) => o.alphaU } },
];

function table(measure: Measure, report: AgreementReport, section: AgreementSection): string {
  const several = report.pairs.length > 1;
  const headings = [measure.title, ...report.pairs.map(([a, b]) => `${a}/${b}`)];
  if (several) headings.push('mean');
  if (several && measure.all) headings.push(measure.all.heading);
  const rows = section.labels.map(({ label, pairs, overall }) => {
    const cells = [label, ...pairs.map((p) => score(measure.pair(p)))];
    if (several) cells.push(score(measure.mean(overall)));
    if (several && measure.all) cells.push(score(measure.all.value(overall)));
    return cells;
  });
  return grid(headings, rows);
}

/** Columns as wide as their widest cell: the first to the left, the figures to the right. */
function grid(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headings.map((heading, c) => Math.max(heading.length, ...rows.map((cells) => cells[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd() + '\n';
  return line(headings) + rows.map(line).join('');
}

/** The claim cards' tables: role links' exact F1, the stance, and the via chains' order. */
function cardTables(report: AgreementReport): string {
  const { roles, stance, viaOrder } = report.cards;
  const several = report.pairs.length > 1;
  const pairNames = report.pairs.map(([a, b]) => `${a}/${b}`);
  const links = grid(
    ['role links, exact F1', ...pairNames, ...(several ? ['mean'] : [])],
    roles.map(({ role, pairs, meanF1 }) => [role, ...pairs.map((p) => score(p.f1)), ...(several ? [score(meanF1)] : [])]),
  );
  const stances = grid(
    ['stance (claims both marked)', ...pairNames, ...(several ? ['mean', 'Fleiss'] : [])],
    [
      ["Cohen's kappa", ...stance.pairs.map((p) => score(p.kappa)), ...(several ? [score(stance.meanKappa), score(stance.fleissKappa)] : [])],
      ['observed agreement', ...stance.pairs.map((p) => score(p.observed)), ...(several ? ['', ''] : [])],
      ['claims', ...stance.pairs.map((p) => String(p.claims)), ...(several ? ['', String(stance.claims)] : [])],
    ],
  );
  const chains = viaOrder.map(({ annotators: [a, b], chains, same }) => `${a}/${b} ${same} of ${chains}`).join(', ');
  return `Claim cards\n\n${links}\n${stances}\nVia chains with the same spans, in the same order: ${chains}.\n`;
}

function tables(report: AgreementReport): string {
  const documents = report.documents.length;
  let out = `Agreement of ${report.annotators.join(', ')} on ${documents} ${documents === 1 ? 'document' : 'documents'}\n\n`;
  out += MEASURES.map((measure) => table(measure, report, report.corpus)).join('\n');
  out += `\n${report.disagreements.length} spans not made by everyone; --json lists them, and every document's scores.\n`;
  if (report.cards.roles.at(-1)!.pairs.some((p) => p.first + p.second > 0)) out += `\n${cardTables(report)}`;
  return out;
}
