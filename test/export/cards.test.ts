/**
 * Claim cards in the other tools' formats: brat events with a Stance attribute, doccano's
 * relations, Label Studio's relation results and per-region stance. Each export of the card
 * corpus (test/support/card-corpus.ts) is read by the tool's own rules (test/python), comes back
 * through import as the same cards, and exports again to the same bytes.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { cardCorpus } from '../support/card-corpus.ts';
import { exportInProcess, importIntoEmpty, readExport, type ExportRequest } from '../support/export-corpus.ts';
import { checkerFor, runChecker } from '../support/python.ts';

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
      // The claims table shows every card by its texts, whatever the ids each library gives.
      const layers = request.filters?.annotators ? { filters: request.filters } : {};
      assert.equal(
        readExport(exportInProcess(copy, { format: 'claims-json', ...layers }, 'claims.json')).get('.'),
        readExport(exportInProcess(db, { format: 'claims-json', ...layers }, 'claims.json')).get('.'),
      );
      const second = exportInProcess(copy, request, name('second'));
      assert.deepEqual(readExport(second), readExport(first));
    });
  }
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

  test("brat: the checks fail on a card out of order, and on an argument brat's verifier refuses", { skip: checkerFor('brat').skip }, () => {
    const out = exportInProcess(db, { format: 'brat' }, 'brat');
    const ann = join(out, 'layla', 'reuters.ann');
    const good = readFileSync(ann, 'utf8');
    const broken = (from: string, to: string) => {
      assert.ok(good.includes(from));
      writeFileSync(ann, good.replace(from, to));
      const result = runChecker(checkerFor('brat'), 'check_export.py', reference, 'brat', out);
      assert.equal(result.code, 1);
      return result.stderr;
    };
    assert.match(broken('Via:T2 Via2:T1', 'Via:T1 Via2:T2'), /reference card missing: \('reuters', None, \(57, 122\), 'hedged'/);
    assert.match(broken('Location:T5', 'Location:T3'), /layla\/reuters\.ann: E1: Error: Location argument T3 cannot be of type ACTOR/);
    assert.match(broken('Via2:T1', 'Via3:T1'), /E1: Error: argument Via3 where brat writes Via2/);
    assert.match(broken('A1\tStance E1 hedged', 'A1\tStance E1 rumoured'), /A1: Error: rumoured is not a value of Stance/);
    assert.match(broken('E2\tCLAIM:T8 Source:T7\n', ''), /T8: Warning: trigger referenced from 0 events/);
  });
});
