/**
 * The label colours in renderer/src/styles.css: text on every label colour (and on a selected or
 * hovered span of it) passes WCAG AA, and the colours stay apart for readers with protanopia or
 * deuteranopia (simulated with Machado, Oliveira & Fernandes 2009, severity 1).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../support/hamish.ts';

type Rgb = readonly [number, number, number];

const css = readFileSync(join(PROJECT_ROOT, 'renderer', 'src', 'styles.css'), 'utf8');

function property(name: string): string {
  const match = new RegExp(`--${name}:\\s*([^;]+);`).exec(css);
  assert.ok(match, `styles.css defines --${name}`);
  return match[1]!.trim();
}

function hex(value: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  assert.ok(match, `${value} is a #rrggbb colour`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** The rgb(r g b / a) overlay a highlight layer draws. */
function overlay(layer: string): { colour: Rgb; alpha: number } {
  const rule = new RegExp(`::highlight\\(hamish-${layer}\\)\\s*\\{[^}]*background-color:\\s*rgb\\((\\d+) (\\d+) (\\d+) / ([\\d.]+)\\)`).exec(css);
  assert.ok(rule, `styles.css paints hamish-${layer} with an rgb(r g b / a) overlay`);
  return { colour: [Number(rule[1]), Number(rule[2]), Number(rule[3])], alpha: Number(rule[4]) };
}

function blend(under: Rgb, { colour, alpha }: { colour: Rgb; alpha: number }): Rgb {
  return under.map((c, i) => c * (1 - alpha) + colour[i]! * alpha) as unknown as Rgb;
}

const linear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const gamma = (c: number) => 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

function luminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const MACHADO = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
} as const;

function simulate(rgb: Rgb, matrix: readonly (readonly number[])[]): Rgb {
  const lin = rgb.map(linear);
  return matrix.map((row) => gamma(Math.min(1, Math.max(0, row.reduce((sum, m, i) => sum + m * lin[i]!, 0))))) as unknown as Rgb;
}

/** CIE L*a*b* distance (ΔE 1976). */
function distance(a: Rgb, b: Rgb): number {
  const lab = ([r, g, b]: Rgb) => {
    const [R, G, B] = [linear(r), linear(g), linear(b)];
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const x = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047);
    const y = f(0.2126 * R + 0.7152 * G + 0.0722 * B);
    const z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883);
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!);
}

const LABELS = ['claim', 'actor', 'location', 'date'] as const;
const text = hex(property('text'));
const page = hex(property('page'));
const backgrounds: Record<string, Rgb> = Object.fromEntries(LABELS.map((l) => [l, hex(property(`label-${l}-background`))]));

test('text on every label colour, plain, hovered or selected, passes WCAG AA (4.5:1)', () => {
  for (const label of LABELS) {
    for (const [state, colour] of [
      ['plain', backgrounds[label]!],
      ['hovered', blend(backgrounds[label]!, overlay('hovered'))],
      ['selected', blend(backgrounds[label]!, overlay('selected'))],
    ] as const) {
      const ratio = contrast(text, colour);
      assert.ok(ratio >= 4.5, `${label} (${state}): contrast ${ratio.toFixed(2)}`);
    }
  }
});

test('the label colours stay apart from each other and the page with red-green colour blindness', () => {
  const colours: Record<string, Rgb> = { ...backgrounds, page };
  const names = Object.keys(colours);
  for (const [vision, matrix] of Object.entries(MACHADO)) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = simulate(colours[names[i]!]!, matrix);
        const b = simulate(colours[names[j]!]!, matrix);
        const delta = distance(a, b);
        assert.ok(delta >= 12, `${vision}: ${names[i]} and ${names[j]} differ by only ΔE ${delta.toFixed(1)}`);
      }
    }
  }
});

test('each entity has its own underline style, so colour is never the only cue', () => {
  const styles = ['actor', 'location', 'date'].map((label) => {
    // The rule may also name the label's nested layers (editor/highlights.ts).
    const rule = new RegExp(`::highlight\\(hamish-${label}\\)[^{]*\\{[^}]*text-decoration:\\s*underline (\\w+)`).exec(css);
    assert.ok(rule, `${label} is underlined`);
    return rule[1];
  });
  assert.equal(new Set(styles).size, styles.length, `underline styles: ${styles.join(', ')}`);
});

const KINDS = ['agreed', 'label', 'range', 'partial'] as const;

test('the review paints each kind of agreement unit apart, also with red-green colour blindness, and legibly', () => {
  const kinds: Record<string, Rgb> = Object.fromEntries(KINDS.map((k) => [k, hex(property(`review-${k}-background`))]));
  for (const kind of KINDS) {
    for (const colour of [kinds[kind]!, blend(kinds[kind]!, overlay('review-current'))]) {
      const ratio = contrast(text, colour);
      assert.ok(ratio >= 4.5, `${kind}: contrast ${ratio.toFixed(2)}`);
    }
  }
  const colours: Record<string, Rgb> = { ...kinds, page };
  const names = Object.keys(colours);
  for (const [vision, matrix] of Object.entries({ normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], ...MACHADO })) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const delta = distance(simulate(colours[names[i]!]!, matrix), simulate(colours[names[j]!]!, matrix));
        assert.ok(delta >= 12, `${vision}: ${names[i]} and ${names[j]} differ by only ΔE ${delta.toFixed(1)}`);
      }
    }
  }
  for (const line of ['underline', 'overline']) {
    const styles = KINDS.map((kind) => {
      const name = line === 'underline' ? kind : `${kind}-claim`;
      const rule = new RegExp(`::highlight\\(hamish-review-${name}\\)\\s*\\{[^}]*text-decoration:\\s*${line} (\\w+)`).exec(css);
      assert.ok(rule, `${name} has an ${line}`);
      return rule[1];
    });
    assert.equal(new Set(styles).size, KINDS.length, `${line} styles: ${styles.join(', ')}`);
  }
});

test('the “only some annotators” tint is pale: the commonest kind of unit must not darken the text', () => {
  const ratio = contrast(text, hex(property('review-partial-background')));
  assert.ok(ratio >= 10, `text on the partial tint: contrast ${ratio.toFixed(2)}`);
});

test('the gold layer shows each label as the editor does, apart from every kind of open unit, also with red-green colour blindness', () => {
  for (const label of LABELS) {
    const rule = new RegExp(`::highlight\\(hamish-review-gold-${label}\\)\\s*\\{[^}]*background-color:\\s*var\\(--label-${label}-background\\)`).exec(css);
    assert.ok(rule, `gold ${label} is painted in the ${label} label's own colour`);
  }
  const tints: Record<string, Rgb> = {
    ...Object.fromEntries(KINDS.map((k) => [`open ${k}`, hex(property(`review-${k}-background`))])),
    ...Object.fromEntries(LABELS.map((l) => [`gold ${l}`, backgrounds[l]!])),
  };
  for (const [vision, matrix] of Object.entries({ normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], ...MACHADO })) {
    for (const kind of KINDS) {
      for (const label of LABELS) {
        const [a, b] = [`open ${kind}`, `gold ${label}`];
        const delta = distance(simulate(tints[a]!, matrix), simulate(tints[b]!, matrix));
        assert.ok(delta >= 12, `${vision}: ${a} and ${b} differ by only ΔE ${delta.toFixed(1)}`);
      }
    }
  }
});

const SLOTS = [1, 2, 3, 4, 5] as const;

test('each compared annotator’s line in the review stands apart, also with red-green colour blindness, and shows on the page', () => {
  const lines: Record<string, Rgb> = Object.fromEntries(SLOTS.map((slot) => [`annotator ${slot}`, hex(property(`annotator-${slot}-line`))]));
  for (const [name, colour] of Object.entries(lines)) {
    // WCAG's 3:1 for graphics that carry meaning.
    const ratio = contrast(colour, page);
    assert.ok(ratio >= 3, `${name}: contrast ${ratio.toFixed(2)} on the page`);
  }
  const names = Object.keys(lines);
  for (const [vision, matrix] of Object.entries({ normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], ...MACHADO })) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const delta = distance(simulate(lines[names[i]!]!, matrix), simulate(lines[names[j]!]!, matrix));
        assert.ok(delta >= 12, `${vision}: ${names[i]} and ${names[j]} differ by only ΔE ${delta.toFixed(1)}`);
      }
    }
  }
  const styles = SLOTS.map((slot) => {
    const rule = new RegExp(`::highlight\\(hamish-review-by-${slot}\\)\\s*\\{[^}]*text-decoration:\\s*underline (\\w+)`).exec(css);
    assert.ok(rule, `annotator ${slot} is underlined`);
    return rule[1];
  });
  assert.equal(new Set(styles).size, SLOTS.length, `line styles: ${styles.join(', ')}`);
});
