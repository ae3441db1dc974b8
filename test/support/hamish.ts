/**
 * Shared helpers for tests that drive the real Hamish: the built CLI as a subprocess, the web
 * server it starts, and the JSONL it exports. Paths are found from this compiled file
 * (dist/test/support/hamish.js), so tests run from any working directory.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI: dist/electron/cli/hamish.js. */
export const HAMISH_BIN: string = fileURLToPath(new URL('../../electron/cli/hamish.js', import.meta.url));

/** The project folder (holding package.json, seeds/ and test/). */
export const PROJECT_ROOT: string = fileURLToPath(new URL('../../../', import.meta.url));

const tempDirs: string[] = [];
let cleanupRegistered = false;

/** A fresh empty folder under the system temp folder, removed when the test process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hamish-test-'));
  tempDirs.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on('exit', () => {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

/** Writes `files` (relative path → content) under `dir`, making folders as needed. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Written to the CLI's stdin, which is then closed. */
  readonly input?: string;
  /** Added to (and overriding) the inherited environment. */
  readonly env?: Record<string, string>;
  /** Another user to run as (root only): one for whom permission bits hold, as they hold for an analyst. */
  readonly user?: SubprocessUser | undefined;
}

export interface SubprocessUser {
  readonly uid: number;
  readonly gid: number;
}

/** Runs `hamish ...args` with this Node and collects its output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HAMISH_BIN, ...args], {
      ...options.user,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Asserts a refused command line: a non-zero exit and exactly one line on stderr, "hamish: ...". */
export function assertCliError(result: CliResult, message?: RegExp): void {
  assert.notEqual(result.code, 0, 'exit code');
  assert.ok(result.code !== null, 'exited by itself');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0]!, /^hamish: /);
  if (message) assert.match(lines[0]!, message);
}

export interface RunningServe {
  /** The printed address, with its token. */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Everything the server printed on stdout so far. */
  readonly stdout: () => string;
  /** Everything the server printed on stderr so far. */
  readonly stderr: () => string;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const RUNNING_LINE = /^Hamish is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/m;

/** Who the tests annotate as, in the core and in a served app (given, so the app never asks). */
export const ANNOTATOR = 'test-analyst';

/**
 * Starts `hamish serve --db DB` and resolves once it prints its address. `unnamed`: no annotator
 * given (nor $HAMISH_ANNOTATOR), so the app asks for one as on a first run. `env` is added to (and
 * overrides) the inherited environment.
 */
export function startServe(
  db: string,
  extraArgs: string[] = [],
  { unnamed = false, env = {}, user }: { unnamed?: boolean; env?: Record<string, string>; user?: SubprocessUser | undefined } = {},
): Promise<RunningServe> {
  const who = unnamed || extraArgs.includes('--annotator') ? [] : ['--annotator', ANNOTATOR];
  const { HAMISH_ANNOTATOR: _, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HAMISH_BIN, 'serve', '--db', db, ...who, ...extraArgs], {
      ...user,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...(unnamed ? inherited : process.env), ...env },
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.on('error', reject);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = started ? null : RUNNING_LINE.exec(stdout);
      if (!match) return;
      started = true;
      const url = match[1]!;
      resolve({
        url,
        origin: new URL(url).origin,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => {
      if (!started) reject(new Error(`hamish serve exited (${code}) before it was running:\n${stderr}`));
    });
  });
}

export interface ExportedSpan {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly text: string;
  readonly annotator: string;
  readonly note: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ExportedDocument {
  readonly id: string;
  readonly text: string;
  readonly text_sha256: string;
  readonly offset_unit: 'codepoint';
  readonly meta: Record<string, unknown>;
  readonly spans: ExportedSpan[];
}

/** Parses JSONL export text: one document per non-empty line. */
export function parseJsonl(jsonl: string): ExportedDocument[] {
  return jsonl
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ExportedDocument);
}

/** Runs `hamish export --status all --format jsonl --db DB` (every document) and parses what it writes to stdout. */
export async function exportJsonl(db: string): Promise<ExportedDocument[]> {
  const result = await runCli(['export', '--status', 'all', '--format', 'jsonl', '--db', db]);
  if (result.code !== 0) throw new Error(`hamish export exited ${result.code}: ${result.stderr}`);
  return parseJsonl(result.stdout);
}
