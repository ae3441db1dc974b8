/**
 * `npm run bench:assist`: how far suggestions cut the work of tagging the seed corpus.
 *
 * The gold is test/fixtures/assist/gold.json: the claims, actors, locations and dates of the five
 * seed articles, tagged by hand, each article's own text only (its boilerplate left out). A
 * scripted analyst reaches exactly that gold, document by document in library order, in a library
 * of its own for each way of working:
 *  - by hand: every gold span is a drag and a label key (2 actions);
 *  - assisted: G (1 key) shows the document's suggestions (dates; claims and their actors read from
 *    reported speech, actor descriptions and named places read from their head word; the
 *    gazetteer's names, when one is imported; what the layer tagged in earlier documents, learned).
 *    A suggestion counts only when exactly a gold span: one a word too long is rejected (a key) and
 *    the gold span dragged as by hand. Suggestions of one text and
 *    label are decided together when they are all gold or all wrong (Shift+Y or Shift+X: 1 key);
 *    when mixed, the fewer kind one by one (Y or X), then the rest together (1 key). Every gold span still missing is then a drag and a key; when its
 *    text recurs in the document's remaining gold, E (1 key) offers the other occurrences, decided
 *    as above;
 *  - assisted, with proposed scope: first each scope proposal is decided (P, then O to leave it
 *    out, or K to keep it when it covers gold text: 2 keys), then as above, the suggestions
 *    leaving out what the layer left out;
 *  - assisted, in gold scope: the suggestion pipeline's scope hook left to the gold's article range
 *    (what a perfect scope would give: no suggestions in boilerplate, at no cost).
 * Each assisted way runs without and with a gazetteer (test/fixtures/assist/places.csv: the
 * region's countries, capitals and a few cities; a generic list, not the gold's). Precision and
 * recall are counted on every suggestion offered (exact: same start, end and label as a gold span),
 * per label. Writes bench-results/assist.json and prints it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS, type Label } from '../../electron/contract/labels.ts';
import type { Suggestion } from '../../electron/contract/contract.ts';
import { Suggester, EVERYWHERE, type ScopeFilter } from '../../electron/core/suggest/suggestions.ts';
import { fold } from '../../electron/text/normalise.ts';
import { isProcliticRun } from '../../electron/text/proclitics.ts';
import { CodePointIndex } from '../../electron/text/codepoints.ts';
import { openCore } from '../support/core.ts';
import { PROJECT_ROOT } from '../support/hamish.ts';
import { writeBenchResult } from './results.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'assist');

interface GoldFile {
  readonly documents: Record<string, { article: [string, string | null]; spans: ([Label, string] | [Label, string, string])[] }>;
}

interface Span {
  readonly label: Label;
  readonly start: number;
  readonly end: number;
}

const key = ({ label, start, end }: Span) => `${label} ${start} ${end}`;
const LETTER = /[\p{L}\p{M}\p{N}]/u;

/** Whether [at, at + length) of `text` is whole words, a proclitic run before it allowed. */
function wholeWord(text: string, at: number, length: number): boolean {
  if (LETTER.test(text[at + length] ?? ' ')) return false;
  let word = at;
  while (word > 0 && LETTER.test(text[word - 1]!)) word--;
  return word === at || isProcliticRun(text.slice(word, at));
}

/** `needle` as a pattern: any white space (the seeds have no-break spaces) between its words. */
function pattern(needle: string): RegExp {
  return new RegExp(needle.split(' ').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'gu');
}

/** The first whole-word `needle` in [from, to) of `text` that `taken` does not refuse, or null. */
function find(text: string, needle: string, from: number, to: number, taken: (at: number, end: number) => boolean): { at: number; end: number } | null {
  const search = pattern(needle);
  search.lastIndex = from;
  for (let match = search.exec(text); match && match.index + match[0].length <= to; match = search.exec(text)) {
    const end = match.index + match[0].length;
    if (wholeWord(text, match.index, match[0].length) && !taken(match.index, end)) return { at: match.index, end };
    search.lastIndex = match.index + 1;
  }
  return null;
}

/** The gold spans of each document in code points, each found as gold.json says; and each article's range. */
function resolveGold(texts: Map<string, string>): Map<string, { spans: Span[]; article: { start: number; end: number } }> {
  const gold = JSON.parse(readFileSync(join(FIXTURES, 'gold.json'), 'utf8')) as GoldFile;
  const resolved = new Map<string, { spans: Span[]; article: { start: number; end: number } }>();
  for (const [id, { article, spans }] of Object.entries(gold.documents)) {
    const text = texts.get(id);
    assert.ok(text !== undefined, `gold names document ${id}, which the seeds do not have`);
    const begin = text.indexOf(article[0]);
    const finish = article[1] === null ? text.length : text.indexOf(article[1], begin);
    assert.ok(begin >= 0 && finish > begin, `${id}: the article's start or end marker is not in the text`);
    const index = new CodePointIndex(text);
    const found: Span[] = [];
    const placed: { label: Label; at: number; end: number }[] = [];
    let cursor = begin;
    for (const [label, needle, context] of spans) {
      // A gold span of the label there already (the same one, or one it would overlap) is not this one.
      const taken = (at: number, end: number) => placed.some((p) => p.label === label && p.at < end && at < p.end);
      const around = context === undefined ? null : find(text, context, cursor, finish, () => false);
      const found_ = around ? find(text, needle, around.at, around.end, taken) : context === undefined ? find(text, needle, cursor, finish, taken) : null;
      assert.ok(found_, `${id}: gold span ${label} «${needle}»${context ? ` in «${context}»` : ''} not found after offset ${cursor}`);
      placed.push({ label, ...found_ });
      found.push({ label, start: index.toCodePoint(found_.at), end: index.toCodePoint(found_.end) });
      cursor = found_.at;
    }
    resolved.set(id, { spans: found, article: { start: index.toCodePoint(begin), end: index.toCodePoint(finish) } });
  }
  return resolved;
}

interface Tally {
  actions: number;
  drags: number;
  keys: number;
  /** Per label: suggestions offered, those exactly gold, gold spans reached by accepting one. */
  offered: Record<Label, number>;
  correct: Record<Label, number>;
  accepted: Record<Label, number>;
  /** Proposed scope, in code points: proposed out, of that outside the gold's article, all that is outside it. */
  scope: { proposed: number; correct: number; outside: number };
}

const perLabel = () => Object.fromEntries(LABELS.map((label) => [label, 0])) as Record<Label, number>;

/** One scripted session over the whole corpus; returns what it cost. */
function session(
  gold: ReturnType<typeof resolveGold>,
  options: { assisted: boolean; scope: 'none' | 'gold' | 'proposed'; gazetteer: boolean },
): Tally {
  const core = openCore({ annotator: 'bench' });
  const tally: Tally = { actions: 0, drags: 0, keys: 0, offered: perLabel(), correct: perLabel(), accepted: perLabel(), scope: { proposed: 0, correct: 0, outside: 0 } };
  const press = (n = 1) => ((tally.keys += n), (tally.actions += n));
  try {
    if (options.gazetteer) {
      const report = core.call('importGazetteer', { file: 'places.csv', text: readFileSync(join(FIXTURES, 'places.csv'), 'utf8') });
      assert.deepEqual(report.problems, []);
    }
    const inScope: ScopeFilter =
      options.scope === 'gold'
        ? (documentId) => {
            const article = gold.get(documentId)!.article;
            return (range) => range.start >= article.start && range.end <= article.end;
          }
        : EVERYWHERE;
    // With proposed scope, the contract's own operations: they leave out what the layer left out.
    const suggester = new Suggester(connectionOf(core.hamish), inScope);
    const suggest = (documentId: string) =>
      options.scope === 'proposed' ? core.call('suggest', { documentId }).suggestions : suggester.forDocument(documentId, layer, 'layer');
    const propagate = (span: number) =>
      options.scope === 'proposed' ? core.call('propagate', { span }).suggestions : suggester.propagate(span, false).suggestions;
    const layer = connectionOf(core.hamish).prepare<[], number>("SELECT id FROM annotators WHERE name = 'bench'").pluck().get()!;
    for (const [documentId, { spans, article }] of gold) {
      const wanted = new Set(spans.map(key));
      const done = new Set<string>();
      /** Decides suggestions as the analyst would, a group of one text and label at a time. */
      const decide = (suggestions: readonly Suggestion[]) => {
        const groups = new Map<string, Suggestion[]>();
        for (const s of suggestions) {
          tally.offered[s.label]++;
          if (wanted.has(key(s))) tally.correct[s.label]++;
          const group = `${s.label} ${fold(s.text)}`;
          groups.set(group, [...(groups.get(group) ?? []), s]);
        }
        for (const group of groups.values()) {
          const good = group.filter((s) => wanted.has(key(s)) && !done.has(key(s)));
          const bad = group.filter((s) => !good.includes(s));
          // All of a kind: one Shift+Y or Shift+X. Mixed: the fewer decided one by one (Y or X),
          // then the rest all at once.
          press(good.length === 0 || bad.length === 0 ? 1 : 1 + Math.min(good.length, bad.length));
          if (good.length > 0) {
            core.call('acceptSuggestions', { documentId, suggestions: good.map(({ start, end, label }) => ({ start, end, label })) });
            for (const s of good) {
              done.add(key(s));
              tally.accepted[s.label]++;
            }
          }
          if (bad.length > 0) core.call('rejectSuggestions', { documentId, suggestions: bad.map(({ start, end, label }) => ({ start, end, label })) });
        }
      };
      if (options.scope === 'proposed') {
        // Each proposal: P to it, then O (out of scope) or, over gold text, K (keep it).
        const length = Array.from(texts.get(documentId)!).length;
        tally.scope.outside += article.start + (length - article.end);
        for (const { start, end } of core.call('openDocument', { id: documentId }).scope.proposals) {
          press(2);
          tally.scope.proposed += end - start;
          tally.scope.correct += Math.max(0, Math.min(end, article.start) - start) + Math.max(0, end - Math.max(start, article.end));
          if (spans.some((span) => span.start < end && start < span.end)) core.call('rejectScope', { documentId, start, end });
          else core.call('setScope', { documentId, start, end, inScope: false });
        }
      }
      if (options.assisted) {
        press(); // G
        decide(suggest(documentId));
      }
      for (const span of spans) {
        if (done.has(key(span))) continue;
        // A drag, a label key.
        tally.drags++;
        tally.keys++;
        tally.actions += 2;
        let created;
        try {
          created = core.call('createSpan', { documentId, ...span });
        } catch (error) {
          throw new Error(`${documentId}: gold span ${span.label} «${textOf(documentId, span)}»: ${(error as Error).message}`);
        }
        assert.deepEqual({ label: created.label, start: created.start, end: created.end }, span, 'the editor stores the span as dragged');
        done.add(key(span));
        if (!options.assisted || span.label === 'claim') continue;
        const text = textOf(documentId, span);
        const recurs = spans.some((other) => !done.has(key(other)) && other.label === span.label && other !== span && fold(textOf(documentId, other)) === fold(text));
        if (recurs) {
          press(); // E
          decide(propagate(created.id));
        }
      }
      // The layer is exactly the gold: nothing accepted that is not, nothing missing.
      const stored = core.call('openDocument', { id: documentId }).spans.map((s) => key(s)).sort();
      assert.deepEqual(stored, [...wanted].sort(), `${documentId}: the session's layer is the gold`);
    }
    return tally;
  } finally {
    core.close();
  }

  function textOf(documentId: string, span: Span): string {
    return Array.from(texts.get(documentId)!).slice(span.start, span.end).join('');
  }
}

const texts = new Map<string, string>();
{
  const core = openCore({ annotator: 'bench' });
  for (const { id } of core.call('listDocuments', {})) texts.set(id, core.call('openDocument', { id }).text);
  core.close();
}
const gold = resolveGold(texts);
const goldCount = perLabel();
for (const { spans } of gold.values()) for (const span of spans) goldCount[span.label]++;
const total = Object.values(goldCount).reduce((a, b) => a + b, 0);

const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
function report(tally: Tally) {
  const labels = Object.fromEntries(
    LABELS.map((label) => [
      label,
      {
        gold: goldCount[label],
        offered: tally.offered[label],
        precision: round(tally.offered[label] === 0 ? null : tally.correct[label] / tally.offered[label]),
        recall: round(tally.accepted[label] / goldCount[label]),
      },
    ]),
  );
  return { actions: tally.actions, drags: tally.drags, keys: tally.keys, fewer: round(1 - tally.actions / (2 * total)), suggestions: labels };
}

const byHand = session(gold, { assisted: false, scope: 'none', gazetteer: false });
const withProposedScope = session(gold, { assisted: true, scope: 'proposed', gazetteer: false });
const result = {
  gold: { documents: gold.size, spans: total, perLabel: goldCount },
  byHand: { actions: byHand.actions, drags: byHand.drags, keys: byHand.keys },
  assisted: report(session(gold, { assisted: true, scope: 'none', gazetteer: false })),
  assistedWithGazetteer: report(session(gold, { assisted: true, scope: 'none', gazetteer: true })),
  assistedWithProposedScope: report(withProposedScope),
  assistedWithProposedScopeAndGazetteer: report(session(gold, { assisted: true, scope: 'proposed', gazetteer: true })),
  assistedInGoldScope: report(session(gold, { assisted: true, scope: 'gold', gazetteer: false })),
  assistedInGoldScopeWithGazetteer: report(session(gold, { assisted: true, scope: 'gold', gazetteer: true })),
  proposedScope: {
    precision: round(withProposedScope.scope.correct / withProposedScope.scope.proposed),
    recall: round(withProposedScope.scope.correct / withProposedScope.scope.outside),
    unit: 'code points outside the gold article range',
  },
  note: '"fewer" is the share of by-hand actions saved; every accept and reject is a key, every gold span not offered exactly a drag and a key; proposed scope costs 2 keys a proposal (P, then O or I)',
};
writeBenchResult('assist', result);
