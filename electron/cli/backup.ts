/** `hamish backup` and `hamish restore`: thin doors to the contract's backup jobs (and its list of backups). */
import type { ParseArgsConfig } from 'node:util';
import { dispatch, startJob } from '../contract/dispatch.ts';
import type { Output } from '../contract/contract.ts';
import { HamishError } from '../contract/errors.ts';
import type { Hamish } from '../core/hamish.ts';

export const BACKUP_OPTIONS = {
  out: { type: 'string' },
  list: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export const BACKUP_HELP = `Usage: hamish backup --out FILE [--db PATH]
       hamish backup --list [--db PATH]

Writes a consistent copy of the library to FILE, whole or not at all, while it is in use: the app
may keep running. --list shows the backups kept beside the library: the automatic ones the app
takes when it starts (at most one an hour, the last 10; HAMISH_BACKUPS=N keeps N, 0 none) and
the copies taken before each restore.`;

export const RESTORE_HELP = `Usage: hamish restore FILE [--db PATH]

Replaces the library's contents with the backup FILE. The library as it was is kept first, in
the backups folder beside it, and its name is printed. FILE must be a Hamish library: one from an
older Hamish is brought up to date; one from a newer Hamish, or any other file, is refused.`;

type Values = Record<string, string | boolean | undefined>;

function usageError(message: string): never {
  throw new HamishError('invalid_input', message);
}

export function checkBackup(values: Values, positionals: readonly string[]): void {
  if (positionals.length > 0) usageError(`backup: unexpected argument "${positionals[0]}"`);
  if ((typeof values.out === 'string') === (values.list === true)) usageError('backup: give --out FILE, or --list');
}

export async function runBackupCommand(hamish: Hamish, values: Values): Promise<number> {
  if (values.list) {
    const backups = dispatch(hamish.handlers, 'listBackups', {}) as Output<'listBackups'>;
    for (const { file, kind, createdAt, bytes } of backups) console.log(`${createdAt}  ${kind.padEnd(14)} ${String(bytes).padStart(10)}  ${file}`);
    if (backups.length === 0) console.error('no backups yet');
    return 0;
  }
  const { file, bytes } = await startJob(hamish.jobs, 'backupLibrary', { out: values.out });
  console.error(`backed up the library to ${file} (${bytes} bytes)`);
  return 0;
}

export function checkRestore(_values: Values, positionals: readonly string[]): void {
  if (positionals.length !== 1) usageError('restore: name one backup file');
}

export async function runRestoreCommand(hamish: Hamish, _values: Values, positionals: readonly string[]): Promise<number> {
  const result = await startJob(hamish.jobs, 'restoreLibrary', { file: positionals[0] });
  console.error(`restored ${result.restored}: ${result.documents} documents, ${result.spans} spans`);
  console.error(`the library as it was is kept in ${result.previous}`);
  return 0;
}
