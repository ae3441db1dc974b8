/**
 * A lead puts the corpus on the hub: the documents of a library, once. Documents are read by the
 * library's own import (into a scratch library), so the hub gets exactly the texts, ids and
 * metadata a library would, checked the same way. Who annotates which is hub/assign.ts.
 */
import type pg from 'pg';
import type { Db } from '../database.ts';

export interface Upload {
  readonly added: number;
  readonly present: number;
  /** Ids the hub has with another text, each with why. */
  readonly conflicts: readonly string[];
}

interface Row {
  rowid: number;
  id: string;
  title: string;
  source: string | null;
  text: string;
  sha: string;
  meta: string;
}

const BATCH = 1000;

/** Puts every document of `db` on the hub, in one transaction; a text already there is not added again. */
export async function uploadCorpus(client: pg.Client, db: Db): Promise<Upload> {
  const page = db.prepare<[number], Row>(
    'SELECT rowid, id, title, source, text, text_sha256 AS sha, meta FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ' + BATCH,
  );
  let added = 0;
  let present = 0;
  const conflicts: string[] = [];
  await client.query('BEGIN');
  try {
    for (let rows = page.all(0); rows.length > 0; rows = page.all(rows.at(-1)!.rowid)) {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO hamish.documents (id, title, source, text, text_sha256, meta)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
         ON CONFLICT DO NOTHING RETURNING id`,
        [rows.map((r) => r.id), rows.map((r) => r.title), rows.map((r) => r.source), rows.map((r) => r.text), rows.map((r) => r.sha), rows.map((r) => r.meta)],
      );
      added += inserted.rowCount ?? 0;
      const went = new Set(inserted.rows.map((r) => r.id));
      const left = rows.filter((r) => !went.has(r.id));
      if (left.length === 0) continue;
      const there = await client.query<{ sha: string }>(`SELECT text_sha256 AS sha FROM hamish.documents WHERE text_sha256 = ANY($1::text[])`, [
        left.map((r) => r.sha),
      ]);
      const texts = new Set(there.rows.map((r) => r.sha));
      for (const row of left) {
        if (texts.has(row.sha)) present++;
        else conflicts.push(`document "${row.id}": the hub has another text under that id; this one is left out`);
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  return { added, present, conflicts };
}
