/**
 * A lead's work on the hub's corpus: who annotates which document. The documents themselves go
 * up from a library (core/hub/upload.ts).
 */
import type pg from 'pg';
import { HamishError } from '../contract/errors.ts';

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
