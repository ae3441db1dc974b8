import type { Db } from './database.ts';

export class Annotators {
  private readonly find;
  private readonly insert;

  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.find = db.prepare<[string], { id: number }>('SELECT id FROM annotators WHERE name = ?');
    // Another process (a second app instance) may register the same name at the same moment.
    this.insert = db.prepare<[string, string]>('INSERT INTO annotators (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
  }

  /** Every registered annotator's name, sorted. */
  names(): string[] {
    return this.db.prepare<[], { name: string }>('SELECT name FROM annotators ORDER BY name').all().map((row) => row.name);
  }

  /** The annotator's id, registering the name on first use. */
  idOf(name: string): number {
    const found = this.find.get(name);
    if (found) return found.id;
    this.insert.run(name, new Date().toISOString());
    return this.find.get(name)!.id;
  }
}
