/** The store-only ZIP writer: Python's zipfile tests it and reads its members back, names in UTF-8. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { crc32, entriesOf, zip } from '../../electron/web/zip.ts';
import { assertHamishError } from '../support/core.ts';
import { tempDir, writeFiles } from '../support/hamish.ts';
import { pythonWith, runPython } from '../support/python.ts';

const PYTHON = pythonWith();

describe('zip', () => {
  test('crc32 matches the standard check value', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array()), 0);
  });

  test('python3 -m zipfile -t accepts the archive and reads every member back', { skip: PYTHON.skip }, () => {
    const dir = tempDir();
    writeFiles(join(dir, 'export'), {
      'العراق.txt': 'أفادت وكالة رويترز 😀\n',
      'nested/doc.ann': 'T1\tLOCATION 0 6\tالعراق\n',
      'empty.txt': '',
    });
    const archive = join(dir, 'export.zip');
    writeFileSync(archive, zip(entriesOf(join(dir, 'export'), 'hamish')));

    const tested = runPython(PYTHON, ['-m', 'zipfile', '-t', archive]);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);

    const read = runPython(PYTHON, [
      '-c',
      'import json, sys, zipfile\n' +
        'z = zipfile.ZipFile(sys.argv[1])\n' +
        'print(json.dumps({i.filename: [i.compress_type, z.read(i).decode("utf-8"), i.flag_bits & 0x800] for i in z.infolist()}))',
      archive,
    ]);
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual(JSON.parse(read.stdout), {
      'hamish/empty.txt': [0, '', 0x800],
      'hamish/nested/doc.ann': [0, 'T1\tLOCATION 0 6\tالعراق\n', 0x800],
      'hamish/العراق.txt': [0, 'أفادت وكالة رويترز 😀\n', 0x800],
    });
  });

  test('an empty archive is still a valid one', { skip: PYTHON.skip }, () => {
    const archive = join(tempDir(), 'empty.zip');
    writeFileSync(archive, zip([]));
    const tested = runPython(PYTHON, ['-m', 'zipfile', '-t', archive]);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
  });

  test('more members than a ZIP without ZIP64 holds is a refusal the analyst can act on', () => {
    const entries = Array.from({ length: 0x10000 }, (_, i) => ({ name: `${i}.txt`, data: new Uint8Array() }));
    assertHamishError(() => zip(entries), 'invalid_input', /over 65,535 files.*export to a folder with hamish export --out/);
    assert.doesNotThrow(() => zip(entries.slice(1)));
  });
});
