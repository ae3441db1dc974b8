/**
 * The people of a hub: each a PostgreSQL login role, named as they annotate, in the analysts'
 * or the leads' group role. The password reaches PostgreSQL only as a SCRAM-SHA-256 verifier
 * made here, so it is in no server log or statement history.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { GOLD } from '../contract/annotators.ts';
import { HamishError } from '../contract/errors.ts';
import { ANALYST_GROUP, HUB_SCHEMA, LEAD_GROUP } from './schema.ts';

export type MemberKind = 'analyst' | 'lead';

const GROUP: Record<MemberKind, string> = { analyst: ANALYST_GROUP, lead: LEAD_GROUP };

/**
 * A member's name is their role's and their layer's: a plain PostgreSQL identifier, so that it
 * needs no quoting in psql and means the same to both. Gold and the group roles are not people.
 */
export function memberName(given: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(given)) {
    throw new HamishError('invalid_input', `hub: the name "${given}" must be 1–63 lowercase letters a–z, digits or _, not starting with a digit (it names a PostgreSQL role)`);
  }
  if (given === GOLD || given.startsWith('pg_') || given.startsWith('hamish_')) {
    throw new HamishError('invalid_input', `hub: "${given}" is reserved and cannot name a person`);
  }
  return given;
}

/** A password printed once for the person to keep: 24 characters of base64url (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 7677, 4096 iterations). */
export function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, 4096, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$4096:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export async function addMember(admin: pg.Client, name: string, kind: MemberKind, password: string): Promise<void> {
  await admin.query('BEGIN');
  try {
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    if (exists.rowCount !== 0) throw new HamishError('invalid_input', `hub: a role "${name}" exists already`);
    // DDL takes no parameters: the name is a checked identifier, the verifier base64 and `$`.
    await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD ${admin.escapeLiteral(scramVerifier(password))} IN ROLE ${GROUP[kind]}`);
    await admin.query(`INSERT INTO ${HUB_SCHEMA}.members (name, kind) VALUES ($1, $2)`, [name, kind]);
    await admin.query('COMMIT');
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  }
}

/** What the connected role is on this hub. */
export async function memberOf(client: pg.Client, shown: string): Promise<{ name: string; kind: MemberKind }> {
  const { rows } = await client.query<{ name: string; kind: MemberKind }>(`SELECT name, kind FROM ${HUB_SCHEMA}.members WHERE name = current_user`);
  if (rows.length === 0) throw new HamishError('invalid_input', `the hub ${shown} has no member for this role (hamish hub add-analyst NAME adds one)`);
  return rows[0]!;
}
