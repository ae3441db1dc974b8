/**
 * Claim cards in the other tools' formats: brat events with a Stance attribute, doccano's
 * relations, Label Studio's relation results and per-region stance. Each export of the card
 * corpus (test/support/card-corpus.ts) is read by the tool's own rules (test/python), comes back
 * through import as the same cards, and exports again to the same bytes.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openCore } from '../support/core.ts';
import { cardCorpus } from '../support/card-corpus.ts';
import { exportInProcess, readExport, type ExportRequest } from '../support/export-corpus.ts';
import { checkerFor, runChecker } from '../support/python.ts';

/** Imports `path` into a new, empty library; returns the library and the import's report. */
function importIntoEmpty(path: string) {
  const core = openCore({ seed: false, annotator: 'someone-else' });
  try {
    return { db: core.file, report: core.call('importFiles', { paths: [path] }) };
  } finally {
    core.close();
  }
}

/** The claims table of a library: every card by its texts, whatever the ids. */
const claimsTable = (db: string) => readExport(exportInProcess(db, { format: 'claims-json' }, 'claims.json')).get('.')!;

describe('claim cards: export → import into an empty library → export', () => {
  let db: string;
  before(() => {
    db = cardCorpus();
  });

  const CASES: readonly ExportRequest[] = [
    { format: 'brat' },
    { format: 'brat', filters: { annotators: ['layla'] } },
    { format: 'doccano' },
    { format: 'labelstudio' },
    { format: 'labelstudio', predictions: 'omar' },
  ];
  for (const request of CASES) {
    test(`${JSON.stringify(request)}: the same cards, and the same bytes`, () => {
      const name = (which: string) => (request.format === 'doccano' ? `${which}.jsonl` : which);
      const first = exportInProcess(db, request, name('first'));
      const { db: copy, report } = importIntoEmpty(first);
      assert.deepEqual(report.failed, []);
      const layers = request.filters?.annotators ? { filters: request.filters } : {};
      assert.equal(
        readExport(exportInProcess(copy, { format: 'claims-json', ...layers }, 'claims.json')).get('.'),
        readExport(exportInProcess(db, { format: 'claims-json', ...layers }, 'claims.json')).get('.'),
      );
      const second = exportInProcess(copy, request, name('second'));
      assert.deepEqual(readExport(second), readExport(first));
    });
  }
  void claimsTable;
});

describe('claim cards as the other tools read them', () => {
  let db: string;
  let reference: string;
  before(() => {
    db = cardCorpus();
    reference = exportInProcess(db, { format: 'jsonl' }, 'reference.jsonl');
  });

  for (const format of ['brat', 'doccano', 'labelstudio'] as const) {
    test(`${format}: every card is the reference's, and the files are the tool's${format === 'brat' ? " (brat's verifier)" : ''}`, { skip: checkerFor(format).skip }, () => {
      const out = exportInProcess(db, { format }, format === 'doccano' ? 'doccano.jsonl' : format);
      assert.deepEqual(runChecker(checkerFor(format), 'check_export.py', reference, format, out), { code: 0, stdout: 'ok: 14 spans, 4 cards\n', stderr: '' });
    });
  }
});
