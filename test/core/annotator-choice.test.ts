/**
 * Who is annotating: named for one run (option, $HAMISH_ANNOTATOR), or chosen in the app and
 * remembered by the library; the login name is only a guess the app asks to confirm.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dispatch } from '../../electron/contract/dispatch.ts';
import { openHamish, type HamishOptions } from '../../electron/core/hamish.ts';
import { assertHamishError, codePointRange } from '../support/core.ts';
import { tempDir } from '../support/hamish.ts';

/** Opens a library with $HAMISH_ANNOTATOR as given (unset: undefined) for the opening only. */
function open(options: HamishOptions, env: string | undefined = undefined) {
  const saved = process.env.HAMISH_ANNOTATOR;
  if (env === undefined) delete process.env.HAMISH_ANNOTATOR;
  else process.env.HAMISH_ANNOTATOR = env;
  try {
    const hamish = openHamish(options);
    return { hamish, call: (operation: string, input: unknown) => dispatch(hamish.handlers, operation, input) as never };
  } finally {
    if (saved === undefined) delete process.env.HAMISH_ANNOTATOR;
    else process.env.HAMISH_ANNOTATOR = saved;
  }
}

test('the login name is a guess until a name is chosen; the choice is remembered by the library', () => {
  const database = join(tempDir(), 'hamish.sqlite');
  const first = open({ database });
  assert.deepEqual(first.call('session', {}), { annotator: userInfo().username, confirmed: false });
  assert.deepEqual(first.call('listAnnotators', {}), [], 'a guess is nobody to switch to');
  assert.deepEqual(first.call('setAnnotator', { name: '  ليلى  ' }), { annotator: 'ليلى', confirmed: true });
  assert.deepEqual(first.call('session', {}), { annotator: 'ليلى', confirmed: true });
  assert.deepEqual(first.call('listAnnotators', {}), ['ليلى']);
  first.hamish.close();

  const second = open({ database });
  assert.deepEqual(second.call('session', {}), { annotator: 'ليلى', confirmed: true });
  second.hamish.close();
});

test('an explicit name wins for its run and is not remembered', () => {
  const database = join(tempDir(), 'hamish.sqlite');
  const app = open({ database });
  app.call('setAnnotator', { name: 'layla' });
  app.hamish.close();

  const cli = open({ database, annotator: 'omar' });
  assert.deepEqual(cli.call('session', {}), { annotator: 'omar', confirmed: true });
  cli.hamish.close();
  const env = open({ database }, 'sara');
  assert.deepEqual(env.call('session', {}), { annotator: 'sara', confirmed: true });
  env.hamish.close();

  const again = open({ database });
  assert.deepEqual(again.call('session', {}), { annotator: 'layla', confirmed: true });
  again.hamish.close();
});

test('switching annotator switches layers: new spans are the new name\'s, the old ones are not theirs to change', () => {
  const app = open({ database: join(tempDir(), 'hamish.sqlite'), annotator: 'layla' });
  const [document] = app.call('listDocuments', {}) as { id: string }[];
  const { text } = app.call('openDocument', { id: document!.id }) as { text: string };
  const mine = app.call('createSpan', { documentId: document!.id, ...codePointRange(text, 'رويترز'), label: 'actor' }) as { id: number };

  app.call('setAnnotator', { name: 'omar' });
  const theirs = app.call('createSpan', { documentId: document!.id, ...codePointRange(text, 'رويترز'), label: 'actor' }) as {
    id: number;
    annotator: string;
  };
  assert.notEqual(theirs.id, mine.id, 'the same range and label by another annotator is another span');
  assert.equal(theirs.annotator, 'omar');
  assertHamishError(() => app.call('deleteSpan', { id: mine.id }), 'invalid_input', /belongs to another annotator/);
  app.hamish.close();
});

test('a name must be 1–200 characters and not "gold", the reviewed layer', () => {
  const app = open({ database: join(tempDir(), 'hamish.sqlite'), annotator: 'layla' });
  for (const name of ['', '   ', 'x'.repeat(201), 'gold', ' Gold ']) {
    assertHamishError(() => app.call('setAnnotator', { name }), 'invalid_input');
  }
  assertHamishError(() => app.call('setAnnotator', { name: 'GOLD' }), 'invalid_input', /reviewed layer/);
  assert.deepEqual(app.call('session', {}), { annotator: 'layla', confirmed: true }, 'a refused name changes nothing');
  app.call('setAnnotator', { name: 'x'.repeat(200) });
  app.hamish.close();

  assertHamishError(() => openHamish({ database: join(tempDir(), 'hamish.sqlite'), annotator: 'gold' }), 'invalid_input', /reviewed layer/);
});

test('after a restore, the session still annotates under its own name', () => {
  const dir = tempDir();
  const other = open({ database: join(dir, 'other.sqlite'), annotator: 'layla', seed: false });
  other.call('setAnnotator', { name: 'sara' }); // sara takes the id omar has in the library below
  other.hamish.close();

  const app = open({ database: join(dir, 'hamish.sqlite'), annotator: 'layla' });
  app.call('setAnnotator', { name: 'omar' });
  app.call('restoreLibrary', { file: join(dir, 'other.sqlite') });
  const document = join(dir, 'article.txt');
  writeFileSync(document, 'قال المتحدث باسم الجيش');
  app.call('importFiles', { paths: [document] });
  const span = app.call('createSpan', { documentId: 'article', start: 4, end: 11, label: 'actor' }) as { annotator: string };
  assert.equal(span.annotator, 'omar');
  app.hamish.close();
});
