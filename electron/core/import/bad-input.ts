import { HamishError } from '../../contract/errors.ts';

/**
 * Input an import refuses, and the line of the file where the problem is (1-based), so that the
 * analyst can open the file there. The whole file is then left out.
 */
export class BadInput extends HamishError {
  readonly line: number;

  constructor(message: string, line: number) {
    super('invalid_input', message);
    this.name = 'BadInput';
    this.line = line;
  }
}

/** Where a record is in its file: a line of a text file, or a document of a library file (.sqlite). */
export type RecordPlace = { readonly line: number } | { readonly document: string };

/**
 * Gives a failure while storing the record at `place` (a core refusal, say a span edge inside a
 * letter, or one no check foresaw) that place: the line, or the document's id.
 */
export function atRecord<T>(place: RecordPlace, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof BadInput) throw error;
    const reason = reasonOf(error);
    throw 'line' in place ? new BadInput(reason, place.line) : new HamishError('invalid_input', `document "${place.document}": ${reason}`);
  }
}

/** What a failed file's line in the report says. */
export function reasonOf(error: unknown): string {
  if (error instanceof HamishError) return error.message;
  if (error instanceof Error && 'code' in error) return `${String(error.code)}: ${error.message}`;
  // Not foreseen (a value no check stops overflowing the stack, say): still only this file fails.
  return `unexpected error: ${String(error)}`;
}
