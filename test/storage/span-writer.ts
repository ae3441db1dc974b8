/**
 * A child process for the storage tests: opens the library as the app does and adds spans
 * through the contract as fast as it can, printing each span's id once createSpan has returned
 * (the save acknowledged). Runs until killed, or until it has added --count spans.
 *
 *   node span-writer.js --db FILE --annotator NAME [--count N] [--document ID]
 */
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dispatch } from '../../electron/contract/dispatch.ts';
import type { Output } from '../../electron/contract/contract.ts';
import { LABELS } from '../../electron/contract/labels.ts';
import { openHamish } from '../../electron/core/hamish.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, annotator: { type: 'string' }, count: { type: 'string' }, document: { type: 'string' } },
});
const hamish = openHamish({ database: values.db!, annotator: values.annotator! });
const call = <O extends 'listDocuments' | 'openDocument' | 'createSpan'>(operation: O, input: unknown) =>
  dispatch(hamish.handlers, operation, input) as Output<O>;

/**
 * The document to tag. On a library another process is creating at this moment, its samples may
 * not be in yet: wait for them, as an app would show them once they arrive.
 */
function documentToTag(): string {
  for (let tries = 0; ; tries++) {
    const ids = call('listDocuments', {}).map((d) => d.id);
    const wanted = values.document ?? ids[0];
    if (wanted !== undefined && ids.includes(wanted)) return wanted;
    if (tries > 500) throw new Error(`no document ${values.document ?? ''} to tag`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
}

const documentId = documentToTag();
const { text } = call('openDocument', { id: documentId });

/** Code point offsets where each word starts and ends: edges a span may have. */
const words: { start: number; end: number }[] = [];
let at = 0;
for (const piece of Array.from(text).join('').split(/(\s+)/u)) {
  const length = Array.from(piece).length;
  if (piece.trim() !== '' && /^[\p{L}\p{M}\p{N}]+$/u.test(piece)) words.push({ start: at, end: at + length });
  at += length;
}

const limit = values.count === undefined ? Infinity : Number(values.count);
let added = 0;
// Every run of up to 8 words, under each label: thousands of distinct spans.
outer: for (let width = 1; width <= 8; width++) {
  for (let first = 0; first + width <= words.length; first++) {
    for (const label of LABELS) {
      if (added >= limit) break outer;
      const span = call('createSpan', { documentId, start: words[first]!.start, end: words[first + width - 1]!.end, label });
      // Synchronous: once printed, the line is the parent's even if this process dies next.
      writeSync(1, `${span.id}\n`);
      added++;
    }
  }
}
hamish.close();
