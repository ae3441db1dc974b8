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

/** Gives a core refusal raised while reading `line` (say, a span edge inside a letter) that line. */
export function atLine<T>(line: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof HamishError && !(error instanceof BadInput)) throw new BadInput(error.message, line);
    throw error;
  }
}
