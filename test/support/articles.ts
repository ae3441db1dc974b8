/**
 * Any number of distinct articles made from the sample corpus, for tests and benchmarks that need
 * many: each is a numbered headline and three of the samples' paragraphs.
 */
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from '../../electron/core/paths.ts';

export interface GeneratedArticle {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly url: string;
  readonly published: string;
}

const PARAGRAPHS: readonly string[] = readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .flatMap((name) => readFileSync(join(seedsDir, name), 'utf8').split(/\n\s*\n/))
  .map((paragraph) => paragraph.trim())
  .filter((paragraph) => paragraph !== '');

export function* seedArticles(count: number): Generator<GeneratedArticle, void, undefined> {
  const n = PARAGRAPHS.length;
  for (let i = 0; i < count; i++) {
    const title = `عاجل ${i + 1}: ${PARAGRAPHS[i % n]!.split(/\s+/).slice(0, 6).join(' ')}`;
    const body = [PARAGRAPHS[i % n], PARAGRAPHS[(i * 7 + 3) % n], PARAGRAPHS[(i * 13 + 5) % n]].join('\n\n');
    yield {
      id: `article-${i + 1}`,
      title,
      text: `${title}\n\n${body}\n`,
      url: `https://news.example/${i + 1}`,
      published: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    };
  }
}

/** Writes `count` generated articles as JSON Lines, a buffer at a time (memory stays flat). */
export function writeArticlesJsonl(file: string, count: number): void {
  const fd = openSync(file, 'w');
  try {
    let buffer = '';
    for (const article of seedArticles(count)) {
      buffer += JSON.stringify(article) + '\n';
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}
