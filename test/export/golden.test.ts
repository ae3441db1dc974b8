/**
 * Every format on the export corpus (test/support/export-corpus.ts) against its golden copy in
 * test/fixtures/export/. After a deliberate change, `UPDATE_GOLDEN=1 npm test` rewrites the
 * copies; review them with git diff before committing.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  exportCorpus,
  exportInProcess,
  GOLDEN,
  readExport,
  withoutVersion,
  writeGolden,
  type ExportRequest,
} from '../support/export-corpus.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CASES: readonly { golden: string; request: ExportRequest }[] = [
  { golden: 'jsonl.jsonl', request: { format: 'jsonl' } },
  { golden: 'jsonl-manifest.jsonl', request: { format: 'jsonl', manifest: true, filters: { statuses: ['done'] } } },
  { golden: 'prodigy.jsonl', request: { format: 'prodigy' } },
  { golden: 'doccano.jsonl', request: { format: 'doccano' } },
  { golden: 'conll-whole.conll', request: { format: 'conll', tokens: 'whole', manifest: true } },
  { golden: 'conll-clitic.conll', request: { format: 'conll', tokens: 'clitic', filters: { annotators: ['layla'] } } },
  { golden: 'labelstudio', request: { format: 'labelstudio' } },
  { golden: 'brat', request: { format: 'brat' } },
];

describe('golden files', () => {
  let db: string;
  before(() => {
    db = exportCorpus();
  });

  for (const { golden, request } of CASES) {
    test(`${golden}: ${JSON.stringify(request)}`, () => {
      const out = exportInProcess(db, request, golden);
      const files = readExport(out);
      const beside = `${out}.manifest.json`;
      const besideGolden = `${golden}.manifest.json`;
      if (UPDATE) {
        writeGolden(golden, files);
        if (existsSync(beside)) writeGolden(besideGolden, readExport(beside));
        return;
      }
      const expected = readExport(join(GOLDEN, golden));
      assert.deepEqual([...files.keys()], [...expected.keys()], 'the same files');
      for (const [path, text] of files) {
        assert.equal(withoutVersion(text), expected.get(path), `${golden}/${path} (UPDATE_GOLDEN=1 to rewrite)`);
      }
      assert.equal(existsSync(beside), existsSync(join(GOLDEN, besideGolden)), 'a manifest beside the file');
      if (existsSync(beside)) {
        assert.equal(withoutVersion(readFileSync(beside, 'utf8')), readFileSync(join(GOLDEN, besideGolden), 'utf8'));
      }
    });
  }
});
