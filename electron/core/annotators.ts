import type { Db } from './database.ts';

export class Annotators {
  private readonly find;
  private readonly insert;

  constructor(db: Db) {
    this.find = db.prepare<[string], { id: number }>('SELECT id FROM annotators WHERE name = ?');
    this.insert = db.prepare<[string, string], { id: number }>(
      'INSERT INTO annotators (name, created_at) VALUES (?, ?) RETURNING id',
    );
  }

  /** The annotator's id, registering the name on first use. */
  idOf(name: string): number {
    return (this.find.get(name) ?? this.insert.get(name, new Date().toISOString()))!.id;
  }
}
