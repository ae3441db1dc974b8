import type { Db } from './database.ts';

/** What a library remembers beyond its documents: choices made in the app. */
export type SettingKey =
  | 'annotator'
  /** The team hub (JSON: its URL without password; once synced, its id and who we are there). */
  | 'hub'
  /** The hub's password as the desktop's keychain sealed it (never in plain text). */
  | 'hub_password';

export class Settings {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare<[SettingKey], string>('SELECT value FROM settings WHERE key = ?').pluck(),
      set: db.prepare<[SettingKey, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      delete: db.prepare<[SettingKey]>('DELETE FROM settings WHERE key = ?'),
    };
  }

  get(key: SettingKey): string | undefined {
    return this.statements.get.get(key);
  }

  set(key: SettingKey, value: string): void {
    this.statements.set.run(key, value);
  }

  delete(key: SettingKey): void {
    this.statements.delete.run(key);
  }
}
