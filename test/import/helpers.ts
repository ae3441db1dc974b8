import { join } from 'node:path';
import { openCore, type OpenCore } from '../support/core.ts';
import { PROJECT_ROOT } from '../support/hamish.ts';
import { connectionOf } from '../../electron/core/connection-of.ts';

/** Files every import must take, and files it must refuse (test/fixtures/import). */
export const GOOD = join(PROJECT_ROOT, 'test', 'fixtures', 'import', 'good');
export const BAD = join(PROJECT_ROOT, 'test', 'fixtures', 'import', 'bad');

export interface StoredDocument {
  readonly id: string;
  readonly title: string;
  readonly source: string | null;
  readonly text: string;
  readonly meta: Record<string, unknown>;
  /** Each annotator's status that is not new, by name. */
  readonly statuses: Record<string, string>;
}

/** A document as stored, columns the contract does not show (source) included. */
export function stored(core: OpenCore, id: string): StoredDocument {
  const row = connectionOf(core.hamish)
    .prepare<[string], Omit<StoredDocument, 'meta' | 'statuses'> & { meta: string; statuses: string }>(`
      SELECT id, title, source, text, meta,
        (SELECT json_group_object(n.name, s.status) FROM document_status s JOIN annotators n ON n.id = s.annotator_id
         WHERE s.document_id = d.id) AS statuses
      FROM documents d WHERE id = ?`)
    .get(id);
  if (!row) throw new Error(`no document "${id}"`);
  return { ...row, meta: JSON.parse(row.meta) as Record<string, unknown>, statuses: JSON.parse(row.statuses) as Record<string, string> };
}

/** Each span of a document as [label, its text, annotator], in reading order. */
export function spanTexts(core: OpenCore, id: string): [string, string, string][] {
  const { text, spans } = core.call('openDocument', { id, layers: 'all' });
  const points = Array.from(text);
  return spans.map((s) => [s.label, points.slice(s.start, s.end).join(''), s.annotator]);
}

/** Runs `run` on a new library without the samples, closed afterwards. */
export function withEmptyLibrary(run: (core: OpenCore) => void): void {
  const core = openCore({ seed: false });
  try {
    run(core);
  } finally {
    core.close();
  }
}
