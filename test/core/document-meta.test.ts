/**
 * A document's outlet and publication date (issue 14): filled by import from a record's `source`
 * and `published`, edited through `setDocumentMeta`, kept in the document's metadata (so every
 * export carries them), in no layer's history, and refused on a library that can only be read.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addText, assertHamishError, openCore } from '../support/core.ts';
import { parseJsonl, startServe, tempDir } from '../support/hamish.ts';
import { callApi, login } from '../support/http.ts';

const TEXT = 'أطلقت خمسة صواريخ من بلدة زمار العراقية.';

test('import takes the outlet from a record\'s source and keeps its published date', () => {
  const core = openCore({ seed: false });
  try {
    const file = join(tempDir(), 'wire.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', text: TEXT, source: 'رويترز', published: '2019-12-01' }),
        JSON.stringify({ id: 'b', text: `${TEXT} ثانيا`, source: 'wire', outlet: 'الجزيرة' }),
      ].join('\n'),
    );
    core.call('importFiles', { paths: [file] });
    assert.deepEqual(core.call('openDocument', { id: 'a' }).meta, { published: '2019-12-01', outlet: 'رويترز' });
    // A record that names its outlet keeps it.
    assert.deepEqual(core.call('openDocument', { id: 'b' }).meta, { outlet: 'الجزيرة' });
  } finally {
    core.close();
  }
});

test('outlet and published are set, cleared and checked, leave the layer\'s history alone, and go out in the export', () => {
  const core = openCore({ seed: false });
  try {
    const id = addText(core, 'zummar', TEXT);
    core.call('createSpan', { documentId: id, start: 6, end: 10, label: 'claim' });
    assert.deepEqual(core.call('setDocumentMeta', { documentId: id, outlet: '  سكاي نيوز عربية ', published: '2019-12-02' }).meta, {
      outlet: 'سكاي نيوز عربية',
      published: '2019-12-02',
    });
    // Absent stays, null or blank clears.
    assert.deepEqual(core.call('setDocumentMeta', { documentId: id, published: null }).meta, { outlet: 'سكاي نيوز عربية' });
    assert.deepEqual(core.call('setDocumentMeta', { documentId: id, published: '2019-12-01T22:15:00Z' }).meta, {
      outlet: 'سكاي نيوز عربية',
      published: '2019-12-01T22:15:00Z',
    });
    assertHamishError(() => core.call('setDocumentMeta', { documentId: id, published: 'الأحد' }), 'invalid_input', /published: "الأحد" is not a date; write it as YYYY-MM-DD/);
    assertHamishError(() => core.call('setDocumentMeta', { documentId: id, published: '2019-02-30' }), 'invalid_input', /not a date/);
    assertHamishError(() => core.call('setDocumentMeta', { documentId: id, outlet: 'a\nb' }), 'invalid_input', /outlet: a line break/);
    assertHamishError(() => core.call('setDocumentMeta', { documentId: 'nope', outlet: 'x' }), 'not_found', /no document "nope"/);
    assertHamishError(() => core.callRaw('setDocumentMeta', { documentId: id, outlet: 5 }), 'invalid_input', /setDocumentMeta: .*outlet/);

    // Undo takes back the span, not the metadata: it is in no layer.
    assert.deepEqual(core.call('undo', { documentId: id })!.spans.map((s) => s.span), [null]);
    assert.equal(core.call('openDocument', { id }).meta.outlet, 'سكاي نيوز عربية');

    const out = join(tempDir(), 'out.jsonl');
    core.call('exportDataset', { format: 'jsonl', out, filters: { statuses: ['new', 'in_progress', 'done'] } });
    const [exported] = parseJsonl(readFileSync(out, 'utf8'));
    assert.equal(exported!.meta.outlet, 'سكاي نيوز عربية');
    assert.equal(exported!.meta.published, '2019-12-01T22:15:00Z');

    // Our own export comes back as it went out: the outlet is not added twice nor taken from source.
    const again = openCore({ seed: false });
    try {
      again.call('importFiles', { paths: [out] });
      const back = join(tempDir(), 'back.jsonl');
      again.call('exportDataset', { format: 'jsonl', out: back, filters: { statuses: ['new', 'in_progress', 'done'] } });
      assert.equal(readFileSync(back, 'utf8'), readFileSync(out, 'utf8'));
    } finally {
      again.close();
    }
  } finally {
    core.close();
  }
});

test('a library that can only be read refuses the change and stays as it was', async () => {
  const dir = tempDir();
  const file = join(dir, 'hamish.sqlite');
  const writer = openCore({ file, seed: false });
  const id = addText(writer, 'zummar', TEXT);
  writer.close();
  chmodSync(file, 0o444);
  chmodSync(dir, 0o555);
  const bytes = readFileSync(file);
  // Root writes through permission bits: the server runs as nobody, for whom they hold.
  const server = await startServe(file, [], { user: process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined });
  try {
    const cookie = await login(server.url);
    const refused = await callApi(server.origin, cookie, 'setDocumentMeta', { documentId: id, outlet: 'رويترز' });
    assert.match(refused.body, /is read-only .*nothing can be saved to it/);
    const opened = JSON.parse((await callApi(server.origin, cookie, 'openDocument', { id })).body) as { value: { meta: object } };
    assert.deepEqual(opened.value.meta, {});
  } finally {
    await server.stop();
    chmodSync(dir, 0o755);
  }
  assert.deepEqual(readFileSync(file), bytes);
});
