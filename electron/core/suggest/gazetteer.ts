/**
 * A gazetteer: the places and actors an analyst already knows, imported from a CSV or TSV file of
 * `name,label,variants` rows (variants separated by | or ;), and kept in the library so that every
 * document is offered them. A row that cannot be read is reported at its file and line and left
 * out; the others are kept.
 */
import type { Label } from '../../contract/labels.ts';
import { fold } from '../../text/normalise.ts';
import type { Db } from '../database.ts';
import { BadInput } from '../import/bad-input.ts';
import { csvRecords } from '../import/csv.ts';
import { labelOf } from '../import/spans.ts';

export interface GazetteerEntry {
  readonly name: string;
  readonly label: Label;
  /** Other spellings of the same name, the name itself not among them. */
  readonly variants: readonly string[];
  readonly line: number;
}

export interface GazetteerProblem {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** Labels a list of names can give: a claim is a statement, never a name on a list. */
const NAMED_LABELS: readonly Label[] = ['actor', 'location', 'date'];

const LETTER = /\p{L}/u;

/** The rows of `text`, split as its first line is: with tabs (TSV) or commas (CSV, RFC 4180 quoting). */
function rowsOf(text: string): Iterable<{ fields: string[]; line: number }> {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  if ((lines.find((line) => line.trim() !== '') ?? '').includes('\t')) {
    return lines.flatMap((line, i) => (line.trim() === '' ? [] : [{ fields: line.split('\t'), line: i + 1 }]));
  }
  return csvRecords(lines.map((line, i) => ({ text: line, number: i + 1, bytesRead: 0 })));
}

/** The entries of a gazetteer file's `text`, and the rows left out with why (at `file`:line). */
export function parseGazetteer(file: string, text: string): { entries: GazetteerEntry[]; problems: GazetteerProblem[] } {
  const entries: GazetteerEntry[] = [];
  const problems: GazetteerProblem[] = [];
  const problem = (line: number, reason: string) => problems.push({ file, line, reason });
  try {
    for (const { fields, line } of rowsOf(text)) {
      const [rawName = '', rawLabel = '', rawVariants = ''] = fields.map((field) => field.trim());
      if (line === 1 && rawName.toLowerCase() === 'name' && rawLabel.toLowerCase() === 'label') continue;
      if (fields.length < 2 || fields.length > 3) {
        problem(line, `expected name,label,variants (2 or 3 fields), found ${fields.length}`);
        continue;
      }
      if (!LETTER.test(rawName)) {
        problem(line, rawName === '' ? 'the name is empty' : `the name "${rawName}" holds no letter`);
        continue;
      }
      const label = labelOf(rawLabel);
      if (label === undefined || !NAMED_LABELS.includes(label)) {
        problem(line, `"${rawLabel}" is not a label a name can have (${NAMED_LABELS.join(', ')})`);
        continue;
      }
      const variants = rawVariants
        .split(/[|;؛]/u)
        .map((variant) => variant.trim())
        .filter((variant) => LETTER.test(variant) && fold(variant) !== fold(rawName));
      entries.push({ name: rawName, label, variants, line });
    }
  } catch (error) {
    // A quoting error stops the CSV reader: the rows before it are kept, the rest is reported.
    if (!(error instanceof BadInput)) throw error;
    problem(error.line, `${error.message}; the rest of the file is left out`);
  }
  return { entries, problems };
}

/** One spelling the gazetteer knows, and the entry (name, label) it belongs to. */
export interface GazetteerForm {
  readonly form: string;
  readonly name: string;
  readonly label: Label;
}

/** The gazetteer as kept in the library: each spelling a row (migration 14). */
export class Gazetteer {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      put: db.prepare<[GazetteerForm]>(
        'INSERT INTO gazetteer (form, label, name) VALUES (@form, @label, @name) ON CONFLICT (form, label) DO UPDATE SET name = excluded.name',
      ),
      all: db.prepare<[], GazetteerForm>('SELECT form, name, label FROM gazetteer ORDER BY form'),
      count: db.prepare<[], number>('SELECT count(*) FROM gazetteer').pluck(),
    };
  }

  /** Adds the entries (a spelling already there takes the new entry's name); returns how many spellings are kept. */
  add(entries: readonly GazetteerEntry[]): number {
    for (const { name, label, variants } of entries) {
      for (const form of [name, ...variants]) this.statements.put.run({ form, label, name });
    }
    return this.statements.count.get()!;
  }

  forms(): GazetteerForm[] {
    return this.statements.all.all();
  }
}
