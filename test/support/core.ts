/**
 * Helpers for tests that drive the core in-process: a real database file in a temp folder, and
 * every call made through dispatch, the same door the CLI, the server and Electron use.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Input, Operation, Output, ReviewUnit, Span } from '../../electron/contract/contract.ts';
import type { Label } from '../../electron/contract/labels.ts';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { HamishError, type ErrorCode } from '../../electron/contract/errors.ts';
import { openHamish, type Hamish, type HamishOptions } from '../../electron/core/hamish.ts';
import { ANNOTATOR, tempDir } from './hamish.ts';


export interface OpenCore {
  readonly file: string;
  readonly hamish: Hamish;
  /** A typed call through dispatch. */
  call<O extends Operation>(operation: O, input: Input<O>): Output<O>;
  /** An untyped call, for inputs the contract must refuse. */
  callRaw(operation: string, input: unknown): unknown;
  close(): void;
}

/** Opens Hamish on `file` (by default a new file in a new temp folder). */
export function openCore(options: Partial<HamishOptions> & { file?: string } = {}): OpenCore {
  const { file = join(tempDir(), 'hamish.sqlite'), ...rest } = options;
  const hamish = openHamish({ annotator: ANNOTATOR, ...rest, database: file });
  return {
    file,
    hamish,
    call: (operation, input) => dispatch(hamish.handlers, operation, input) as never,
    callRaw: (operation, input) => dispatch(hamish.handlers, operation, input),
    close: () => hamish.close(),
  };
}

/** Imports `text` as a file named `name`.txt through the contract; returns the document id. */
export function addText(core: OpenCore, name: string, text: string | Buffer): string {
  const file = join(tempDir(), `${name}.txt`);
  writeFileSync(file, text);
  const report = core.call('importFiles', { paths: [file] });
  assert.deepEqual(report.failed, [], `importing ${name}.txt failed`);
  const entry = report.imported[0] ?? report.duplicates[0];
  assert.ok(entry, `importing ${name}.txt gave no document`);
  return entry.id;
}

/** The gold span an accepted decision made or kept; asserts it was accepted. */
export function goldSpanOf(decision: Output<'decide'>): Span {
  assert.equal(decision.verdict, 'accept', `expected an acceptance, got ${JSON.stringify(decision)}`);
  return (decision as Extract<Output<'decide'>, { verdict: 'accept' }>).goldSpan;
}

/** Asserts that `fn` throws a HamishError with `code` (and a message matching `message`). */
export function assertHamishError(fn: () => unknown, code: ErrorCode, message?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof HamishError, `expected a HamishError, got ${String(error)}`);
    assert.equal(error.code, code, `wrong code for: ${error.message}`);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/** Code point offsets of the first `needle` in `text`, as Python would count them. */
export function codePointRange(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

/** A version of a unit of spans as `decide` takes it (a scope unit's version has no label). */
export function spanVersion(version: ReviewUnit['versions'][number]): { start: number; end: number; label: Label } {
  assert.ok(version.label, `${version.start}–${version.end} is a range left out of the article, not a span`);
  return { start: version.start, end: version.end, label: version.label };
}

/** A decision's card part: none for a span or scope decision. */
export const cardOf = (decision: Output<'decide'>) => ('card' in decision ? decision.card : undefined);
