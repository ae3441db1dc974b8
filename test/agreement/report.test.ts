import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgreementReport } from '../../electron/contract/contract.ts';
import type { Label } from '../../electron/contract/labels.ts';
import { addText, assertHamishError, codePointRange, openCore } from '../support/core.ts';

// An emoji (two UTF-16 units, one code point) before every span, so offsets in the wrong unit show.
const TEXT = '📰 قال وزير الخارجية إن الاجتماع في بغداد سيعقد يوم الأحد المقبل.';

type Tag = readonly [needle: string, label: Label];

const TAGS: Record<string, readonly Tag[]> = {
  layla: [['وزير الخارجية', 'actor'], ['بغداد', 'location'], ['يوم الأحد', 'date'], ['الاجتماع في بغداد سيعقد يوم الأحد المقبل', 'claim'], ['الاجتماع في بغداد', 'claim']],
  omar: [['بغداد', 'location'], ['وزير الخارجية', 'actor'], ['يوم الأحد المقبل', 'date'], ['الاجتماع في بغداد سيعقد يوم الأحد المقبل', 'claim']],
  sara: [['وزير', 'actor'], ['الأحد', 'date'], ['الاجتماع في بغداد سيعقد', 'claim'], ['بغداد', 'location']],
};

/** A library where each annotator tags TEXT, in the order given (or reversed). */
function library(order: 'given' | 'reversed' = 'given') {
  const first = openCore({ seed: false, annotator: 'layla' });
  const id = addText(first, 'article', TEXT);
  first.close();
  for (const [annotator, tags] of Object.entries(TAGS)) {
    const core = openCore({ file: first.file, annotator });
    for (const [needle, label] of order === 'given' ? tags : [...tags].reverse()) {
      core.call('createSpan', { documentId: id, ...codePointRange(TEXT, needle), label });
    }
    core.close();
  }
  return { file: first.file, id };
}

function withLibrary<T>(fn: (core: ReturnType<typeof openCore>, id: string) => T, order?: 'given' | 'reversed'): T {
  const { file, id } = library(order);
  const core = openCore({ file, annotator: 'lead' });
  try {
    return fn(core, id);
  } finally {
    core.close();
  }
}

const row = (report: AgreementReport, label: string) => report.corpus.labels.find((r) => r.label === label)!;
const pair = (report: AgreementReport, label: string, a: string, b: string) =>
  row(report, label).pairs.find((p) => p.annotators[0] === a && p.annotators[1] === b)!;

describe('the agreement operation', () => {
  test('everyone with spans, every pair; identical layers agree perfectly, different edges only partly', () => {
    withLibrary((core, id) => {
      const report = core.call('agreement', {});
      assert.deepEqual(report.annotators, ['layla', 'omar', 'sara']);
      assert.deepEqual(report.pairs, [['layla', 'omar'], ['layla', 'sara'], ['omar', 'sara']]);
      assert.deepEqual(report.documents.map((d) => d.id), [id]);
      assert.deepEqual(report.corpus.labels.map((r) => r.label), ['claim', 'actor', 'location', 'date', 'all']);

      const location = pair(report, 'location', 'layla', 'omar');
      assert.deepEqual(location.exact, { matched: 1, first: 1, second: 1, precision: 1, recall: 1, f1: 1 });
      assert.equal(location.kappa, 1);
      assert.equal(location.alpha, 1);
      assert.equal(location.alphaU, 1);

      // "وزير" against "وزير الخارجية": no exact match, one partial.
      const actor = pair(report, 'actor', 'layla', 'sara');
      assert.equal(actor.exact.matched, 0);
      assert.equal(actor.exact.f1, 0);
      assert.equal(actor.partial.matched, 1);
      assert.equal(actor.partial.f1, 1);
      assert.ok(actor.kappa! > 0 && actor.kappa! < 1, `kappa ${actor.kappa}`);
      assert.ok(actor.alphaU! < 1, `alphaU ${actor.alphaU}`);

      // layla's two claims against omar's one: precision ½, recall 1; the nested claim pairs with nothing.
      const claim = pair(report, 'claim', 'layla', 'omar');
      assert.deepEqual(claim.exact, { matched: 1, first: 2, second: 1, precision: 0.5, recall: 1, f1: 2 / 3 });
      assert.equal(claim.partial.matched, 1);
      // On tokens and for αU the nested claim adds nothing: both cover the same words.
      assert.equal(claim.kappa, 1);
      assert.equal(claim.alphaU, 1);

      const overall = row(report, 'location').overall;
      assert.equal(overall.mean.exactF1, 1);
      assert.equal(overall.fleissKappa, 1);
      assert.equal(overall.alphaU, 1);
      // With one document, the corpus is that document.
      assert.deepEqual(report.documents[0]!.labels, report.corpus.labels);
    });
  });

  test('the disagreements behind the numbers: who made a span and who did not, with its text', () => {
    withLibrary((core, id) => {
      const { disagreements } = core.call('agreement', {});
      const minister = disagreements.find((d) => d.text === 'وزير')!;
      assert.deepEqual(minister, { document: id, label: 'actor', ...codePointRange(TEXT, 'وزير'), text: 'وزير', by: ['sara'], missing: ['layla', 'omar'] });
      const pairMinister = disagreements.find((d) => d.text === 'وزير الخارجية')!;
      assert.deepEqual([pairMinister.by, pairMinister.missing], [['layla', 'omar'], ['sara']]);
      assert.ok(!disagreements.some((d) => d.label === 'location'), 'everyone tagged بغداد');
      assert.deepEqual(
        disagreements.filter((d) => d.label === 'date').map((d) => d.text),
        ['يوم الأحد المقبل', 'يوم الأحد', 'الأحد'],
        'in reading order, the longer first',
      );
    });
  });

  test('the report does not depend on the order the spans were stored in', () => {
    const given = withLibrary((core) => core.call('agreement', {}));
    const reversed = withLibrary((core) => core.call('agreement', {}), 'reversed');
    assert.deepEqual(reversed, given);
  });

  test('chosen annotators, in the order given, and chosen labels', () => {
    withLibrary((core) => {
      const report = core.call('agreement', { annotators: ['omar', 'layla'], labels: ['date', 'location'] });
      assert.deepEqual(report.annotators, ['omar', 'layla']);
      assert.deepEqual(report.pairs, [['omar', 'layla']]);
      assert.deepEqual(report.corpus.labels.map((r) => r.label), ['location', 'date', 'all']);
      assert.deepEqual(report.corpus.labels[0]!.pairs[0]!.annotators, ['omar', 'layla']);
      assert.deepEqual(report.disagreements.map((d) => [d.text, d.by, d.missing]), [
        ['يوم الأحد المقبل', ['omar'], ['layla']],
        ['يوم الأحد', ['layla'], ['omar']],
      ]);
    });
  });

  test('the gold layer is compared with only when named', () => {
    withLibrary((core, id) => {
      core.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'بغداد'), label: 'location', layer: 'gold' });
      assert.deepEqual(core.call('agreement', {}).annotators, ['layla', 'omar', 'sara']);
      const withGold = core.call('agreement', { annotators: ['omar', 'gold'], labels: ['location'] });
      assert.equal(pair(withGold, 'location', 'omar', 'gold').exact.f1, 1);
    });
  });

  test('a label nobody used scores null, never NaN', () => {
    const first = openCore({ seed: false, annotator: 'layla' });
    const id = addText(first, 'article', TEXT);
    first.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'بغداد'), label: 'location' });
    first.close();
    const second = openCore({ file: first.file, annotator: 'omar' });
    second.call('createSpan', { documentId: id, ...codePointRange(TEXT, 'بغداد'), label: 'location' });
    try {
      const report = second.call('agreement', {});
      const actor = report.corpus.labels.find((r) => r.label === 'actor')!;
      assert.deepEqual(actor.pairs[0], {
        annotators: ['layla', 'omar'],
        exact: { matched: 0, first: 0, second: 0, precision: null, recall: null, f1: null },
        partial: { matched: 0, first: 0, second: 0, precision: null, recall: null, f1: null },
        kappa: null,
        alpha: null,
        alphaU: null,
      });
      assert.deepEqual(actor.overall, {
        mean: { exactF1: null, partialF1: null, kappa: null, alpha: null, alphaU: null },
        fleissKappa: null,
        alpha: null,
        alphaU: null,
      });
      assert.doesNotMatch(JSON.stringify(report), /NaN|Infinity/);
    } finally {
      second.close();
    }
  });

  test('refuses fewer than two annotators, an unknown annotator or document, with a clear message', () => {
    withLibrary((core, id) => {
      assertHamishError(() => core.callRaw('agreement', { annotators: ['layla'] }), 'invalid_input', /two or more annotators/);
      assertHamishError(() => core.call('agreement', { annotators: ['layla', 'layla'] }), 'invalid_input', /two or more annotators/);
      assertHamishError(() => core.call('agreement', { annotators: ['layla', 'nadia'] }), 'not_found', /unknown annotator "nadia" \(annotators with spans: layla, omar, sara\)/);
      assertHamishError(() => core.call('agreement', { documents: ['nope'] }), 'not_found', /no document "nope"/);
      assertHamishError(() => core.callRaw('agreement', { labels: ['person'] }), 'invalid_input', /labels/);
      const alone = addText(core, 'alone', 'خبر آخر عن دمشق.');
      const layla = openCore({ file: core.file, annotator: 'layla' });
      layla.call('createSpan', { documentId: alone, ...codePointRange('خبر آخر عن دمشق.', 'دمشق'), label: 'location' });
      layla.close();
      assertHamishError(() => core.call('agreement', { documents: [alone] }), 'invalid_input', /two or more annotators, and only layla has spans in these documents/);
      assert.equal(core.call('agreement', { documents: [alone, id] }).documents.length, 2);
    });
  });
});

describe('the agreement a page at a time, as the panel asks for it', () => {
  /** What the panel lists for a label and pair, read off the whole report. */
  const behind = (report: AgreementReport, label: string, [a, b]: readonly [string, string]) =>
    report.disagreements.filter((d) => (label === 'all' || d.label === label) && d.by.includes(a) !== d.by.includes(b));

  test('the summary: the corpus scores of the report, who tagged how many documents, and the count behind each number', () => {
    withLibrary((core, id) => {
      const report = core.call('agreement', {});
      const summary = core.call('agreementSummary', {});
      assert.deepEqual(summary.corpus, report.corpus);
      assert.deepEqual([summary.annotators, summary.pairs, summary.labels], [report.annotators, report.pairs, report.labels]);
      assert.deepEqual([summary.documents, summary.tagged, summary.common], [1, [1, 1, 1], [id]]);
      assert.deepEqual(summary.disagreements.map((d) => d.label), [...report.labels, 'all']);
      for (const { label, pairs } of summary.disagreements) {
        assert.deepEqual(pairs, report.pairs.map((pair) => behind(report, label, pair).length), label);
      }
    });
  });

  test('pages of the disagreements behind a number, in the order of the report, until the last', () => {
    withLibrary((core) => {
      const report = core.call('agreement', {});
      for (const label of ['actor', 'claim', 'all'] as const) {
        for (const pair of report.pairs) {
          const expected = behind(report, label, pair);
          const pages = [];
          for (let offset = 0; offset === 0 || offset < expected.length; offset += 2) {
            const page = core.call('agreementDisagreements', { label, pair, offset, limit: 2 });
            assert.equal(page.total, expected.length, `${label} ${pair.join('/')}`);
            pages.push(...page.disagreements);
          }
          assert.deepEqual(pages, expected, `${label} ${pair.join('/')}`);
        }
      }
      assert.deepEqual(core.call('agreementDisagreements', { label: 'all', pair: ['layla', 'sara'], offset: 1000 }).disagreements, []);
    });
  });

  test('refuses a pair that is not two of the annotators measured, naming them', () => {
    withLibrary((core) => {
      assertHamishError(
        () => core.call('agreementDisagreements', { label: 'all', pair: ['layla', 'nadia'] }),
        'invalid_input',
        /pair: two of the annotators measured \(layla, omar, sara\)/,
      );
      assertHamishError(() => core.call('agreementDisagreements', { label: 'all', pair: ['layla', 'layla'] }), 'invalid_input', /pair/);
      assertHamishError(() => core.callRaw('agreementDisagreements', { label: 'all', pair: ['layla', 'omar'], limit: 0 }), 'invalid_input', /limit/);
    });
  });
});
