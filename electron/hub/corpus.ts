/**
 * A lead's work on the hub's corpus: the documents, once, and who annotates which. Documents are
 * read by the library's own import (into a scratch library), so the hub gets exactly the texts,
 * ids and metadata a library would, checked the same way.
 */
import type pg from 'pg';
import { HamishError } from '../contract/errors.ts';
import type { Db } from '../core/database.ts';

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

/**
 * Gives every document `overlap` analysts (for agreement), the least loaded first, keeping the
 * assignments it has: running it again assigns nothing new. `only`: these analysts.
 */
export async function assignDocuments(client: pg.Client, overlap: number, only: readonly string[] | undefined): Promise<Map<string, number>> {
  await client.query('BEGIN');
  try {
    // Two leads assigning at once would each count the other's work as not done.
    await client.query(`LOCK TABLE hamish.assignments IN EXCLUSIVE MODE`);
    const members = (await client.query<{ name: string }>(`SELECT name FROM hamish.members WHERE kind = 'analyst' ORDER BY name`)).rows.map((r) => r.name);
    const unknown = only?.filter((name) => !members.includes(name)) ?? [];
    if (unknown.length > 0) throw new HamishError('invalid_input', `hub assign: ${unknown.map((n) => `"${n}"`).join(', ')} is no analyst of the hub`);
    const analysts = only ? members.filter((name) => only.includes(name)) : members;
    if (analysts.length < overlap) {
      throw new HamishError('invalid_input', `hub assign: --overlap ${overlap} needs ${overlap} analysts; the hub has ${analysts.length}`);
    }
    const load = new Map(analysts.map((name) => [name, 0]));
    const documents = (
      await client.query<{ id: string; assigned: string[] }>(
        `SELECT d.id, coalesce(array_agg(a.analyst) FILTER (WHERE a.analyst IS NOT NULL), '{}') AS assigned
         FROM hamish.documents d LEFT JOIN hamish.assignments a ON a.document_id = d.id GROUP BY d.id ORDER BY d.id`,
      )
    ).rows;
    for (const { assigned } of documents) for (const name of assigned) if (load.has(name)) load.set(name, load.get(name)! + 1);
    const added = new Map<string, number>();
    const rows: { document: string; analyst: string }[] = [];
    // Among the equally loaded, the next in turn after the last one chosen: by name alone, the
    // first names would take every tie and the last be left without work.
    let turn = 0;
    const afterTurn = (name: string) => (analysts.indexOf(name) - turn + analysts.length) % analysts.length;
    for (const { id, assigned } of documents) {
      for (let more = overlap - assigned.length; more > 0; more--) {
        const name = analysts
          .filter((candidate) => !assigned.includes(candidate))
          .sort((a, b) => load.get(a)! - load.get(b)! || afterTurn(a) - afterTurn(b))[0]!;
        assigned.push(name);
        rows.push({ document: id, analyst: name });
        load.set(name, load.get(name)! + 1);
        added.set(name, (added.get(name) ?? 0) + 1);
        turn = (analysts.indexOf(name) + 1) % analysts.length;
      }
    }
    await client.query(`INSERT INTO hamish.assignments (document_id, analyst) SELECT * FROM unnest($1::text[], $2::text[])`, [
      rows.map((r) => r.document),
      rows.map((r) => r.analyst),
    ]);
    await client.query('COMMIT');
    return added;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
