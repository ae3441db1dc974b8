/**
 * Reads a CoNLL export back: documents of sentences of rows, each row a token and its tags, and
 * checks it as a CoNLL reader would (IOB2 well-formed, as many columns on every line).
 */
import assert from 'node:assert/strict';

export interface ConllRow {
  readonly token: string;
  readonly tags: readonly string[];
}

export type ConllDocument = ConllRow[][];

export function parseConll(text: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let sentence: ConllRow[] = [];
  let columns = -1;
  const endSentence = () => {
    if (sentence.length > 0) documents.at(-1)!.push(sentence);
    sentence = [];
  };
  text.split('\n').forEach((line, i) => {
    if (line === '') return endSentence();
    const [token, ...tags] = line.split('\t');
    if (columns === -1) columns = tags.length;
    assert.equal(tags.length, columns, `line ${i + 1} has ${tags.length} tag columns, not ${columns}: ${line}`);
    if (token!.startsWith('-DOCSTART-')) {
      endSentence();
      assert.ok(tags.every((t) => t === 'O'), `line ${i + 1}: -DOCSTART- is tagged O`);
      documents.push([]);
      return;
    }
    assert.ok(documents.length > 0, 'the file starts with -DOCSTART-');
    assert.ok(token !== undefined && token !== '' && !/\s/u.test(token), `line ${i + 1}: a token without spaces`);
    sentence.push({ token, tags });
  });
  endSentence();
  return documents;
}

/** Asserts that each column of each sentence is IOB2: I-X only right after B-X or I-X. */
export function assertWellFormed(documents: readonly ConllDocument[]): void {
  for (const sentence of documents.flat()) {
    const columns = sentence[0]!.tags.length;
    for (let c = 0; c < columns; c++) {
      let previous = 'O';
      for (const row of sentence) {
        const tag = row.tags[c]!;
        assert.match(tag, /^(O|[BI]-[A-Z]+)$/, `tag "${tag}"`);
        if (tag.startsWith('I-')) {
          assert.ok(previous !== 'O' && previous.slice(2) === tag.slice(2), `${tag} after ${previous} at "${row.token}"`);
        }
        previous = tag;
      }
    }
  }
}

export interface Run {
  readonly label: string;
  /** Code points, half-open, in the document's text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Finds each token in `text` in turn (only white space may lie between them, so the tokens read
 * back are the text) and returns, per column, the tagged runs with the text they cover.
 */
export function runsOf(document: ConllDocument, text: string): Run[][] {
  const chars = Array.from(text);
  const rows = document.flat();
  const columns = rows[0]?.tags.length ?? 0;
  const runs: Run[][] = Array.from({ length: columns }, () => []);
  const open: ({ label: string; start: number } | null)[] = new Array(columns).fill(null);
  let at = 0;
  let lastEnd = 0;
  const close = (c: number) => {
    const run = open[c];
    if (run) runs[c]!.push({ ...run, end: lastEnd, text: chars.slice(run.start, lastEnd).join('') });
    open[c] = null;
  };
  for (const row of rows) {
    while (at < chars.length && /\s/u.test(chars[at]!)) at++;
    const token = Array.from(row.token);
    assert.equal(chars.slice(at, at + token.length).join(''), row.token, `token "${row.token}" is next in the text`);
    row.tags.forEach((tag, c) => {
      if (tag === 'O' || tag.startsWith('B-')) close(c);
      if (tag.startsWith('B-')) open[c] = { label: tag.slice(2), start: at };
    });
    at += token.length;
    lastEnd = at;
  }
  for (let c = 0; c < columns; c++) close(c);
  assert.ok(chars.slice(at).every((ch) => /\s/u.test(ch)), 'every token of the text is read back');
  return runs;
}
