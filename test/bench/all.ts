/**
 * `npm run bench:all`: every `bench:NAME` script in package.json, one after the other (they share
 * two cores: run side by side, each would measure the others), then one summary of what each wrote
 * to bench-results/NAME.json, with the machine it ran on: bench-results/summary.json.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/hamish.ts';
import { readBenchResult, writeBenchResult } from './results.ts';

const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const names = Object.keys(scripts)
  .filter((script) => script.startsWith('bench:') && script !== 'bench:all')
  .map((script) => script.slice('bench:'.length));

const benches: Record<string, unknown> = {};
const failed: string[] = [];
for (const name of names) {
  console.error(`bench:all: ${name}`);
  const run = spawnSync('npm', ['run', '--silent', `bench:${name}`], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status === 0) benches[name] = readBenchResult(name);
  else failed.push(name);
}

writeBenchResult('summary', {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version },
  rendering: 'headless Chromium, software rasterising (no GPU)',
  benches,
  failed,
});
if (failed.length) {
  console.error(`bench:all: failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
