/**
 * Electronegativity over the Electron shell: no finding of medium severity or above, except those
 * the README accepts with a reason ("Accepted Electronegativity findings").
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../electron/core/paths.ts';
import { tempDir } from '../support/hamish.ts';
import { scan, scanShell, SEVERITIES, type Finding } from './electronegativity.ts';

interface Accepted {
  readonly id: string;
  /** Where; absent for a check over the whole application. */
  readonly file: string | undefined;
  readonly reason: string;
}

const HEADING = '### Accepted Electronegativity findings';

/** The README's list: "- `CHECK_ID` in `path`: reason" (no "in" for whole-application checks). */
function accepted(): Accepted[] {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(HEADING);
  assert.notEqual(start, -1, `README.md has a "${HEADING}" section`);
  const section = readme.slice(start + HEADING.length).split(/\n#{1,3} /)[0]!;
  return [...section.matchAll(/^- `([A-Z_]+)`(?: in `([^`]+)`)?: (.+(?:\n {2}.+)*)/gm)].map(([, id, file, reason]) => ({
    id: id!,
    file,
    reason: reason!.replace(/\s+/g, ' '),
  }));
}

const serious = (finding: Finding) => SEVERITIES.indexOf(finding.severity) >= SEVERITIES.indexOf('MEDIUM');
const covers = (entry: Accepted, finding: Finding) => entry.id === finding.id && (entry.file ?? 'N/A') === finding.file;

describe('electronegativity', () => {
  test('finds nothing of medium severity or above that the README does not accept with a reason', { timeout: 120_000 }, async () => {
    const findings = (await scanShell()).filter(serious);
    const list = accepted();
    const unaccepted = findings.filter((finding) => !list.some((entry) => covers(entry, finding)));
    assert.deepEqual(
      unaccepted.map((f) => `${f.severity} ${f.id} ${f.file}:${f.line} ${f.description}`),
      [],
      'fix these, or accept them in the README with the reason',
    );
    for (const entry of list) {
      assert.ok(
        findings.some((finding) => covers(entry, finding)),
        `${entry.id} ${entry.file ?? ''} is accepted in the README but no longer found: take it out`,
      );
      assert.ok(entry.reason.split(' ').length >= 8, `${entry.id}: say why it is accepted`);
    }
  });

  test('it does find a window without context isolation or sandbox', { timeout: 120_000 }, async () => {
    const dir = join(tempDir(), 'unsafe');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\n" +
        "new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const ids = new Set((await scan(dir)).filter(serious).map((finding) => finding.id));
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']) assert.ok(ids.has(id), `${id} in ${[...ids].join(', ')}`);
  });
});
