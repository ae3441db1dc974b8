import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/hamish.ts';

/** Where every bench writes its figures: bench-results/NAME.json. */
export const BENCH_RESULTS = join(PROJECT_ROOT, 'bench-results');

/** Writes a bench's result as bench-results/`name`.json and prints it. */
export function writeBenchResult(name: string, result: unknown): void {
  mkdirSync(BENCH_RESULTS, { recursive: true });
  const json = JSON.stringify(result, null, 2) + '\n';
  writeFileSync(join(BENCH_RESULTS, `${name}.json`), json);
  process.stdout.write(json);
}

/** What a bench last wrote. */
export function readBenchResult(name: string): unknown {
  return JSON.parse(readFileSync(join(BENCH_RESULTS, `${name}.json`), 'utf8'));
}
