/**
 * Agreement on claim cards: exact F1 of role links per role and for all, via order, stance kappa
 * (Cohen's per pair, Fleiss' over all): the measures against hand-worked examples, then the
 * report of a real library through the contract and the CLI.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgreementReport } from '../../electron/contract/contract.ts';
import { cohenKappa, cohenKappaNominal, fleissKappaNominal } from '../../electron/core/agreement/coding.ts';
import { addText, codePointRange, openCore } from '../support/core.ts';
import { runCli } from '../support/hamish.ts';

const close = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('stance measures, by hand', () => {
  test("Cohen's kappa over three stances", () => {
    // 10 claims. First's totals 5, 4, 1; second's 5, 3, 2; 7 agree. Expected (25 + 12 + 2) / 100.
    close(cohenKappaNominal([[4, 1, 0], [1, 2, 1], [0, 0, 1]]), (0.7 - 0.39) / (1 - 0.39));
    // Two categories: the token kappa's own example (20 both, 5 and 10 one each, 15 neither: 0.4).
    close(cohenKappaNominal([[20, 5], [10, 15]]), 0.4);
    close(cohenKappaNominal([[20, 5], [10, 15]]), cohenKappa({ both: 20, onlyFirst: 5, onlySecond: 10, neither: 15 })!);
    assert.equal(cohenKappaNominal([[3, 0, 0], [0, 0, 0], [0, 0, 0]]), null, 'all one stance: chance agrees on all');
    assert.equal(cohenKappaNominal([[0, 0], [0, 0]]), null);
  });

  test("Fleiss' kappa: Fleiss (1971) as Wikipedia works it, 10 items, 14 raters, 5 categories", () => {
    const items = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    // P̄ = 0.378, P̄e = 0.213 (by column shares 0.143, 0.200, 0.279, 0.150, 0.229).
    const shares = [20, 28, 39, 21, 32].map((n) => n / 140);
    const pe = shares.reduce((s, p) => s + p * p, 0);
    const observed = items.reduce((s, item) => s + item.reduce((t, n) => t + n * (n - 1), 0) / (14 * 13), 0) / 10;
    close(fleissKappaNominal(items), (observed - pe) / (1 - pe));
    assert.equal(fleissKappaNominal(items)!.toFixed(3), '0.210');
    assert.equal(fleissKappaNominal([]), null);
  });
});

const TEXT = 'أفادت وكالة رويترز نقلا عن قناة الحرة عن مسؤول أمريكي، أن مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق.';
const at = (needle: string) => codePointRange(TEXT, needle);

/**
 * layla: source the official, via Reuters then al-Hurra, location Iraq, hedged. omar: the same
 * source, the chain the other way round, no location, hedged. sara: the claim, no card.
 */
function library(): string {
  const first = openCore({ seed: false, annotator: 'layla' });
  const doc = addText(first, 'reuters', TEXT);
  first.close();
  const withCore = (annotator: string, body: (core: ReturnType<typeof openCore>, span: (needle: string, label: 'claim' | 'actor' | 'location') => number) => void) => {
    const core = openCore({ file: first.file, annotator });
    body(core, (needle, label) => core.call('createSpan', { documentId: doc, ...at(needle), label }).id);
    core.close();
  };
  const CLAIM = 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق';
  for (const [annotator, chain, withIraq] of [['layla', ['وكالة رويترز', 'قناة الحرة'], true], ['omar', ['قناة الحرة', 'وكالة رويترز'], false]] as const) {
    withCore(annotator, (core, span) => {
      const claim = span(CLAIM, 'claim');
      core.call('linkRole', { claim, role: 'source', span: span('مسؤول أمريكي', 'actor') });
      for (const via of chain) core.call('linkRole', { claim, role: 'via', span: span(via, 'actor') });
      if (withIraq) core.call('linkRole', { claim, role: 'location', span: span('العراق', 'location') });
      core.call('setStance', { claim, stance: 'hedged' });
    });
  }
  withCore('sara', (_core, span) => span(CLAIM, 'claim'));
  return first.file;
}

const byRole = (report: AgreementReport, role: string) =>
  report.cards.roles.find((r) => r.role === role)!.pairs.map((p) => [p.annotators.join('/'), p.matched, p.first, p.second, p.f1]);

describe('agreement on cards in the report', () => {
  test('role links per role and all, via order apart, stance kappa per pair and Fleiss over all', () => {
    const core = openCore({ file: library(), annotator: 'lead' });
    const report = core.call('agreement', {});
    assert.deepEqual(report.annotators, ['layla', 'omar', 'sara']);
    assert.deepEqual(byRole(report, 'source'), [['layla/omar', 1, 1, 1, 1], ['layla/sara', 0, 1, 0, 0], ['omar/sara', 0, 1, 0, 0]]);
    assert.deepEqual(byRole(report, 'via')[0], ['layla/omar', 2, 2, 2, 1], 'the via chain counts as links, whatever their order');
    assert.deepEqual(byRole(report, 'location')[0], ['layla/omar', 0, 1, 0, 0]);
    assert.deepEqual(byRole(report, 'date')[0], ['layla/omar', 0, 0, 0, null]);
    assert.deepEqual(byRole(report, 'all')[0], ['layla/omar', 3, 4, 3, 6 / 7]);
    assert.deepEqual(report.cards.viaOrder[0], { annotators: ['layla', 'omar'], chains: 1, same: 0, agreement: 0 });
    const [lo, ls] = report.cards.stance.pairs;
    // Both hedged, on their only claim: they agree, and so would chance: kappa is undefined.
    assert.deepEqual(lo, { annotators: ['layla', 'omar'], claims: 1, observed: 1, kappa: null });
    assert.deepEqual(ls, { annotators: ['layla', 'sara'], claims: 1, observed: 0, kappa: 0 });
    // One claim, stances (asserted 1, denied 0, hedged 2): P = 2/6, Pe = 1/9 + 4/9, kappa = -0.5.
    close(report.cards.stance.fleissKappa, -0.5);
    assert.equal(report.cards.stance.claims, 1);
    assert.deepEqual(core.call('agreementSummary', {}).cards, report.cards, 'the panel opens with the same figures');
    core.close();
  });

  test('hamish agreement prints the cards tables; --json carries them', async () => {
    const db = library();
    const result = await runCli(['agreement', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const cards = result.stdout.slice(result.stdout.indexOf('Claim cards'));
    const lines = cards.split('\n');
    assert.match(lines[2]!, /^role links, exact F1\s+layla\/omar\s+layla\/sara\s+omar\/sara\s+mean$/);
    assert.match(lines.find((l) => l.startsWith('all'))!, /^all\s+0\.857\s+0\.000\s+0\.000\s+0\.286$/);
    assert.match(cards, /^Cohen's kappa\s+—\s+0\.000\s+0\.000\s+0\.000\s+-0\.500$/m);
    assert.match(cards, /Via chains with the same spans, in the same order: layla\/omar 0 of 1, layla\/sara 0 of 0, omar\/sara 0 of 0\./);
    const json = JSON.parse((await runCli(['agreement', '--json', '--annotators', 'omar,layla', '--db', db])).stdout) as AgreementReport;
    assert.deepEqual(json.cards.roles.at(-1)!.pairs[0]!.annotators, ['omar', 'layla']);
    assert.equal(json.cards.roles.at(-1)!.pairs[0]!.f1, 6 / 7);
  });
});
