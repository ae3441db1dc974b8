import { GOLD } from '../contract/annotators.ts';
import type { Db } from './database.ts';

export class Annotators {
  private readonly find;
  private readonly insert;
  private readonly people;
  private readonly absent;

  constructor(db: Db) {
    this.find = db.prepare<[string], { id: number }>('SELECT id FROM annotators WHERE name = ?');
    // Another process (a second app instance) may register the same name at the same moment.
    this.insert = db.prepare<[string, string]>('INSERT INTO annotators (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
    // The session's annotator may not be in the table (a library only read, or restored since): named as given.
    this.people = db
      .prepare<[{ also: string | null }], string>(
        `SELECT name FROM annotators n
         WHERE name <> '${GOLD}' AND EXISTS (SELECT 1 FROM annotations a WHERE a.annotator_id = n.id)
         UNION SELECT @also WHERE @also IS NOT NULL
         ORDER BY name`,
      )
      .pluck();
    this.absent = db
      .prepare<[string], string>(`SELECT value FROM json_each(?) WHERE value <> '${GOLD}' AND value NOT IN (SELECT name FROM annotators)`)
      .pluck();
  }

  /**
   * Of `names`, those the library has never seen: a typo to report, not an empty layer. An
   * annotator is known once anything of theirs was stored (a span, scope, a status, a switch to
   * the name); gold is always there, if empty before the first review decision.
   */
  unknown(names: readonly string[]): string[] {
    return this.absent.all(JSON.stringify(names));
  }

  /**
   * The people of the library, sorted: those with spans, and `also` (the session's annotator, who
   * may not have tagged yet). A login name the app only guessed, never confirmed, is not one.
   */
  names(also: string | undefined): string[] {
    return this.people.all({ also: also ?? null });
  }

  /** The annotator's id, if the library has the name (opening a document must not write). */
  existing(name: string): number | undefined {
    return this.find.get(name)?.id;
  }

  /** The annotator's id, registering the name on first use. */
  idOf(name: string): number {
    const found = this.find.get(name);
    if (found) return found.id;
    this.insert.run(name, new Date().toISOString());
    return this.find.get(name)!.id;
  }
}
