/**
 * Articles tagged by several annotators who mostly agree, for agreement tests and the benchmark.
 * Each article starts with an emoji (two UTF-16 units, one code point), so offsets counted in the
 * wrong unit show. Every annotator starts from the same hidden "true" spans, keeps most, moves an
 * edge by a word, relabels or drops some, and adds a few of their own; the seed makes it
 * repeatable. An annotator's entities never overlap one another, nor do their claims, so that
 * the CoNLL export holds every span (one column per layer).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Label } from '../../electron/contract/labels.ts';
import { CodePointIndex } from '../../electron/text/codepoints.ts';
import { seedArticles } from './articles.ts';
import { runCli, tempDir } from './hamish.ts';

export interface AnnotatedSpan {
  readonly annotator: string;
  readonly label: Label;
  /** Code points. */
  readonly start: number;
  readonly end: number;
}

export interface AnnotatedArticle {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly spans: AnnotatedSpan[];
}

export interface AnnotatedOptions {
  readonly annotators: readonly string[];
  /** About how many spans each annotator makes per article; a fifth of them claims. */
  readonly spansEach: number;
  readonly seed?: number;
  /** Which spans to keep, by article (0, 1, …): an annotator who tagged only part of the corpus. */
  readonly keep?: (article: number, span: AnnotatedSpan) => boolean;
}

/** mulberry32: a small seeded generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTITIES: readonly Label[] = ['actor', 'location', 'date'];

interface Draft {
  label: Label;
  /** Word indices, first..last inclusive. */
  first: number;
  last: number;
}

/** Disjoint runs of `min`..`max` words, `count` of them at most, with a word or more between. */
function runs(rand: () => number, words: number, count: number, min: number, max: number, label: () => Label): Draft[] {
  const found: Draft[] = [];
  const stride = Math.max(min + 1, Math.floor(words / Math.max(count, 1)));
  for (let at = Math.floor(rand() * 2); found.length < count && at + min <= words; at += stride) {
    const length = Math.min(min + Math.floor(rand() * (max - min + 1)), stride - 1, words - at);
    if (length >= min) found.push({ label: label(), first: at, last: at + length - 1 });
  }
  return found;
}

/** Keeps the spans of a layer that overlap none kept before them. */
function disjoint(drafts: Draft[]): Draft[] {
  const kept: Draft[] = [];
  for (const draft of [...drafts].sort((a, b) => a.first - b.first || a.last - b.last)) {
    const last = kept.at(-1);
    if (last === undefined || draft.first > last.last) kept.push(draft);
  }
  return kept;
}

export function* annotatedArticles(count: number, options: AnnotatedOptions): Generator<AnnotatedArticle, void, undefined> {
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const claims = Math.max(1, Math.round(options.spansEach / 5));
  const entities = Math.max(1, options.spansEach - claims);
  let position = 0;
  for (const article of seedArticles(count)) {
    const text = `📰 ${article.text}`;
    const index = new CodePointIndex(text);
    const words = [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({
      start: index.toCodePoint(m.index),
      end: index.toCodePoint(m.index + m[0].length),
    }));
    const truth = [
      ...runs(rand, words.length, claims, 4, 12, () => 'claim'),
      ...runs(rand, words.length, entities, 1, 2, () => pick(ENTITIES)),
    ];
    const spans: AnnotatedSpan[] = [];
    for (const annotator of options.annotators) {
      const own: Draft[] = [];
      for (const span of truth) {
        const roll = rand();
        if (roll < 0.75) own.push(span);
        else if (roll < 0.85) own.push({ ...span, last: Math.max(span.first, Math.min(words.length - 1, span.last + (rand() < 0.5 ? -1 : 1))) });
        else if (roll < 0.92 && span.label !== 'claim') own.push({ ...span, label: pick(ENTITIES) });
      }
      for (let extra = Math.round(options.spansEach / 10); extra > 0; extra--) {
        const first = Math.floor(rand() * words.length);
        own.push({ label: pick(ENTITIES), first, last: first });
      }
      for (const layer of [own.filter((d) => d.label === 'claim'), own.filter((d) => d.label !== 'claim')]) {
        for (const { label, first, last } of disjoint(layer)) {
          spans.push({ annotator, label, start: words[first]!.start, end: words[last]!.end });
        }
      }
    }
    const { keep } = options;
    const at = position++;
    yield { id: article.id, title: article.title, text, spans: keep ? spans.filter((span) => keep(at, span)) : spans };
  }
}

/** The articles as Hamish's own JSONL, which `hamish import` takes with each span's annotator. */
export function annotatedJsonl(count: number, options: AnnotatedOptions): string {
  let lines = '';
  for (const { id, title, text, spans } of annotatedArticles(count, options)) {
    const index = new CodePointIndex(text);
    const withText = spans.map((span) => ({ ...span, text: index.slice(span.start, span.end) }));
    lines += JSON.stringify({ id, text, meta: { title }, spans: withText }) + '\n';
  }
  return lines;
}

/**
 * A library file of `count` articles (by default 3, tagged by layla, omar and sara), imported by
 * the real CLI.
 */
export async function annotatedLibrary(
  count = 3,
  options: AnnotatedOptions = { annotators: ['layla', 'omar', 'sara'], spansEach: 10, seed: 3 },
): Promise<string> {
  const dir = tempDir();
  const db = join(dir, 'hamish.sqlite');
  const jsonl = join(dir, 'annotated.jsonl');
  writeFileSync(jsonl, annotatedJsonl(count, options));
  const imported = await runCli(['import', jsonl, '--db', db, '--no-seeds']);
  assert.equal(imported.code, 0, imported.stderr);
  return db;
}
