/**
 * The measures on hand-worked examples from the literature. The αU examples and their expected
 * values are those of DKPro Agreement's own tests (dkpro-statistics-agreement, package
 * org.dkpro.statistics.agreement.unitizing: Krippendorff2004Test, Krippendorff1995Test,
 * UnitizingAgreementTest), which take them from Krippendorff, "Content Analysis", 2nd ed., 2004,
 * p. 254, and "On the reliability of unitizing contiguous data", Sociological Methodology 25, 1995,
 * p. 57.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cohenKappa, fleissKappa, histogramOf, nominalAlpha } from '../../electron/core/agreement/coding.ts';
import { exactMatches, partialMatches } from '../../electron/core/agreement/matching.ts';
import {
  alphaOf,
  mergeOverlaps,
  pooledAlpha,
  unitizingDisagreement,
  type Extent,
} from '../../electron/core/agreement/unitizing.ts';

/** [offset, length] as DKPro's addUnit takes them, moved so the continuum starts at 0. */
const units = (begin: number, ...spans: [number, number][]): Extent[] =>
  spans.map(([offset, length]) => ({ start: offset - begin, end: offset - begin + length }));

function near(actual: number | null, expected: number, tolerance: number, what: string): void {
  assert.ok(actual !== null, `${what} is null`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance}`);
}

describe("Krippendorff's unitizing alpha", () => {
  test('Krippendorff 2004, p. 254: two observers, categories c and k on [150, 450)', () => {
    const c = unitizingDisagreement([units(150, [225, 70], [370, 30]), units(150, [220, 80], [355, 20], [400, 20])], 300);
    const k = unitizingDisagreement([units(150, [180, 60], [300, 50]), units(150, [180, 60], [300, 50])], 300);
    near(c.observed, 0.0144, 0.0001, 'observed c');
    near(c.expected, 0.0532, 0.0001, 'expected c');
    near(alphaOf(c), 0.7286, 0.0001, 'αU c');
    near(k.observed, 0, 0.0001, 'observed k');
    near(k.expected, 0.049, 0.0001, 'expected k');
    near(alphaOf(k), 1, 0.0001, 'αU k');
    near(pooledAlpha([c, k]), 0.8591, 0.0005, 'αU over both');
  });

  test('Krippendorff 1995, p. 57: the four pairs of coders A–D', () => {
    const example = (stretch: number) => {
      const u = (...spans: [number, number][]) => spans.map(([o, l]) => ({ start: Math.trunc(o * stretch), end: Math.trunc(o * stretch) + Math.trunc(l * stretch) }));
      const length = Math.trunc(24 * stretch);
      return {
        A: unitizingDisagreement([u([2, 8], [14, 6]), u([4, 4], [15, 2])], length),
        B: unitizingDisagreement([u([0, 18]), u([0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1])], length),
        C: unitizingDisagreement([u([2, 6], [10, 2], [14, 4], [20, 2]), u([0, 2], [4, 4], [10, 4], [16, 2], [20, 2])], length),
        D: unitizingDisagreement([u([0, 2], [2, 8], [10, 4], [14, 6], [20, 4]), u([0, 4], [4, 4], [8, 7], [15, 2], [17, 7])], length),
      };
    };
    const small = example(1);
    near(small.A.observed, 0.03125, 0.00001, 'observed A');
    near(small.B.observed, 2.26736, 0.00001, 'observed B');
    near(small.C.observed, 0.02777, 0.00001, 'observed C');
    near(small.D.observed, 0.38715, 0.00001, 'observed D');
    // Krippendorff's expected disagreements assume a near-continuous scale: DKPro stretches the
    // example 50,000 times (and allows 0.005 for the published rounding).
    const large = example(1_200_000 / 24);
    near(large.A.expected, 0.0699, 0.005, 'expected A');
    near(large.B.expected, 1.17731, 0.005, 'expected B');
    near(large.C.expected, 0.08642, 0.005, 'expected C');
    near(large.D.expected, 0.41445, 0.005, 'expected D');
    near(alphaOf(large.A), 0.553, 0.02, 'αU A');
    near(alphaOf(large.B), -0.926, 0.02, 'αU B');
    near(alphaOf(large.C), 0.679, 0.02, 'αU C');
    near(alphaOf(large.D), 0.066, 0.02, 'αU D');
  });

  test("DKPro's UnitizingAgreementTest: one long unit against three short ones", () => {
    const d = unitizingDisagreement([units(0, [1, 8]), units(0, [2, 1], [4, 1], [6, 1])], 10);
    near(d.observed, 0.91, 0.0001, 'observed');
    near(d.expected, 0.5351, 0.0001, 'expected');
    near(alphaOf(d), -0.7003, 0.0001, 'αU');
  });

  test('a single unit among three raters agrees as chance would; no units at all is undefined, not NaN', () => {
    near(alphaOf(unitizingDisagreement([units(0, [0, 1]), [], []], 20)), 0, 1e-12, 'αU');
    assert.equal(alphaOf(unitizingDisagreement([[], [], []], 20)), null);
    assert.equal(alphaOf(unitizingDisagreement([[], []], 0)), null);
    assert.equal(pooledAlpha([]), null);
  });

  test("a rater's nested units of one category count as their union; touching ones stay two", () => {
    assert.deepEqual(mergeOverlaps([{ start: 5, end: 9 }, { start: 0, end: 10 }, { start: 10, end: 12 }]), [
      { start: 0, end: 10 },
      { start: 10, end: 12 },
    ]);
  });
});

describe('token kappas and alpha', () => {
  // Krippendorff 1995, p. 57, example A digitized into 24 items (DKPro's testDigitizedAgreement):
  // 6 items both coders marked, 8 only Bertha, none only Bill, 10 neither.
  const A = { both: 6, onlyFirst: 8, onlySecond: 0, neither: 10 };

  test("Cohen's kappa, Scott's pi (Fleiss' kappa of two) and nominal alpha as DKPro reports them", () => {
    near(cohenKappa(A), 0.385, 0.001, 'kappa');
    near(fleissKappa(histogramOf(A)), 0.314, 0.001, 'pi');
    near(nominalAlpha(histogramOf(A)), 0.329, 0.001, 'alpha');
  });

  test('undefined where chance already agrees on everything: null', () => {
    const allOut = { both: 0, onlyFirst: 0, onlySecond: 0, neither: 12 };
    assert.equal(cohenKappa(allOut), null);
    assert.equal(cohenKappa({ both: 0, onlyFirst: 0, onlySecond: 0, neither: 0 }), null);
    assert.equal(fleissKappa([12, 0, 0, 0]), null);
    assert.equal(nominalAlpha([0, 0, 0, 12]), null);
    near(cohenKappa({ both: 3, onlyFirst: 0, onlySecond: 0, neither: 9 }), 1, 0, 'perfect kappa');
  });
});

describe('span matches', () => {
  const u = (...ranges: [number, number][]) => ranges.map(([start, end]) => ({ start, end }));

  test('exact matches do not depend on the order spans come in', () => {
    const a = u([0, 4], [5, 9], [10, 12]);
    const b = u([10, 12], [0, 4], [5, 8]);
    assert.equal(exactMatches(a, b), 2);
    assert.equal(exactMatches([...a].reverse(), [...b].reverse()), 2);
  });

  test('partial matches are a maximum one-to-one matching, where greedy pairing strands a span', () => {
    // Greedy in storage order pairs [0,10) with [8,11) and leaves [10,12) with nothing.
    assert.equal(partialMatches(u([0, 10], [10, 12]), u([8, 11], [0, 2])), 2);
    // One wide span overlapping three narrow ones still pairs once.
    assert.equal(partialMatches(u([0, 30]), u([0, 5], [10, 15], [20, 25])), 1);
    assert.equal(partialMatches(u([0, 5]), u([5, 9])), 0, 'touching is not overlapping');
  });
});
